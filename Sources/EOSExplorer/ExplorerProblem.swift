import APIModels
import Foundation
import MiniHTTP

/// A plot request the explorer refuses, answered in the API's error shape
/// `{"error": {"code", "message", "field"}}` (same encoder settings as the service's errors).
struct ExplorerProblem: Error, Sendable, Equatable {
    var status: Int
    var detail: APIErrorDetail

    init(status: Int, code: String, message: String, field: String? = nil) {
        self.status = status
        detail = APIErrorDetail(code: code, message: message, field: field)
    }

    /// 400 `malformed_query`: the query cannot be read (unknown parameter, empty value, not a number).
    static func malformed(_ message: String, field: String? = nil) -> ExplorerProblem {
        ExplorerProblem(status: 400, code: "malformed_query", message: message, field: field)
    }

    /// 422 `out_of_range`, worded as the API words it.
    static func outOfRange(_ field: String, value: Double, range: ValueRange, unit: String = "") -> ExplorerProblem {
        let suffix = unit.isEmpty ? "" : " " + unit
        return ExplorerProblem(status: 422, code: "out_of_range",
                               message: "\(field) = \(value)\(suffix) is outside the allowed range [\(range.min), \(range.max)]\(suffix)",
                               field: field)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The JSON error response.
    var response: HTTPResponse {
        // Encoding strings cannot fail.
        let body = (try? Self.encoder.encode(APIErrorBody(error: detail))) ?? Data()
        return .json(Array(body), status: status)
    }
}
