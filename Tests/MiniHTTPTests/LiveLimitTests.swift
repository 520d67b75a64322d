import Foundation
import MiniHTTP
import Testing

@Suite("Live: limits and timeouts")
struct LiveLimitTests {
    @Test func sizeLimitsAnswer414And431And413ThenClose() throws {
        let server = try startServer {
            $0.limits = HTTPParserLimits(maxRequestLineBytes: 100, maxHeaderBytes: 200, maxHeaderCount: 10, maxBodyBytes: 50)
        }
        defer { stop(server) }
        let cases: [(String, Int, String)] = [
            ("GET /\(String(repeating: "a", count: 200)) HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
            ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 300))\r\n\r\n", 431, "header_fields_too_large"),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 51\r\n\r\n\(String(repeating: "c", count: 51))", 413, "payload_too_large"),
        ]
        for (wire, status, code) in cases {
            let client = try RawClient(port: server.port)
            let response = try client.exchange(wire)
            #expect(response.status == status)
            #expect(response.text.contains("\"code\":\"\(code)\""))
            #expect(response.headers["connection"] == "close")
            #expect(client.waitForClose())
        }
    }

    @Test func slowHeadersGet408AndClose() throws {
        let server = try startServer { $0.headerTimeout = .milliseconds(200) }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let start = ContinuousClock.now
        try client.send("GET / HTTP/1.1\r\nHo")
        Thread.sleep(forTimeInterval: 0.1)
        try client.send("st: x\r\n")  // trickling bytes must not extend the deadline
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(response.text.contains("request_timeout"))
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(client.waitForClose())
    }

    @Test func silentNewConnectionIsClosedWithoutResponse() throws {
        let server = try startServer { $0.headerTimeout = .milliseconds(150) }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        #expect(client.waitForClose())
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() throws {
        let server = try startServer { $0.idleTimeout = .milliseconds(200) }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        #expect(try client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
        let start = ContinuousClock.now
        #expect(client.waitForClose())
        let waited = ContinuousClock.now - start
        #expect(waited > .milliseconds(150) && waited < .seconds(1))
    }

    @Test func idleTimeoutRestartsWithEveryRequest() throws {
        // The first deadline is scheduled, later ones only move it: the timer must re-arm when it fires early.
        let server = try startServer { $0.idleTimeout = .milliseconds(300) }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        for _ in 0..<4 {
            #expect(try client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
            Thread.sleep(forTimeInterval: 0.2)
        }
        // 0.8 s after the first request, the connection is still open.
        #expect(try client.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
        let start = ContinuousClock.now
        #expect(client.waitForClose())
        let waited = ContinuousClock.now - start
        #expect(waited > .milliseconds(250) && waited < .seconds(1))
    }

    @Test func slowHandlerGets504AndClose() throws {
        let gate = Gate()
        let server = try startServer {
            $0.handlerTimeout = .milliseconds(200)
        } handler: { _ in
            gate.pass()
            return .text("late")
        }
        defer {
            gate.open()
            stop(server)
        }
        let client = try RawClient(port: server.port)
        let response = try client.exchange("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 504)
        #expect(response.text.contains("handler_timeout"))
        #expect(response.headers["connection"] == "close")
    }

    @Test func clientThatStopsReadingIsDroppedAfterTheWriteTimeout() throws {
        let payload = [UInt8](repeating: 7, count: 16 << 20)
        let server = try startServer {
            $0.writeTimeout = .milliseconds(200)
        } handler: { _ in
            HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: payload)
        }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        try client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        let deadline = ContinuousClock.now + .seconds(2)
        Thread.sleep(forTimeInterval: 0.1)
        while server.connectionCount > 0 && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(server.connectionCount == 0)
    }

    @Test func slowButSteadyReaderGetsTheWholeResponse() throws {
        let payload = [UInt8](repeating: 7, count: 24 << 20)
        let server = try startServer {
            $0.writeTimeout = .milliseconds(200)
        } handler: { _ in
            HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: payload)
        }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        try client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        // About 24 pauses of 25 ms: far longer than the write timeout in total (and than loopback socket
        // buffers can absorb), but never stalled that long.
        let received = client.readSlowly(total: payload.count + 100, piece: 1 << 20, pause: .milliseconds(25))
        #expect(received >= payload.count + 100)
    }

    @Test func bindingABusyPortFailsWithErrno() throws {
        let first = try startServer()
        defer { stop(first) }
        var configuration = ServerConfiguration()
        configuration.port = first.port
        let second = HTTPServer(configuration: configuration) { _ in .text("unused") }
        #expect {
            try second.start()
        } throws: { error in
            guard let error = error as? SocketError else { return false }
            return error.call == "bind" && error.errno == EADDRINUSE
        }
    }

    @Test func slowBodyGets408() throws {
        let server = try startServer { $0.bodyTimeout = .milliseconds(200) }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let response = try client.exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        #expect(response.status == 408)
    }
}
