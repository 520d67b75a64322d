import Foundation
import Testing

/// Retries, timeouts and an absent server, against stubs on loopback.
@Suite("eos-client resilience")
struct ResilienceTests {
    @Test("503 then 200: retried (Retry-After: 0) and succeeds; without retries it exits 4")
    func retriesOn503() throws {
        let flaky = try FlakyServer(failures: 2)
        defer { flaky.stop() }
        let result = try Client.run(
            ["decode", "--m-max", "\(goodPoints[0].m)", "--r14", "\(goodPoints[0].r)", "--format", "json"],
            server: flaky.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(jsonObject(result.stdout)["m_max"] is Double)
        #expect(flaky.requests == 3)

        let batchFlaky = try FlakyServer(failures: 1)
        defer { batchFlaky.stop() }
        let batch = try Client.run(["batch", "-", "-q", "--concurrency", "1"], server: batchFlaky.url, stdin: "2.1,12.0\n2.05,12.5\n")
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.split(separator: "\n").count == 3)
        #expect(batchFlaky.requests == 2)

        let once = try FlakyServer(failures: 1)
        defer { once.stop() }
        let noRetry = try Client.run(["health", "--attempts", "1"], server: once.url)
        #expect(noRetry.status == 4)
        #expect(noRetry.stderr == "eos-client: error: server answered HTTP 503 overloaded: try again\n")
        #expect(once.requests == 1)
    }

    @Test("a server that never answers: exit 3 after --timeout, with a clear message")
    func timeout() throws {
        let silent = try SilentServer()
        defer { silent.stop() }
        let result = try Client.run(["models", "--timeout", "0.5", "--attempts", "1"], server: silent.url)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("eos-client: error: cannot reach the EOS server at \(silent.url): no answer in time"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.seconds < 5, "took \(result.seconds) s")
    }

    @Test("nothing listening: exit 3 and one clear line, for every subcommand")
    func unreachable() throws {
        let url = try closedPortURL()
        let file = try temporaryFile("2.1,12.0\n", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        for arguments in [["health"], ["models"], ["decode", "--m-max", "2.1", "--r14", "12"], ["batch", file]] {
            let result = try Client.run(arguments + ["--attempts", "2"], server: url)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("eos-client: error: cannot reach the EOS server at \(url): "), "\(result.stderr)")
            #expect(result.stderr.contains("Couldn't connect to server") || result.stderr.contains("onnection refused"))
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("an invalid --server URL is a usage error")
    func invalidURL() throws {
        let result = try Client.run(["health", "--server", "not a url"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("eos-client: error: invalid server URL 'not a url'"))
    }
}
