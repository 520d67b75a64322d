/// When and how long to wait before retrying.
///
/// Retried: connection failures (`unreachable`, and connections dropped with no or a partial
/// answer) and HTTP 503. Never retried: other statuses (4xx in particular), timeouts (the
/// server may still be working on the request), and encoding/decoding errors.
package struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first (default 3; 1 disables retries).
    package var maxAttempts: Int
    /// Back-off cap for the first retry; doubles each retry (default 100 ms).
    package var baseDelay: Duration
    /// Upper bound of the exponential back-off (default 5 s).
    package var maxDelay: Duration
    /// Upper bound applied to a server's `Retry-After` (default 30 s).
    package var maxRetryAfter: Duration

    package init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(5),
        maxRetryAfter: Duration = .seconds(30)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// No retries.
    package static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1`. A `Retry-After` value is honoured (capped at
    /// `maxRetryAfter`); otherwise "full jitter": uniform in [0, min(maxDelay, baseDelay · 2^(attempt−1))].
    package func delay(afterAttempt attempt: Int, retryAfter: Duration?, using generator: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maxRetryAfter)
        }
        let growth = Double(1 << min(max(attempt - 1, 0), 30))
        let cap = min(maxDelay, baseDelay * growth)
        let capNanoseconds = Int64(cap.seconds * 1e9)
        guard capNanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...capNanoseconds, using: &generator))
    }

    /// Whether a failed attempt may be retried (attempts permitting).
    func isRetryable(_ error: HTTPClientError) -> Bool {
        switch error {
        case .unreachable: true
        case .httpStatus(let code, _, _): code == 503
        case .transport(let curlCode, _): Self.droppedConnectionCodes.contains(curlCode)
        case .timeout, .encoding, .decoding: false
        }
    }

    /// CURLE_GOT_NOTHING (52), CURLE_SEND_ERROR (55), CURLE_RECV_ERROR (56).
    private static let droppedConnectionCodes: Set<Int> = [52, 55, 56]
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// Whole milliseconds, rounded up so a positive duration never becomes 0 (which libcurl reads as "no limit").
    var roundedUpMilliseconds: Int {
        let parts = components
        return Int(parts.seconds) * 1000 + Int((parts.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
