import Foundation

/// One tensor of a safetensors file: its shape and float32 values (row-major).
public struct NamedTensor: Sendable, Equatable {
    /// Tensor name, e.g. `encoder.0.weight`.
    public var name: String
    /// Shape (PyTorch convention: weights [out, in]).
    public var shape: [Int]
    /// Values in row-major order.
    public var values: [Float]

    /// A tensor; `values.count` must equal the product of `shape`.
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Reads and writes the standard safetensors layout (float32 only):
/// an 8-byte little-endian u64 header length N, N bytes of JSON
/// (`{"name": {"dtype": "F32", "shape": […], "data_offsets": [begin, end]}, …, "__metadata__": {…}}`,
/// padded with spaces to a multiple of 8), then the raw little-endian float32 data, offsets relative to its start.
///
/// Reading the weights in Python needs only numpy:
///
///     import json, struct, numpy as np
///     raw = open("models/NAME/model.safetensors", "rb").read()
///     n = struct.unpack("<Q", raw[:8])[0]
///     header = json.loads(raw[8:8 + n])
///     def tensor(name):
///         begin, end = header[name]["data_offsets"]
///         return np.frombuffer(raw[8 + n + begin:8 + n + end], dtype="<f4").reshape(header[name]["shape"])
///     w0 = tensor("encoder.0.weight")   # shape (128, 107): y = x @ w0.T + tensor("encoder.0.bias")
///
/// (`safetensors.numpy.load_file` and `safetensors.torch.load_file` read the file as well.)
public enum Safetensors {
    /// Largest header accepted when reading (guards against absurd lengths in corrupt files).
    static let maximumHeaderBytes = 16 << 20

    /// The file bytes for `tensors` (in the given order) and string metadata.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String]) -> Data {
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for tensor in tensors {
            precondition(tensor.values.count == tensor.shape.reduce(1, *), "tensor \(tensor.name): values do not fill its shape")
            let end = offset + 4 * tensor.values.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        header.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8))
        var data = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for tensor in tensors {
            var littleEndian = tensor.values.map { $0.bitPattern.littleEndian }
            littleEndian.withUnsafeMutableBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The tensors (in data order) and metadata of safetensors bytes; `file` names the source in errors.
    public static func decode(_ data: Data, file: String) throws(ModelFormatError) -> (tensors: [NamedTensor], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw .truncated(file: file, expectedBytes: 8, actualBytes: bytes.count) }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(maximumHeaderBytes) else {
            throw .malformedHeader(file: file, reason: "header length \(headerLength) exceeds \(maximumHeaderBytes) bytes")
        }
        let dataStart = 8 + Int(headerLength)
        guard bytes.count >= dataStart else { throw .truncated(file: file, expectedBytes: dataStart, actualBytes: bytes.count) }
        let header: SafetensorsHeader
        do {
            header = try JSONDecoder().decode(SafetensorsHeader.self, from: Data(bytes[8..<dataStart]))
        } catch {
            throw .malformedHeader(file: file, reason: "\(error)")
        }
        let ordered = header.entries.sorted { ($0.value.dataOffsets.first ?? 0, $0.key) < ($1.value.dataOffsets.first ?? 0, $1.key) }
        var expectedBegin = 0
        var tensors: [NamedTensor] = []
        for (name, entry) in ordered {
            guard entry.dtype == "F32" else { throw .unsupportedDType(tensor: name, dtype: entry.dtype, file: file) }
            guard entry.shape.allSatisfy({ $0 >= 0 }), entry.dataOffsets.count == 2 else {
                throw .badDataOffsets(tensor: name, reason: "needs non-negative shape and two data offsets", file: file)
            }
            let (begin, end) = (entry.dataOffsets[0], entry.dataOffsets[1])
            guard begin == expectedBegin else {
                throw .badDataOffsets(
                    tensor: name, reason: "data starts at \(begin), expected \(expectedBegin) (gap or overlap)", file: file)
            }
            guard let elementCount = checkedElementCount(entry.shape), end - begin == 4 * elementCount else {
                throw .badDataOffsets(tensor: name, reason: "\(end - begin) bytes for shape \(entry.shape) of F32", file: file)
            }
            guard end <= bytes.count - dataStart else {
                let (expected, overflow) = dataStart.addingReportingOverflow(end)
                throw .truncated(file: file, expectedBytes: overflow ? Int.max : expected, actualBytes: bytes.count)
            }
            var values = [Float](repeating: 0, count: elementCount)
            for index in 0..<elementCount {
                let at = dataStart + begin + 4 * index
                let pattern = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                values[index] = Float(bitPattern: pattern)
            }
            tensors.append(NamedTensor(name: name, shape: entry.shape, values: values))
            expectedBegin = end
        }
        guard dataStart + expectedBegin == bytes.count else {
            throw .malformedHeader(file: file, reason: "\(bytes.count - dataStart - expectedBegin) bytes after the last tensor")
        }
        return (tensors, header.metadata)
    }

    /// The number of elements of `shape`, or nil if it (times 4 bytes) overflows `Int`.
    private static func checkedElementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count <= Int.max / 4 ? count : nil
    }

    /// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// The JSON header: tensor entries plus the optional `__metadata__` string map.
private struct SafetensorsHeader: Decodable {
    struct Entry: Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]
        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    var entries: [String: Entry] = [:]
    var metadata: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
    }
}
