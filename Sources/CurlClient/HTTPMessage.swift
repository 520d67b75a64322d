import Foundation

/// HTTP request methods the client sends.
package enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One header field. Names compare case-insensitively in lookups.
package struct HTTPHeader: Sendable, Hashable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request, relative to the client's base URL unless `path` is an absolute URL.
package struct HTTPRequest: Sendable, Hashable {
    package var method: HTTPMethod
    /// Path such as "/v1/decode" (appended to `baseURL`), or an absolute `http(s)://` URL.
    package var path: String
    /// Extra headers, sent after the configuration's default headers.
    package var headers: [HTTPHeader]
    /// Request body; ignored for GET and HEAD. POST, PUT and PATCH send an empty body when `nil`.
    package var body: Data?
    /// Sent in the configuration's `requestIDHeader` when not `nil`.
    package var requestID: String?

    package init(method: HTTPMethod = .get, path: String, headers: [HTTPHeader] = [], body: Data? = nil, requestID: String? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.requestID = requestID
    }
}

/// A complete response. The body is already decompressed when the server sent gzip.
package struct HTTPResponse: Sendable, Hashable {
    package let status: Int
    /// Header fields of the final response, in arrival order.
    package let headers: [HTTPHeader]
    package let body: Data
    /// How many attempts the request took (1 when it succeeded at once).
    package let attempts: Int

    package init(status: Int, headers: [HTTPHeader], body: Data, attempts: Int) {
        self.status = status
        self.headers = headers
        self.body = body
        self.attempts = attempts
    }

    /// The last value of the header `name` (case-insensitive), if present.
    package func header(_ name: String) -> String? {
        headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
