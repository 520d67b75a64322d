import APIModels
import Foundation
import MiniHTTP

/// The Open Inference Protocol's error body on `/v2`: ``finalize(path:_:)`` rewrites every error response to a `/v2`
/// route (the handlers' ``APIProblem``s, answered by the router, and the HTTP server's own errors).
enum OpenInferenceErrors {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The response as sent for a request to `path`: on `/v2` and below, an error's `{"error": {"code", "message",
    /// "field"}}` becomes the protocol's `{"error": "<message>"}` (status and headers kept); anything else as is.
    @Sendable static func finalize(path: String, _ response: HTTPResponse) -> HTTPResponse {
        guard response.status >= 400, path == "/v2" || path.hasPrefix("/v2/"),
            let rich = try? JSONDecoder().decode(RichError.self, from: Data(response.body))
        else { return response }
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
