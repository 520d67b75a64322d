import CZlib

/// gzip compression via zlib (`deflateInit2` with windowBits 31 selects the gzip wrapper).
enum Gzip {
    /// A zlib failure, with the zlib call and return code.
    struct Failure: Error {
        var call: String
        var code: Int32
    }

    /// Compresses `input` into a complete gzip member.
    /// - Parameter level: zlib compression level, 1 (fast) … 9 (small); -1 is zlib's default (6).
    static func compress(_ input: [UInt8], level: Int32) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw Failure(call: "deflateInit2", code: initStatus) }
        defer { deflateEnd(&stream) }

        // deflateBound covers the zlib wrapper; gzip's header and trailer need 18 more bytes.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 18)
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(call: "deflate", code: status) }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
