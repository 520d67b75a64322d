/// Why a model directory could not be read or written; every case names the file and what was wrong.
public enum ModelFormatError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read (missing, permissions…).
    case cannotRead(file: String, reason: String)
    /// The file could not be written or renamed into place.
    case cannotWrite(file: String, reason: String)
    /// The file ends before the data its header announces.
    case truncated(file: String, expectedBytes: Int, actualBytes: Int)
    /// The safetensors header is not valid (length, JSON, layout).
    case malformedHeader(file: String, reason: String)
    /// A tensor has a dtype other than F32.
    case unsupportedDType(tensor: String, dtype: String, file: String)
    /// A tensor's data_offsets are inconsistent with its shape or with the other tensors.
    case badDataOffsets(tensor: String, reason: String, file: String)
    /// A tensor required by the architecture is absent.
    case missingTensor(tensor: String, file: String)
    /// A tensor not part of the architecture is present.
    case unexpectedTensor(tensor: String, file: String)
    /// A tensor's shape differs from the architecture's.
    case shapeMismatch(tensor: String, expected: [Int], actual: [Int], file: String)
    /// A weight is NaN or infinite.
    case nonFiniteWeight(tensor: String, index: Int, file: String)
    /// model.json is not valid JSON or lacks a field.
    case malformedJSON(file: String, reason: String)
    /// model.json declares a format version this code cannot read.
    case unsupportedFormatVersion(found: Int, supported: Int, file: String)
    /// A field of model.json has an invalid value (non-finite number, std ≤ 0, wrong count, bad architecture…).
    case invalidField(field: String, reason: String, file: String)
    /// The weights file is not the one model.json was written with.
    case checksumMismatch(file: String, expected: String, actual: String)

    public var description: String {
        switch self {
        case let .cannotRead(file, reason): return "\(file): cannot read: \(reason)"
        case let .cannotWrite(file, reason): return "\(file): cannot write: \(reason)"
        case let .truncated(file, expected, actual): return "\(file): truncated: expected \(expected) bytes, found \(actual)"
        case let .malformedHeader(file, reason): return "\(file): malformed safetensors header: \(reason)"
        case let .unsupportedDType(tensor, dtype, file): return "\(file): tensor \(tensor) has dtype \(dtype), expected F32"
        case let .badDataOffsets(tensor, reason, file): return "\(file): tensor \(tensor): \(reason)"
        case let .missingTensor(tensor, file): return "\(file): tensor \(tensor) is missing"
        case let .unexpectedTensor(tensor, file): return "\(file): unexpected tensor \(tensor)"
        case let .shapeMismatch(tensor, expected, actual, file):
            return "\(file): tensor \(tensor) has shape \(actual), expected \(expected)"
        case let .nonFiniteWeight(tensor, index, file): return "\(file): tensor \(tensor) element \(index) is not finite"
        case let .malformedJSON(file, reason): return "\(file): malformed JSON: \(reason)"
        case let .unsupportedFormatVersion(found, supported, file):
            return "\(file): format version \(found) is not supported (this build reads version \(supported))"
        case let .invalidField(field, reason, file): return "\(file): field \(field): \(reason)"
        case let .checksumMismatch(file, expected, actual):
            return "\(file): checksum \(actual) differs from \(expected) recorded in model.json (files from different saves?)"
        }
    }
}
