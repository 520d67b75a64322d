import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MiniHTTP
import Testing

/// A JSON document large and repetitive enough to be compressed.
let compressibleJSON = "[" + (0..<400).map { "{\"index\":\($0),\"pressure\":\(Double($0) * 0.5)}" }.joined(separator: ",") + "]"

func compressingRouter() -> Router {
    var router = Router()
    router.get("/json") { _ in .json(Array(compressibleJSON.utf8)) }
    router.get("/small") { _ in .json(Array("{\"ok\":true}".utf8)) }
    router.get("/binary") { _ in HTTPResponse(headers: ["Content-Type": "application/octet-stream"], body: Array(compressibleJSON.utf8)) }
    router.post("/echo") { request in .text("\(request.body.count):" + String(decoding: request.body.prefix(16), as: UTF8.self)) }
    return router
}

/// `gzip -dc` of `data`.
func gunzip(_ data: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(data))
    try input.fileHandleForWriting.close()
    let result = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(result)
}

@Suite("Live: gzip")
struct LiveGzipTests {
    @Test func gzipWhenAcceptedAndWorthIt() throws {
        let server = try startServer(handler: compressingRouter().handle)
        defer { stop(server) }
        let client = try RawClient(port: server.port)
        let compressed = try client.exchange("GET /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br, gzip;q=0.8\r\n\r\n")
        #expect(compressed.headers["content-encoding"] == "gzip")
        #expect(compressed.headers["vary"] == "Accept-Encoding")
        #expect(compressed.headers["content-length"] == String(compressed.body.count))
        #expect(compressed.body.count < compressibleJSON.utf8.count / 3)
        #expect(try gunzip(compressed.body) == Array(compressibleJSON.utf8))

        let refused = try client.exchange("GET /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0, *\r\n\r\n")
        #expect(refused.headers["content-encoding"] == nil)
        #expect(refused.headers["vary"] == "Accept-Encoding")
        #expect(refused.text == compressibleJSON)

        let none = try client.exchange("GET /json HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(none.headers["content-encoding"] == nil)

        let small = try client.exchange("GET /small HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        #expect(small.headers["content-encoding"] == nil)
        let binary = try client.exchange("GET /binary HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        #expect(binary.headers["content-encoding"] == nil)

        let head = try client.exchange("HEAD /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
        #expect(head.headers["content-length"] == compressed.headers["content-length"])
        #expect(head.body.isEmpty)
    }

    @Test func curlCompressedRoundTrip() throws {
        let server = try startServer(handler: compressingRouter().handle)
        defer { stop(server) }
        let result = try runCurl(["--compressed", "--dump-header", "/dev/stderr", "http://127.0.0.1:\(server.port)/json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.lowercased().contains("content-encoding: gzip"))
        #expect(String(decoding: result.stdout, as: UTF8.self) == compressibleJSON)
    }
}

@Suite("Live: curl and URLSession")
struct LiveClientTests {
    @Test func curlExpectContinueWithLargeBody() throws {
        let server = try startServer(handler: compressingRouter().handle)
        defer { stop(server) }
        // curl 7.x sends `Expect: 100-continue` for uploads over 1 KiB.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("minihttp-\(UUID().uuidString).txt")
        try Data(String(repeating: "0123456789abcdef", count: 256).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runCurl([
            "--verbose", "--upload-file", file.path, "--request", "POST",
            "http://127.0.0.1:\(server.port)/echo",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Expect: 100-continue"))
        #expect(result.stderr.contains("HTTP/1.1 100 Continue"))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "4096:0123456789abcdef")
    }

    @Test func curlReusesOneConnectionAndSendsChunkedBodies() throws {
        let records = RecordSink()
        let server = try startServer(observer: records.observer, handler: compressingRouter().handle)
        defer { stop(server) }
        let url = "http://127.0.0.1:\(server.port)"
        let result = try runCurl([
            "--verbose", "\(url)/small", "\(url)/small", "--next", "--verbose",
            "-H", "Transfer-Encoding: chunked", "--data-binary", "abc", "\(url)/echo",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Re-using existing connection"))
        #expect(String(decoding: result.stdout, as: UTF8.self).hasSuffix("3:abc"))
        #expect(records.waitFor(3).map(\.status) == [200, 200, 200])
    }

    @Test func curlHeadAndErrors() throws {
        let server = try startServer(handler: compressingRouter().handle)
        defer { stop(server) }
        let url = "http://127.0.0.1:\(server.port)"
        let head = try runCurl(["--head", "\(url)/json"])
        #expect(String(decoding: head.stdout, as: UTF8.self).contains("Content-Length: \(compressibleJSON.utf8.count)"))
        let missing = try runCurl(["--write-out", "%{http_code}", "--output", "/dev/null", "\(url)/nope"])
        #expect(String(decoding: missing.stdout, as: UTF8.self) == "404")
        let wrong = try runCurl(["--request", "DELETE", "--include", "\(url)/json"])
        let text = String(decoding: wrong.stdout, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 405"))
        #expect(text.contains("Allow: GET, HEAD"))
    }

    @Test func urlSessionKeepAliveAndGzip() async throws {
        let server = try startServer(handler: compressingRouter().handle)
        defer { stop(server) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let base = "http://127.0.0.1:\(server.port)"
        for _ in 0..<3 {
            let (data, response) = try await session.data(from: URL(string: "\(base)/json")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == compressibleJSON)
        }
        var post = URLRequest(url: URL(string: "\(base)/echo")!)
        post.httpMethod = "POST"
        post.httpBody = Data(repeating: UInt8(ascii: "z"), count: 3000)
        let (data, response) = try await session.data(for: post)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("3000:zzzz"))
        #expect(server.connectionCount == 1)
    }
}

@Suite("Signals")
struct SignalTests {
    @Test func signalStartsGracefulShutdown() throws {
        let server = try startServer()
        defer { stop(server) }
        let stopped = Flag()
        let signals = ShutdownSignals.install(for: server, signals: [SIGUSR2], completion: { stopped.set() })
        defer { signals.cancel() }
        // The source registers asynchronously; a signal sent before that is ignored, so repeat until seen.
        for _ in 0..<40 where !server.isDraining {
            kill(getpid(), SIGUSR2)
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(server.isDraining)
        let deadline = ContinuousClock.now + .seconds(1)
        while !stopped.isSet && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(stopped.isSet)
    }
}
