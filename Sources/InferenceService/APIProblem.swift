import APIModels
import Foundation
import MiniHTTP

/// The one place errors become HTTP responses: ``response(for:)`` for the handlers' errors, ``finalize(path:_:)`` to
/// give every error on a `/v2` route (the handlers' and the HTTP server's own) the Open Inference Protocol's body.
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

    /// The response as sent for a request to `path`: on `/v2` and below, an error's `{"error": {"code", "message",
    /// "field"}}` becomes the protocol's `{"error": "<message>"}` (status and headers kept); anything else as is.
    @Sendable static func finalize(path: String, _ response: HTTPResponse) -> HTTPResponse {
        guard response.status >= 400, path == "/v2" || path.hasPrefix("/v2/"),
              let rich = try? JSONDecoder().decode(RichError.self, from: Data(response.body)) else { return response }
        var rewritten = response
        rewritten.body = (try? encoder.encode(V2ErrorBody(error: rich.error.message))).map(Array.init) ?? response.body
        return rewritten
    }

    /// The part of the rich error body the protocol's keeps.
    private struct RichError: Decodable {
        struct Detail: Decodable { var message: String }
        var error: Detail
    }
}
