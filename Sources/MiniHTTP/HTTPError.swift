/// An error a route handler can throw to answer with the service's JSON error shape.
///
/// ``Router`` turns a thrown `HTTPError` into `{"error": {"code": code, "message": message}}` with `status`;
/// any other thrown error becomes `500 internal_error` without its text (nothing internal leaks).
public struct HTTPError: Error, Sendable, Equatable {
    /// The response status (e.g. 422).
    public var status: Int
    /// The stable machine-readable code (e.g. `"invalid_parameter"`).
    public var code: String
    /// A human-readable explanation, sent to the client.
    public var message: String
    /// Extra response headers (e.g. `Retry-After`).
    public var headers: HTTPHeaders

    public init(status: Int, code: String, message: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The response for this error.
    public var response: HTTPResponse {
        var response = HTTPResponse.error(status: status, code: code, message: message)
        for (name, value) in headers.fields { response.headers.add(name, value) }
        return response
    }

    /// The response for an error that is not an `HTTPError`.
    static let internalErrorResponse = HTTPResponse.error(status: 500, code: "internal_error", message: "internal server error")
}
