import Foundation
import InferenceService
import MiniHTTP
import Testing

/// The in-process rate of `/v1/decode/batch` (router and handlers, no sockets), the baseline the load test
/// (scripts/load/run.sh) compares the HTTP rate with. Runs only when `EOS_BENCH_BODY` names a batch request
/// file; the model comes from the `EOS_*` environment. Reports, never asserts.
@Suite("In-process batch rate (EOS_BENCH_BODY)")
struct InProcessRateBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EOS_BENCH_BODY"] != nil))
    func batchRate() throws {
        let environment = ProcessInfo.processInfo.environment
        let body = try Array(Data(contentsOf: URL(fileURLWithPath: environment["EOS_BENCH_BODY"]!)))
        let seconds = Double(environment["EOS_BENCH_SECONDS"] ?? "") ?? 10
        var configuration = try ServiceConfiguration(environment: environment)
        configuration.accessLog = false
        let server = try buildInferenceServer(configuration: configuration)
        let request = HTTPRequest(method: "POST", target: "/v1/decode/batch", headers: ["Content-Type": "application/json"], body: body)
        let points = try #require((try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["points"] as? [Any]).count
        _ = server.handle(request)
        let clock = ContinuousClock()
        let start = clock.now
        var batches = 0
        while clock.now - start < .seconds(seconds) {
            #expect(server.handle(request).status == 200)
            batches += 1
        }
        let elapsed = clock.now - start
        let rate = Double(batches * points) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        print(String(format: "in-process batch rate: %.1f points/s (%d batches of %d points, %d threads)", rate, batches, points,
                     configuration.batchThreads))
    }
}
