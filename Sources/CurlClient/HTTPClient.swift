import Foundation
import SeededRandom
import Locking

/// A blocking HTTP/1.1 client over libcurl with keep-alive, timeouts, compression and retries.
///
/// Thread safety: the client is `Sendable`. It owns one libcurl handle (and so one
/// connection cache) guarded by a mutex; concurrent callers are served one at a time.
/// Create one client per thread when requests must run in parallel. Calls block the
/// calling thread (including between retries), so call it off cooperative-pool threads
/// in async code.
package final class HTTPClient: Sendable {
    package let configuration: HTTPClientConfiguration
    private let handle: Locked<EasyHandle>
    private let jitter: Locked<SplitMix64>

    /// Creates a client; fails only if libcurl cannot be initialised.
    package init(configuration: HTTPClientConfiguration) throws(HTTPClientError) {
        self.configuration = configuration
        handle = Locked(try EasyHandle())
        jitter = Locked(SplitMix64(seed: configuration.jitterSeed ?? UInt64.random(in: .min ... .max)))
    }

    /// Sends `request`, retrying as `configuration.retry` allows. Returns the response for
    /// 1xx–3xx statuses; throws `.httpStatus` for ≥ 400 with the service's error parsed.
    package func send(_ request: HTTPRequest) throws(HTTPClientError) -> HTTPResponse {
        let url = resolve(request.path)
        var attempt = 1
        while true {
            let outcome = handle.withLock { $0.perform(url: url, request: request, configuration: configuration) }
            let failure: HTTPClientError
            var retryAfter: Duration?
            switch outcome {
            case .success(let answer) where answer.status < 400:
                return HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body, attempts: attempt)
            case .success(let answer):
                failure = .httpStatus(
                    code: answer.status, error: ServiceError.parse(answer.body), body: String(decoding: answer.body, as: UTF8.self))
                retryAfter = answer.headers.last { $0.name.lowercased() == "retry-after" }.flatMap { Self.parseRetryAfter($0.value) }
            case .failure(let error):
                failure = error
            }
            guard attempt < configuration.retry.maxAttempts, configuration.retry.isRetryable(failure) else { throw failure }
            let wait = jitter.withLock { configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, using: &$0) }
            configuration.sleep(wait)
            attempt += 1
        }
    }

    /// `Retry-After` in delta-seconds form; HTTP-dates are not supported (back-off is used instead).
    static func parseRetryAfter(_ value: String) -> Duration? {
        Int(value.trimmingCharacters(in: .whitespaces)).map { .seconds(max(0, $0)) }
    }

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        let base = configuration.baseURL.hasSuffix("/") ? String(configuration.baseURL.dropLast()) : configuration.baseURL
        return base + (path.hasPrefix("/") ? path : "/" + path)
    }
}
