/// Wraps bytes in a valid gzip stream using uncompressed ("stored") deflate blocks —
/// enough for the server side of the compression test without linking zlib.
func gzipStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
    var offset = 0
    repeat {
        let length = min(65_535, data.count - offset)
        let final = offset + length == data.count
        out.append(final ? 1 : 0)
        out += littleEndian(UInt32(length), bytes: 2) + littleEndian(UInt32(~UInt16(length)), bytes: 2)
        out += data[offset..<offset + length]
        offset += length
    } while offset < data.count
    out += littleEndian(crc32(data), bytes: 4) + littleEndian(UInt32(truncatingIfNeeded: data.count), bytes: 4)
    return out
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as gzip requires.
func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0)
        }
    }
    return ~crc
}

private func littleEndian(_ value: UInt32, bytes: Int) -> [UInt8] {
    (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}
