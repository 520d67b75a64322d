import CurlClient
import Foundation

/// Why an `EOSServiceClient` call or an `eos-client` command failed. Each case maps to one process exit code
/// (``exitCode``) and prints as one line (``description``).
package enum EOSClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing answered: connection refused, unresolvable host, timeout, or the connection dropped.
    case unreachable(server: String, message: String)
    /// The server answered with an HTTP error status; `code` and `field` come from its JSON error body.
    case server(status: Int, code: String?, message: String, field: String?)
    /// The server's answer was not the JSON the API promises.
    case invalidResponse(message: String)
    /// The user's input (a points file, a vector file, an argument) is not usable; `message` names where.
    case invalidInput(message: String)

    /// Process exit code: 2 for bad input (usage), 3 when the server cannot be reached, 4 for a server error.
    package var exitCode: Int32 {
        switch self {
        case .invalidInput: 2
        case .unreachable: 3
        case .server, .invalidResponse: 4
        }
    }

    package var description: String {
        switch self {
        case .unreachable(let server, let message): "cannot reach the EOS server at \(server): \(message)"
        case .server(let status, let code, let message, let field):
            "server answered HTTP \(status)" + (code.map { " \($0)" } ?? "") + ": " + message
                + (field.map { " (field \($0))" } ?? "")
        case .invalidResponse(let message): "unexpected answer from the server: \(message)"
        case .invalidInput(let message): message
        }
    }

    /// The client error an `HTTPClientError` stands for.
    init(_ error: HTTPClientError, server: String) {
        switch error {
        case .unreachable(_, let message):
            self = .unreachable(server: server, message: Self.oneLine(message))
        case .timeout(_, let message):
            self = .unreachable(server: server, message: "no answer in time (\(Self.oneLine(message)))")
        case .transport(let code, let message):
            self = .unreachable(server: server, message: "transfer failed (curl \(code)): \(Self.oneLine(message))")
        case .httpStatus(let status, let detail?, _):
            self = .server(status: status, code: detail.code, message: Self.oneLine(detail.message), field: detail.field)
        case .httpStatus(let status, nil, let body):
            let text = Self.oneLine(body)
            self = .server(status: status, code: nil, message: text.isEmpty ? "(empty body)" : String(text.prefix(200)), field: nil)
        case .encoding(let message):
            self = .invalidInput(message: "cannot encode the request: \(Self.oneLine(message))")
        case .decoding(let type, let message, _):
            self = .invalidResponse(message: "cannot read \(type): \(Self.oneLine(message).prefix(300))")
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
