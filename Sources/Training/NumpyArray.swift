import Foundation

/// A little-endian float64 array in NumPy's `.npy` format (version 1.0, C order), 1-D or 2-D.
package struct NumpyArray: Equatable, Sendable {
    /// The shape: [n] or [rows, columns].
    package let shape: [Int]
    /// The values in row-major order.
    package let values: [Double]

    package init(shape: [Int], values: [Double]) throws {
        guard !shape.isEmpty, shape.count <= 2, shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw InputFileError(path: "<array>", problem: "shape \(shape) does not match \(values.count) values")
        }
        self.shape = shape
        self.values = values
    }

    /// Number of rows (the first dimension).
    package var rows: Int { shape[0] }
    /// Number of columns (1 for a 1-D array).
    package var columns: Int { shape.count == 2 ? shape[1] : 1 }
    /// Row `i` as an array.
    package func row(_ i: Int) -> ArraySlice<Double> { values[(i * columns)..<((i + 1) * columns)] }

    /// The file bytes: magic, version 1.0, a header padded to a multiple of 64 bytes, then the raw data.
    package func encoded() -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape[0]), \(shape[1]))"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBufferPointer { buffer in
            for v in buffer {
                var bits = v.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Parses `.npy` bytes; accepts only little-endian float64 in C order with 1 or 2 dimensions.
    /// - Throws: `InputFileError` naming `path` and what is wrong.
    package init(npy data: Data, path: String) throws {
        func bad(_ problem: String) -> InputFileError { InputFileError(path: path, problem: problem) }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw bad("not a .npy file (bad magic)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1: headerLength = Int(bytes[8]) | Int(bytes[9]) << 8; headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24; headerStart = 12
        default: throw bad("unsupported .npy version \(major)")
        }
        guard bytes.count >= headerStart + headerLength,
            let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .ascii)
        else {
            throw bad("truncated header")
        }
        guard header.contains("'descr': '<f8'") else { throw bad("expected little-endian float64 ('<f8') data") }
        guard header.contains("'fortran_order': False") else { throw bad("expected C-order data") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw bad("header has no shape")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        let shape = try dims.map { d -> Int in
            guard let v = Int(d), v >= 0 else { throw bad("bad shape entry '\(d)'") }
            return v
        }
        guard (1...2).contains(shape.count) else { throw bad("expected a 1-D or 2-D array, found shape \(shape)") }
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int.max / 8 else { throw bad("shape \(shape) is too large") }
            count = product
        }
        let start = headerStart + headerLength
        guard bytes.count - start == count * 8 else {
            throw bad("data has \(bytes.count - start) bytes, shape \(shape) needs \(count * 8)")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                values[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self)))
            }
        }
        self.shape = shape
        self.values = values
    }
}
