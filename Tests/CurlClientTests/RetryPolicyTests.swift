import Foundation
import Testing
import CurlClient
import SeededRandom

@Suite struct RetryPolicyTests {
    @Test func fullJitterStaysUnderTheExponentialCap() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        var generator = SplitMix64(seed: 7)
        for attempt in 1...8 {
            let cap = min(Duration.seconds(1), .milliseconds(100) * (1 << (attempt - 1)))
            for _ in 0..<200 {
                let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, using: &generator)
                #expect(delay >= .zero && delay <= cap)
            }
        }
    }

    @Test func jitterIsReproducibleFromTheSeed() {
        let policy = RetryPolicy()
        func delays(seed: UInt64) -> [Duration] {
            var generator = SplitMix64(seed: seed)
            return (1...5).map { policy.delay(afterAttempt: $0, retryAfter: nil, using: &generator) }
        }
        #expect(delays(seed: 1) == delays(seed: 1))
        #expect(delays(seed: 1) != delays(seed: 2))
    }

    @Test func retryAfterIsHonouredAndCapped() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(10))
        var generator = SplitMix64(seed: 0)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3), using: &generator) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(120), using: &generator) == .seconds(10))
    }

    @Test func serviceErrorBodyIsParsedWhenPresent() {
        let body = Data(#"{"error": {"code": "invalid_argument", "message": "bad eos", "field": "eos"}}"#.utf8)
        #expect(ServiceError.parse(body) == ServiceError(code: "invalid_argument", message: "bad eos", field: "eos"))
        #expect(ServiceError.parse(Data(#"{"error": {"code": "x", "message": "y"}}"#.utf8))?.field == nil)
        #expect(ServiceError.parse(Data("<html>oops</html>".utf8)) == nil)
    }
}
