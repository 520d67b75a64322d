import Foundation
import MiniHTTP
import Testing

@Suite("Live: saturation and many connections")
struct LiveLoadTests {
    @Test func saturatedPoolAnswers503WithRetryAfter() throws {
        let gate = Gate()
        let server = try startServer {
            $0.workerCount = 1
            $0.maxQueuedRequests = 1
            $0.retryAfterSeconds = 2
        } handler: { request in
            if request.path == "/block" { gate.pass() }
            return .text("done")
        }
        defer {
            gate.open(2)
            stop(server)
        }
        let running = try RawClient(port: server.port)
        try running.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(gate.waitForArrival())
        let queued = try RawClient(port: server.port)
        try queued.send("GET /queued HTTP/1.1\r\nHost: x\r\n\r\n")
        // The pool is full once the server has queued the second request: wait for that state, not for a time.
        #expect(waitUntil { server.requestsInFlight == 2 }, "the second request was never queued")
        let rejected = try RawClient(port: server.port).exchange("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(rejected.status == 503)
        #expect(rejected.headers["retry-after"] == "2")
        #expect(rejected.text.contains("\"code\":\"overloaded\""))
        #expect(server.requestsInFlight == 2)
        gate.open()
        #expect(try running.readResponse().status == 200)
        #expect(try queued.readResponse().status == 200)
    }

    @Test func inlineRequestsAreAnsweredWhileThePoolIsSaturated() throws {
        let gate = Gate()
        let server = try startServer {
            $0.workerCount = 1
            $0.maxQueuedRequests = 0
        } inlineHandler: { request in
            request.path == "/live" ? .text("alive") : nil
        } handler: { request in
            if request.path == "/block" { gate.pass() }
            return .text("done")
        }
        defer {
            gate.open()
            stop(server)
        }
        let running = try RawClient(port: server.port)
        try running.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(gate.waitForArrival())
        let client = try RawClient(port: server.port)
        let live = try client.exchange("GET /live HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(live.status == 200)
        #expect(live.text == "alive")
        #expect(live.headers["x-request-id"]?.count == 32)
        // The same connection goes on to a pool request, which finds the pool full.
        #expect(try client.exchange("GET /other HTTP/1.1\r\nHost: x\r\n\r\n").status == 503)
        gate.open()
        #expect(try running.readResponse().status == 200)
    }

    /// Latency is measured by scripts/load/run.sh (step 4); this checks only that fresh connections are served.
    @Test func newRequestIsAnsweredWith200IdleKeepAliveConnections() throws {
        let server = try startServer()
        defer { stop(server) }
        var idle: [RawClient] = []
        for _ in 0..<200 {
            let client = try RawClient(port: server.port)
            #expect(try client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
            idle.append(client)
        }
        #expect(server.connectionCount == 200)
        for _ in 0..<5 {
            let response = try RawClient(port: server.port).exchange("GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(response.status == 200)
        }
        #expect(server.connectionCount >= 200, "the idle connections stay open")
        idle.removeAll()
    }

    @Test func connectionsOverTheCapGet503() throws {
        let server = try startServer { $0.maxConnections = 2 }
        defer { stop(server) }
        let first = try RawClient(port: server.port)
        let second = try RawClient(port: server.port)
        #expect(try first.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
        #expect(try second.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
        let third = try RawClient(port: server.port)
        let response = try third.readResponse()
        #expect(response.status == 503)
        #expect(response.text.contains("too_many_connections"))
        #expect(response.headers["connection"] == "close")
        #expect(third.waitForClose())
    }
}

/// Polls `condition` every millisecond for up to `seconds`; true as soon as it holds.
private func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.001)
    }
    return condition()
}
