import APIModels
import Foundation
import MiniHTTP

/// The Open Inference Protocol's binary tensor data extension: a body is a JSON header of
/// `Inference-Header-Content-Length` bytes followed by the tensors' raw little-endian values, in the order of the
/// tensors that carry `"parameters": {"binary_data_size": N}`.
enum BinaryTensorData {
    /// The header naming the JSON header's length in bytes.
    static let headerLengthField = "Inference-Header-Content-Length"

    /// An infer request's body split into its JSON header and the binary data after it (empty without the extension).
    struct Body {
        var json: ArraySlice<UInt8>
        var binary: ArraySlice<UInt8>
    }

    /// Splits `request`'s body. Accepted: no `Content-Type` or JSON (a plain JSON body, or a framed one with
    /// `Inference-Header-Content-Length`), and `application/octet-stream` with that header.
    /// - Throws: 415 for another content type; 400 for a missing or unusable header length.
    static func split(_ request: HTTPRequest) throws(APIProblem) -> Body {
        let mediaType = JSONRequestBody.mediaType(of: request)
        let octetStream = mediaType == "application/octet-stream"
        guard mediaType.isEmpty || octetStream || JSONRequestBody.isJSON(mediaType) else {
            throw APIProblem(
                status: 415, code: "unsupported_media_type",
                message: "Content-Type '\(request.headers["Content-Type"] ?? "")' is not supported; send application/json, "
                    + "or application/octet-stream with \(headerLengthField)")
        }
        guard let field = request.headers[headerLengthField] else {
            if octetStream {
                throw APIProblem(
                    status: 400, code: "malformed_body",
                    message: "an application/octet-stream body needs the \(headerLengthField) header")
            }
            return Body(json: request.body[...], binary: [])
        }
        guard let length = Int(field.trimmingCharacters(in: .whitespaces)), length >= 0, length <= request.body.count else {
            throw APIProblem(
                status: 400, code: "malformed_body",
                message: "\(headerLengthField) must be an integer in [0, \(request.body.count)] (the body's length); got '\(field)'")
        }
        return Body(json: request.body[..<length], binary: request.body[length...])
    }

    /// Bytes per element of the input datatypes read as binary data (FP64, FP32).
    static func elementBytes(_ datatype: String) -> Int? {
        switch datatype {
        case "FP64": 8
        case "FP32": 4
        default: nil
        }
    }

    /// `count` little-endian values of `datatype` (FP64 or FP32, widened to Double) from `bytes`, which holds exactly them.
    static func values(_ bytes: ArraySlice<UInt8>, datatype: String) -> [Double] {
        let width = elementBytes(datatype) ?? 8
        var result: [Double] = []
        result.reserveCapacity(bytes.count / width)
        var index = bytes.startIndex
        while index + width <= bytes.endIndex {
            var bits: UInt64 = 0
            for byte in 0..<width { bits |= UInt64(bytes[index + byte]) << (8 * UInt64(byte)) }
            result.append(width == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
            index += width
        }
        return result
    }

    /// The tensor's values as little-endian bytes: FP64 8 bytes each, BOOL one byte (0 or 1) each.
    static func bytes(_ data: V2TensorData) -> [UInt8] {
        switch data {
        case .fp64(let values):
            var bytes = [UInt8](repeating: 0, count: values.count * 8)
            for (index, value) in values.enumerated() {
                let bits = value.bitPattern
                for byte in 0..<8 { bytes[index * 8 + byte] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(byte))) }
            }
            return bytes
        case .bool(let flags):
            return flags.map { $0 ? 1 : 0 }
        }
    }
}
