import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import InferenceService
import MiniHTTP
import Testing

/// `/v1/decode/batch` over HTTP (a live server on loopback, one keep-alive connection) against the same batch in
/// process (router and handlers, no sockets), alternated round by round so that CPU contention from other
/// processes hits both alike. Run by scripts/load/run.sh; only when `EOS_BENCH_BODY` names a batch request file
/// (the model comes from the `EOS_*` environment). Reports, never asserts.
@Suite("Batch rate, HTTP vs in-process (EOS_BENCH_BODY)")
struct InProcessRateBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EOS_BENCH_BODY"] != nil))
    func batchRate() throws {
        let environment = ProcessInfo.processInfo.environment
        let body = try Data(contentsOf: URL(fileURLWithPath: environment["EOS_BENCH_BODY"]!))
        let rounds = Int(environment["EOS_BENCH_ROUNDS"] ?? "") ?? 10
        var configuration = try ServiceConfiguration(environment: environment)
        configuration.accessLog = false
        configuration.port = 0
        configuration.host = "127.0.0.1"
        let server = try buildInferenceServer(configuration: configuration)
        try server.start()
        defer { stopServer(server) }
        let points = try #require((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["points"] as? [Any]).count
        let inProcess = HTTPRequest(method: "POST", target: "/v1/decode/batch", headers: ["Content-Type": "application/json"], body: Array(body))
        var overHTTP = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/v1/decode/batch")!)
        overHTTP.httpMethod = "POST"
        overHTTP.setValue("application/json", forHTTPHeaderField: "Content-Type")
        overHTTP.httpBody = body

        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        _ = server.handle(inProcess)
        _ = try fetch(overHTTP)
        var inProcessTime = 0.0, httpTime = 0.0
        for _ in 0..<rounds {
            var start = clock.now
            #expect(server.handle(inProcess).status == 200)
            inProcessTime += seconds(clock.now - start)
            start = clock.now
            #expect(try fetch(overHTTP).0.statusCode == 200)
            httpTime += seconds(clock.now - start)
        }
        let inProcessRate = Double(rounds * points) / inProcessTime, httpRate = Double(rounds * points) / httpTime
        print(String(format: "batch rate: HTTP %.1f points/s, in-process %.1f points/s, HTTP overhead %.1f%% (%d alternating rounds of %d points, %d batch threads)",
                     httpRate, inProcessRate, (1 - httpRate / inProcessRate) * 100, rounds, points, configuration.batchThreads))
    }
}
