import APIModels
import Foundation
import MiniHTTP

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
