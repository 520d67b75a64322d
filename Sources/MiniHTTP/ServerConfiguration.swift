import Foundation

/// Everything the server can be tuned with. Every field has a documented default.
public struct ServerConfiguration: Sendable {
    /// Address to bind: a numeric IPv4/IPv6 address or a host name. Default `"127.0.0.1"` (use `"0.0.0.0"` in containers).
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free port (read it from ``HTTPServer/port`` after ``HTTPServer/start()``). Default 8080.
    public var port: UInt16 = 8080
    /// `listen(2)` backlog. Default 512.
    public var backlog: Int32 = 512
    /// Request size limits (414 / 431 / 413). Default ``HTTPParserLimits/init(maxRequestLineBytes:maxHeaderBytes:maxHeaderCount:maxBodyBytes:)`` defaults.
    public var limits = HTTPParserLimits()
    /// Time allowed from the first byte of a request (or from accept, for a new connection) until its head is
    /// complete; exceeded → 408 and close (slowloris protection). A connection that sent nothing is closed silently. Default 10 s.
    public var headerTimeout: Duration = .seconds(10)
    /// Time allowed between body bytes while reading a body; exceeded → 408 and close. Default 30 s.
    public var bodyTimeout: Duration = .seconds(30)
    /// How long an idle keep-alive connection stays open between requests; exceeded → closed silently. Default 60 s.
    public var idleTimeout: Duration = .seconds(60)
    /// How long a handler may run; exceeded → 504 `handler_timeout` and the connection is closed (the handler's
    /// late result is discarded; its worker stays busy until it returns). Default 30 s.
    public var handlerTimeout: Duration = .seconds(30)
    /// How long a response write may stall on a client that does not read; exceeded → closed. Default 30 s.
    public var writeTimeout: Duration = .seconds(30)
    /// Most open connections. Over the cap a new connection is accepted, answered `503 too_many_connections`
    /// with `Connection: close`, and closed. Default 1024.
    public var maxConnections: Int = 1024
    /// Threads running handlers. Default: the number of active processors.
    public var workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Requests that may wait for a worker beyond the ones running; when running + waiting reaches
    /// `workerCount + maxQueuedRequests` new requests get `503 overloaded` with `Retry-After`. Default 64.
    public var maxQueuedRequests: Int = 64
    /// Value of `Retry-After` (seconds) on 503 responses. Default 1.
    public var retryAfterSeconds: Int = 1
    /// Smallest body (bytes) that is gzip-compressed for clients accepting gzip; only compressible
    /// content types (text, JSON, XML, JavaScript, SVG) are compressed. Default 1024.
    public var gzipMinimumBytes: Int = 1024
    /// zlib level for gzip responses, 1 … 9. Default 6.
    public var gzipLevel: Int32 = 6
    /// Longest graceful drain; connections still open afterwards are closed. Default 25 s
    /// (below Kubernetes' default 30 s termination grace period).
    public var drainTimeout: Duration = .seconds(25)
    /// How long a closing connection keeps discarding unread client bytes after its last response,
    /// so the kernel does not reset the connection before the client reads the response. Default 2 s.
    public var lingerTimeout: Duration = .seconds(2)

    /// Creates the default configuration; change fields as needed.
    public init() {}
}

extension Duration {
    /// This duration as a Dispatch interval (nanosecond resolution).
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .never }
        return .nanoseconds(Int(nanoseconds.partialValue + attoseconds / 1_000_000_000))
    }
}
