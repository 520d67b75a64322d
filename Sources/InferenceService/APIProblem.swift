import APIModels
import Foundation
import MiniHTTP

/// A request the service refuses: the HTTP status and the error body's code, message and field.
///
/// Every error a handler throws ends up here (``ErrorResponses``): unknown errors become a 500 without their text.
struct APIProblem: Error, Sendable, Equatable {
    var status: Int
    var detail: APIErrorDetail

    init(status: Int, code: String, message: String, field: String? = nil) {
        self.status = status
        detail = APIErrorDetail(code: code, message: message, field: field)
    }

    /// 422 `out_of_range` for a number outside its allowed range.
    static func outOfRange(_ field: String, value: Double, range: ClosedRange<Double>, unit: String = "") -> APIProblem {
        let suffix = unit.isEmpty ? "" : " " + unit
        return APIProblem(status: 422, code: "out_of_range",
                          message: "\(field) = \(value)\(suffix) is outside the allowed range [\(range.lowerBound), \(range.upperBound)]\(suffix)",
                          field: field)
    }

    /// 422 `out_of_range` for an integer outside its allowed range.
    static func outOfRange(_ field: String, value: Int, range: ClosedRange<Int>) -> APIProblem {
        APIProblem(status: 422, code: "out_of_range",
                   message: "\(field) = \(value) is outside the allowed range [\(range.lowerBound), \(range.upperBound)]",
                   field: field)
    }

    /// 404 `model_not_found`.
    static func modelNotFound(_ name: String, served: String) -> APIProblem {
        APIProblem(status: 404, code: "model_not_found", message: "no model named '\(name)'; this server serves '\(served)'", field: "name")
    }

    /// 503 `not_ready` while the model is loading or the server drains.
    static let notReady = APIProblem(status: 503, code: "not_ready", message: "the model is not ready (loading or shutting down); retry later")
}

/// The one place errors become HTTP responses.
enum ErrorResponses {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The response for any error thrown by a handler: ``APIProblem`` → its status and body; anything else →
    /// `500 internal_error` with no internal text.
    static func response(for error: any Error) -> HTTPResponse {
        guard let problem = error as? APIProblem else {
            return response(for: APIProblem(status: 500, code: "internal_error", message: "internal server error"))
        }
        let body = (try? encoder.encode(APIErrorBody(error: problem.detail))) ?? Data()
        var response = HTTPResponse.json(Array(body), status: problem.status)
        if problem.status == 503 { response.headers["Retry-After"] = "1" }
        return response
    }
}
