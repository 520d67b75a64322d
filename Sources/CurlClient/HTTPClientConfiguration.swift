import Foundation

/// Settings of an `HTTPClient`. Every field has a documented default except `baseURL`.
package struct HTTPClientConfiguration: Sendable {
    /// Scheme, host and port, e.g. "http://127.0.0.1:8080"; request paths are appended to it.
    package var baseURL: String
    /// Limit for establishing the TCP connection (default 5 s).
    package var connectTimeout: Duration
    /// Limit for one whole attempt, connecting included (default 30 s). Retries get a fresh limit.
    package var totalTimeout: Duration
    /// Ask for compressed responses (gzip/deflate) and decompress them (default `true`).
    package var acceptCompression: Bool
    package var retry: RetryPolicy
    /// Seed of the jitter generator; `nil` (default) seeds from the system generator so
    /// that many clients do not retry in lock-step. Set it for reproducible delays.
    package var jitterSeed: UInt64?
    /// Header that carries `HTTPRequest.requestID` (default "X-Request-ID").
    package var requestIDHeader: String
    /// Default "CurlClient/1".
    package var userAgent: String
    /// Headers sent with every request (default none).
    package var headers: [HTTPHeader]
    /// How the client waits between attempts (default: blocks the calling thread).
    /// Tests inject a recorder here.
    package var sleep: @Sendable (Duration) -> Void

    package init(
        baseURL: String,
        connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(30),
        acceptCompression: Bool = true,
        retry: RetryPolicy = RetryPolicy(),
        jitterSeed: UInt64? = nil,
        requestIDHeader: String = "X-Request-ID",
        userAgent: String = "CurlClient/1",
        headers: [HTTPHeader] = [],
        sleep: @escaping @Sendable (Duration) -> Void = HTTPClientConfiguration.blockingSleep
    ) {
        self.baseURL = baseURL
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.acceptCompression = acceptCompression
        self.retry = retry
        self.jitterSeed = jitterSeed
        self.requestIDHeader = requestIDHeader
        self.userAgent = userAgent
        self.headers = headers
        self.sleep = sleep
    }

    /// The default `sleep`: blocks the calling thread for the duration.
    package static let blockingSleep: @Sendable (Duration) -> Void = { duration in
        Thread.sleep(forTimeInterval: duration.seconds)
    }
}
