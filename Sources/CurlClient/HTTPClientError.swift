import Foundation

/// Why a request failed.
package enum HTTPClientError: Error, Sendable, Hashable {
    /// No connection could be made (refused, unresolvable host, no route).
    case unreachable(url: String, message: String)
    /// The connect or total timeout expired.
    case timeout(url: String, message: String)
    /// The server answered with a status ≥ 400. `error` is the service's structured error
    /// when the body has the form `{"error": {"code", "message", "field"}}`; `body` is the raw text.
    case httpStatus(code: Int, error: ServiceError?, body: String)
    /// Any other libcurl failure, with its `CURLcode` and message.
    case transport(curlCode: Int, message: String)
    /// The request body could not be encoded as JSON.
    case encoding(message: String)
    /// The response body is not the expected JSON.
    case decoding(type: String, message: String, body: String)
}

/// The structured error body the service sends with 4xx/5xx answers.
package struct ServiceError: Codable, Sendable, Hashable {
    /// Machine-readable code, e.g. "invalid_argument".
    package var code: String
    /// Human-readable explanation.
    package var message: String
    /// The request field at fault, when there is one.
    package var field: String?

    package init(code: String, message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// Parses `{"error": {...}}`; `nil` when the body has another shape.
    package static func parse(_ body: Data) -> ServiceError? {
        struct Envelope: Decodable { let error: ServiceError }
        return try? JSONDecoder().decode(Envelope.self, from: body).error
    }
}

extension HTTPClientError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .unreachable(let url, let message): "cannot connect to \(url): \(message)"
        case .timeout(let url, let message): "request to \(url) timed out: \(message)"
        case .httpStatus(let code, let error?, _):
            "HTTP \(code) \(error.code): \(error.message)" + (error.field.map { " (field \($0))" } ?? "")
        case .httpStatus(let code, nil, let body): "HTTP \(code): \(body.prefix(200))"
        case .transport(let code, let message): "transfer failed (curl \(code)): \(message)"
        case .encoding(let message): "cannot encode request body: \(message)"
        case .decoding(let type, let message, _): "cannot decode \(type) from response: \(message)"
        }
    }
}
