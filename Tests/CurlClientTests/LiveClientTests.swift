import Foundation
import Locking
import Testing
import CurlClient

/// Records the client's back-off waits instead of sleeping.
private final class SleepRecorder: Sendable {
    private let delays = Locked<[Duration]>([])
    var recorded: [Duration] { delays.withLock { $0 } }
    var sleep: @Sendable (Duration) -> Void { { duration in self.delays.withLock { $0.append(duration) } } }
}

private struct Health: Codable, Equatable { let status: String }
private struct Decode: Codable, Equatable { let values: [Double] }

private let json = ["Content-Type: application/json"]

private func client(
    port: UInt16, retry: RetryPolicy = RetryPolicy(), totalTimeout: Duration = .seconds(5), recorder: SleepRecorder = SleepRecorder()
) throws -> HTTPClient {
    try HTTPClient(
        configuration: HTTPClientConfiguration(
            baseURL: "http://127.0.0.1:\(port)", connectTimeout: .seconds(2), totalTimeout: totalTimeout,
            retry: retry, jitterSeed: 42, sleep: recorder.sleep))
}

/// Live tests against `TestHTTPServer` on 127.0.0.1 (port chosen by the OS).
@Suite struct LiveClientTests {
    @Test func jsonGetAndPost() throws {
        let server = try TestHTTPServer { request, _ in
            request.method == "GET"
                ? .respond(status: 200, headers: json, body: Array(#"{"status":"ok"}"#.utf8))
                : .respond(status: 200, headers: json, body: request.body)
        }
        defer { server.stop() }
        let http = try client(port: server.port)
        #expect(try http.getJSON("/v1/health", as: Health.self) == Health(status: "ok"))
        let echoed = try http.postJSON("v1/decode", body: Decode(values: [1.5, -2]), as: Decode.self, requestID: "req-7")
        #expect(echoed == Decode(values: [1.5, -2]))
        let post = try #require(server.requests.last)
        #expect(post.method == "POST" && post.path == "/v1/decode")
        #expect(post.headers["content-type"] == "application/json")
        #expect(post.headers["x-request-id"] == "req-7")
        #expect(server.requests.first?.headers["x-request-id"] == nil)
    }

    @Test func retriesAfter503HonouringRetryAfter() throws {
        let server = try TestHTTPServer { _, index in
            index == 0
                ? .respond(status: 503, headers: ["Retry-After: 1"], body: Array("busy".utf8))
                : .respond(status: 200, headers: json, body: Array(#"{"status":"ok"}"#.utf8))
        }
        defer { server.stop() }
        let recorder = SleepRecorder()
        let response = try client(port: server.port, recorder: recorder).send(HTTPRequest(path: "/v1/health"))
        #expect(response.status == 200 && response.attempts == 2)
        #expect(server.requests.count == 2)
        #expect(recorder.recorded == [.seconds(1)])
    }

    @Test func persistent503GivesUpAfterMaxAttemptsWithCappedWaits() throws {
        let server = try TestHTTPServer { _, _ in .respond(status: 503, headers: ["Retry-After: 120"], body: []) }
        defer { server.stop() }
        let recorder = SleepRecorder()
        let http = try client(port: server.port, retry: RetryPolicy(maxAttempts: 3, maxRetryAfter: .seconds(2)), recorder: recorder)
        #expect(throws: HTTPClientError.httpStatus(code: 503, error: nil, body: "")) { try http.send(HTTPRequest(path: "/")) }
        #expect(server.requests.count == 3)
        #expect(recorder.recorded == [.seconds(2), .seconds(2)])
    }

    @Test func clientErrorsAreNotRetriedAndCarryTheServiceError() throws {
        let body = #"{"error":{"code":"invalid_argument","message":"eos must have 107 values","field":"eos"}}"#
        let server = try TestHTTPServer { _, _ in .respond(status: 400, headers: json, body: Array(body.utf8)) }
        defer { server.stop() }
        let http = try client(port: server.port)
        let expected = HTTPClientError.httpStatus(
            code: 400, error: ServiceError(code: "invalid_argument", message: "eos must have 107 values", field: "eos"), body: body)
        #expect(throws: expected) { try http.postJSON("/v1/decode", body: Decode(values: []), as: Decode.self) }
        #expect(server.requests.count == 1)
    }

    @Test func silentServerTimesOutWithinTheTotalTimeout() throws {
        let server = try TestHTTPServer { _, _ in .hang }
        defer { server.stop() }
        let http = try client(port: server.port, totalTimeout: .milliseconds(300))
        let start = ContinuousClock.now
        let error = #expect(throws: HTTPClientError.self) { try http.send(HTTPRequest(path: "/slow")) }
        let elapsed = ContinuousClock.now - start
        guard case .timeout = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(2))
        #expect(server.requests.count == 1, "timeouts are not retried")
    }

    @Test func closedPortIsUnreachableAndRetried() throws {
        let recorder = SleepRecorder()
        let http = try client(
            port: try TestHTTPServer.closedPort(), retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)), recorder: recorder)
        let error = #expect(throws: HTTPClientError.self) { try http.send(HTTPRequest(path: "/")) }
        guard case .unreachable(let url, _) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(url.hasPrefix("http://127.0.0.1:"))
        #expect(recorder.recorded.count == 1)
        #expect(recorder.recorded.allSatisfy { $0 <= .milliseconds(50) })
    }

    @Test func droppedConnectionIsRetried() throws {
        let server = try TestHTTPServer { _, index in
            index == 0 ? .closeConnection : .respond(status: 200, headers: json, body: Array(#"{"status":"ok"}"#.utf8))
        }
        defer { server.stop() }
        let response = try client(port: server.port).send(HTTPRequest(path: "/"))
        #expect(response.attempts == 2 && response.status == 200)
    }

    @Test func consecutiveRequestsReuseOneConnection() throws {
        let server = try TestHTTPServer { _, _ in .respond(status: 200, headers: json, body: Array(#"{"status":"ok"}"#.utf8)) }
        defer { server.stop() }
        let http = try client(port: server.port)
        for _ in 0..<3 {
            #expect(try http.getJSON("/v1/health", as: Health.self).status == "ok")
        }
        #expect(server.requests.count == 3)
        #expect(server.connectionCount == 1)
    }

    @Test func gzipBodiesAreDecoded() throws {
        let payload = #"{"values":["# + (0..<2000).map { String(Double($0) / 8) }.joined(separator: ",") + "]}"
        let server = try TestHTTPServer { request, _ in
            guard request.headers["accept-encoding"]?.contains("gzip") == true else {
                return .respond(status: 400, headers: [], body: Array("no gzip".utf8))
            }
            return .respond(status: 200, headers: json + ["Content-Encoding: gzip"], body: gzipStored(Array(payload.utf8)))
        }
        defer { server.stop() }
        let response = try client(port: server.port).send(HTTPRequest(path: "/v1/grid"))
        #expect(response.header("content-encoding") == "gzip")
        #expect(response.body == Data(payload.utf8))
    }

    @Test func methodsAndBodiesReachTheServer() throws {
        let server = try TestHTTPServer { _, _ in .respond(status: 200, headers: [], body: []) }
        defer { server.stop() }
        let http = try client(port: server.port)
        _ = try http.send(HTTPRequest(method: .put, path: "/a", body: Data("abc".utf8)))
        _ = try http.send(HTTPRequest(method: .post, path: "/b"))
        _ = try http.send(HTTPRequest(method: .delete, path: "/c"))
        let seen = server.requests.map {
            "\($0.method) \($0.path) \(String(decoding: $0.body, as: UTF8.self)) \($0.headers["content-length"] ?? "-")"
        }
        #expect(seen == ["PUT /a abc 3", "POST /b  0", "DELETE /c  -"])
    }
}
