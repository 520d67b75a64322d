import Foundation
import ModelFormat
import Testing

@Suite("Safetensors")
struct SafetensorsTests {
    /// Safetensors bytes with a hand-written header and `dataBytes` zero bytes of data.
    func file(header: String, dataBytes: Int) -> Data {
        var headerBytes = Array(header.utf8)
        headerBytes.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - headerBytes.count % 8) % 8))
        var data = Data()
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        data.append(contentsOf: [UInt8](repeating: 0, count: dataBytes))
        return data
    }

    @Test("encode then decode returns the same tensors, metadata and bit patterns")
    func roundTrip() throws {
        let tensors = [
            NamedTensor(name: "a", shape: [2, 3], values: [1, -0.0, .leastNonzeroMagnitude, 3.5, -7, 1e30]),
            NamedTensor(name: "b \"quoted\"", shape: [], values: [42]),
        ]
        let decoded = try Safetensors.decode(Safetensors.encode(tensors, metadata: ["note": "line\nbreak"]), file: "memory")
        #expect(decoded.metadata == ["note": "line\nbreak"])
        #expect(decoded.tensors.map(\.name) == tensors.map(\.name))
        #expect(decoded.tensors.map(\.shape) == tensors.map(\.shape))
        #expect(decoded.tensors.map { $0.values.map(\.bitPattern) } == tensors.map { $0.values.map(\.bitPattern) })
    }

    @Test("overflowing shapes, gaps and trailing bytes are rejected, not trapped on")
    func hostileHeaders() {
        let huge = file(header: #"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,16]}}"#, dataBytes: 16)
        #expect(
            throws: ModelFormatError.badDataOffsets(
                tensor: "w", reason: "16 bytes for shape [4611686018427387904, 4] of F32",
                file: "f")
        ) {
            try Safetensors.decode(huge, file: "f")
        }
        let farEnd = file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,9223372036854775807]}}"#, dataBytes: 4)
        #expect(throws: ModelFormatError.self) { try Safetensors.decode(farEnd, file: "f") }
        let consistentButHuge = file(
            header: #"{"w":{"dtype":"F32","shape":[2305843009213693951],"data_offsets":[0,9223372036854775804]}}"#, dataBytes: 4)
        #expect(throws: ModelFormatError.truncated(file: "f", expectedBytes: .max, actualBytes: consistentButHuge.count)) {
            try Safetensors.decode(consistentButHuge, file: "f")
        }
        let gap = file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, dataBytes: 8)
        #expect(throws: ModelFormatError.badDataOffsets(tensor: "w", reason: "data starts at 4, expected 0 (gap or overlap)", file: "f")) {
            try Safetensors.decode(gap, file: "f")
        }
        let trailing = file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, dataBytes: 6)
        #expect(throws: ModelFormatError.malformedHeader(file: "f", reason: "2 bytes after the last tensor")) {
            try Safetensors.decode(trailing, file: "f")
        }
        var absurd = Data()
        withUnsafeBytes(of: UInt64.max.littleEndian) { absurd.append(contentsOf: $0) }
        #expect(throws: ModelFormatError.self) { try Safetensors.decode(absurd, file: "f") }
    }
}
