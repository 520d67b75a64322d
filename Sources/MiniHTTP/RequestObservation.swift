/// A completed exchange, reported to the observer for access logging and metrics.
public struct RequestRecord: Sendable {
    /// The request method, or `""` if the request could not be parsed.
    public var method: String
    /// The request path (percent-encoded), or `""` if the request could not be parsed.
    public var path: String
    /// The matched route pattern (from ``HTTPResponse/route``), or `nil`.
    public var route: String?
    /// The status sent.
    public var status: Int
    /// From the complete request (or the error) to the last response byte written.
    public var duration: Duration
    /// Decoded request body bytes.
    public var requestBodyBytes: Int
    /// Response body bytes sent on the wire (after compression; 0 for HEAD).
    public var responseBodyBytes: Int
    /// The request id echoed in `X-Request-ID` (empty for unparsable requests).
    public var requestID: String
    /// Whether the response write completed; false if the client went away first.
    public var completed: Bool

    /// Creates a record (the server does this; public for testing observers).
    public init(
        method: String, path: String, route: String?, status: Int, duration: Duration,
        requestBodyBytes: Int, responseBodyBytes: Int, requestID: String, completed: Bool
    ) {
        self.method = method
        self.path = path
        self.route = route
        self.status = status
        self.duration = duration
        self.requestBodyBytes = requestBodyBytes
        self.responseBodyBytes = responseBodyBytes
        self.requestID = requestID
        self.completed = completed
    }
}

/// Called once per response the server finishes (or abandons), on a connection queue; keep it fast.
public typealias RequestObserver = @Sendable (RequestRecord) -> Void

/// The request handler: synchronous, run on the server's worker pool.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

/// Where a request's response comes from.
public enum HTTPDispatch: Sendable {
    /// Already known (or cheap to make): sent at once from the connection's queue.
    case respond(HTTPResponse)
    /// Produced by running the work on the server's worker pool.
    case onPool(@Sendable () -> HTTPResponse)
}

/// Decides, on the connection's queue, how each request is answered. It must be fast and never block: it runs
/// between socket reads; anything slow belongs in the `.onPool` work it returns.
public typealias HTTPDispatcher = @Sendable (HTTPRequest) -> HTTPDispatch

/// Rewrites every response just before it is written — the handlers' and the server's own (400, 404, 405, 408, 413,
/// 503, 504 …) — given the request path (empty when the request line could not be read). Runs on the connection's
/// queue: it must be fast.
public typealias ResponseFinalizer = @Sendable (_ path: String, _ response: HTTPResponse) -> HTTPResponse
