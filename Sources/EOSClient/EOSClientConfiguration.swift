import CurlClient

/// Settings of an ``EOSServiceClient``. Every field has a documented default except ``serverURL``.
package struct EOSClientConfiguration: Sendable {
    /// Scheme, host and port of the server, e.g. `http://127.0.0.1:8080` (the `eos-client` default, or `EOS_SERVER`).
    package var serverURL: String
    /// Limit for establishing a connection (default 5 s).
    package var connectTimeout: Duration
    /// Limit for one whole request attempt (default 120 s: a full-size batch on a busy server can take a while).
    package var requestTimeout: Duration
    /// Attempts per request, the first included (default 3). Connection failures and 503 are retried with
    /// jittered exponential back-off (honouring `Retry-After`); 4xx never are.
    package var maxAttempts: Int
    /// Back-off cap of the first retry, doubling per retry (default 100 ms).
    package var retryBaseDelay: Duration
    /// Ask for gzip responses (default `true`; on loopback `false` saves CPU on both ends).
    package var acceptCompression: Bool
    /// Sent as `User-Agent` (default `eos-client/1`).
    package var userAgent: String
    /// Jitter seed for reproducible retry delays; `nil` (default) seeds from the system generator.
    package var jitterSeed: UInt64?

    /// A configuration with the documented defaults.
    package init(
        serverURL: String = EOSClientConfiguration.defaultServerURL, connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(120), maxAttempts: Int = 3, retryBaseDelay: Duration = .milliseconds(100),
        acceptCompression: Bool = true, userAgent: String = "eos-client/1", jitterSeed: UInt64? = nil
    ) {
        self.serverURL = serverURL
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.retryBaseDelay = retryBaseDelay
        self.acceptCompression = acceptCompression
        self.userAgent = userAgent
        self.jitterSeed = jitterSeed
    }

    /// `http://127.0.0.1:8080`, where `eos-server` listens by default.
    package static let defaultServerURL = "http://127.0.0.1:8080"

    /// The HTTP client settings these imply.
    var httpConfiguration: HTTPClientConfiguration {
        HTTPClientConfiguration(
            baseURL: serverURL, connectTimeout: connectTimeout, totalTimeout: requestTimeout,
            acceptCompression: acceptCompression,
            retry: RetryPolicy(maxAttempts: max(1, maxAttempts), baseDelay: retryBaseDelay),
            jitterSeed: jitterSeed, userAgent: userAgent)
    }
}
