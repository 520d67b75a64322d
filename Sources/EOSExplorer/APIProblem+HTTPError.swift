import APIModels
import MiniHTTP

/// An ``APIProblem`` thrown by a handler is answered by the router with its status and `{"error": {"code", "message",
/// "field"}}`, and `Retry-After: 1` on a 503.
///
/// The conformance lives here, in the lowest module that sees both APIModels (kept free of HTTP) and MiniHTTP; the
/// service gets it by importing EOSExplorer.
extension APIProblem: HTTPError {
    /// The error body.
    public var body: APIErrorBody { APIErrorBody(error: detail) }

    /// `Retry-After: 1` on a 503 (the model is loading or the server drains), none otherwise.
    public var headers: HTTPHeaders { status == 503 ? ["Retry-After": "1"] : [:] }
}
