import Foundation

/// A response produced by a handler.
///
/// The server adds `Date`, `Content-Length`, `Connection`, `X-Request-ID`, and (when it compresses)
/// `Content-Encoding` / `Vary`; values a handler sets for `Content-Length`, `Transfer-Encoding` or
/// `Connection` are replaced.
public struct HTTPResponse: Sendable {
    /// The status code (e.g. 200).
    public var status: Int
    /// Header fields to send.
    public var headers: HTTPHeaders
    /// The body, sent as-is (or gzip-compressed, see ``ServerConfiguration/gzipMinimumBytes``).
    public var body: [UInt8]
    /// The matched route pattern (set by ``Router``), reported to the observer; never sent.
    public var route: String?

    /// Creates a response.
    public init(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = [], route: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.route = route
    }

    /// A response with a UTF-8 text body and the given content type.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// A response with an already-encoded JSON body.
    public static func json(_ body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    /// A JSON response encoding `value` with `encoder`.
    /// - Throws: whatever `encoder` throws (a ``Router`` turns it into `500 internal_error`).
    public static func json(encoding value: some Encodable, status: Int = 200, encoder: JSONEncoder = JSONEncoder()) throws -> HTTPResponse
    {
        .json(Array(try encoder.encode(value)), status: status)
    }

    /// The service's stable error shape: `{"error": {"code": "...", "message": "..."}}`.
    public static func error(status: Int, code: String, message: String) -> HTTPResponse {
        let payload = ErrorPayload(error: .init(code: code, message: message))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding two strings cannot fail.
        let data = (try? encoder.encode(payload)) ?? Data()
        return .json(Array(data), status: status)
    }
}

/// The JSON error body shape shared by the server and the service.
struct ErrorPayload: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
    }
    var error: Detail
}

/// Standard reason phrases for status codes the server or typical handlers use.
enum ReasonPhrase {
    static func forStatus(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
