#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MiniHTTP
import Testing

@Suite("Live: exchanges over a raw socket")
struct LiveExchangeTests {
    @Test func keepAliveReusesTheConnection() throws {
        let records = RecordSink()
        let server = try startServer(observer: records.observer)
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        for index in 0..<3 {
            let response = try client.exchange("GET /n/\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(response.status == 200)
            #expect(response.text == "GET /n/\(index) 0\n")
            #expect(response.headers["connection"] == nil)
            #expect(response.headers["content-length"] == String(response.body.count))
            let date = try #require(response.headers["date"])
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let parsed = try #require(formatter.date(from: date), "IMF-fixdate: \(date)")
            #expect(abs(parsed.timeIntervalSinceNow) < 5 && date.count == 29)
        }
        #expect(server.connectionCount == 1)
        #expect(records.waitFor(3).count == 3)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        try client.send(
            "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(try client.readResponse().text == "GET /1 0\n")
        #expect(try client.readResponse().text == "POST /2 3\nabc")
        let last = try client.readResponse()
        #expect(last.text == "GET /3 0\n")
        #expect(last.headers["connection"] == "close")
        #expect(client.waitForClose())
    }

    @Test func thousandsOfPipelinedInlineRequestsAreAnsweredInOrder() throws {
        let server = try startServer(inlineHandler: { request in .text(request.target) })
        defer { stop(server) }
        let client = try RawClient(port: server.port, timeout: .seconds(10))
        let count = 5000
        let requests = Array((0..<count).map { "GET /\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined().utf8)
        // Send from another thread: the server stops reading while the client is not reading its answers.
        let fd = client.fd
        let sender = Thread {
            var offset = 0
            while offset < requests.count {
                let sent = requests[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return }
                offset += sent
            }
        }
        sender.start()
        var inOrder = 0
        for index in 0..<count {
            let response = try client.readResponse()
            guard response.status == 200, response.text == "/\(index)" else { break }
            inOrder += 1
        }
        #expect(inOrder == count)
        #expect(try client.exchange("GET /last HTTP/1.1\r\nHost: x\r\n\r\n").text == "/last")
    }

    @Test func chunkedRequestBody() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        try client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n")
        try client.send("5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n")
        #expect(try client.readResponse().text == "POST /c 9\nWikipedia")
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        try client.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("data")
        #expect(try client.readResponse().text == "POST /e 4\ndata")
    }

    @Test func expectContinueWithOversizedBodyGets413InsteadOf100() throws {
        let server = try startServer { $0.limits.maxBodyBytes = 10 }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let response = try client.exchange("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
        #expect(response.status == 413)
        #expect(response.headers["connection"] == "close")
    }

    @Test func headSendsGetHeadersWithoutBody() throws {
        var router = Router()
        router.get("/doc") { _ in .text(String(repeating: "x", count: 100)) }
        let server = try startServer(handler: router.handle)
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let head = try client.exchange("HEAD /doc HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "100")
        #expect(head.body.isEmpty)
        // The next response on the same connection must start right after the head (no stray body bytes).
        let get = try client.exchange("GET /doc HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(get.body.count == 100)
    }

    @Test func requestIDIsEchoedOrGenerated() throws {
        let server = try startServer { _ in
        } handler: { request in
            .text(request.requestID)
        }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let echoed = try client.exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc-123.4_5:6\r\n\r\n")
        #expect(echoed.headers["x-request-id"] == "abc-123.4_5:6")
        #expect(echoed.text == "abc-123.4_5:6")
        let replaced = try client.exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Request-ID: bad id!\r\n\r\n")
        let generated = try #require(replaced.headers["x-request-id"])
        #expect(generated.count == 32 && generated != "bad id!")
        #expect(replaced.text == generated)
    }

    @Test func malformedRequestGetsJSON400AndClose() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let response = try client.exchange("GET / HTTP/1.1\r\nHost : x\r\n\r\n")
        #expect(response.status == 400)
        #expect(response.headers["connection"] == "close")
        #expect(response.headers["content-type"] == "application/json")
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: [String: String]]
        #expect(json?["error"]?["code"] == "bad_request")
        #expect(json?["error"]?["message"] == "whitespace between field name and colon")
        #expect(client.waitForClose())
    }

    @Test func contentLengthWithTransferEncodingIs400AndClose() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let response = try client.exchange(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        #expect(response.status == 400)
        #expect(response.headers["connection"] == "close")
        #expect(client.waitForClose())
    }

    @Test func missingHostIs400() throws {
        let server = try startServer()
        defer { stop(server) }
        #expect(try RawClient(port: server.port).exchange("GET / HTTP/1.1\r\n\r\n").status == 400)
    }

    @Test func http1_0ClosesAfterTheResponse() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let response = try client.exchange("GET /old HTTP/1.0\r\n\r\n")
        #expect(response.status == 200)
        #expect(response.headers["connection"] == "close")
        #expect(client.waitForClose())
    }

    @Test func http1_0KeepAliveIsConfirmed() throws {
        let server = try startServer()
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        for _ in 0..<2 {
            let response = try client.exchange("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(response.headers["connection"] == "keep-alive")
        }
        #expect(server.connectionCount == 1)
    }

    @Test func observerSeesRouteStatusBytesAndID() throws {
        let records = RecordSink()
        var router = Router()
        router.post("/items/{id}") { request in .text("ok \(request.pathParameters["id"]!)") }
        let server = try startServer(observer: records.observer, handler: router.handle)
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        _ = try client.exchange("POST /items/7 HTTP/1.1\r\nHost: x\r\nX-Request-ID: r1\r\nContent-Length: 2\r\n\r\nhi")
        _ = try client.exchange("GET /items/7 HTTP/1.1\r\nHost: x\r\n\r\n")
        let all = records.waitFor(2)
        #expect(all.count == 2)
        #expect(all.first?.method == "POST")
        #expect(all.first?.path == "/items/7")
        #expect(all.first?.route == "/items/{id}")
        #expect(all.first?.status == 200)
        #expect(all.first?.requestBodyBytes == 2)
        #expect(all.first?.responseBodyBytes == 4)
        #expect(all.first?.requestID == "r1")
        #expect(all.first?.completed == true)
        #expect(all.last?.status == 405)
    }

    @Test func largeResponseIsWrittenCompletelyToASlowReader() throws {
        let payload = [UInt8]((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let server = try startServer { _ in
        } handler: { _ in
            HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: payload)
        }
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        try client.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.2)  // let the socket buffers fill so the server must wait for writability
        let response = try client.readResponse()
        #expect(response.body.count == payload.count)
        #expect(response.body == payload)
    }
}
