#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MiniHTTP
import Locking

/// A server on 127.0.0.1 with an OS-chosen port, for live tests.
func startServer(
    _ configure: (inout ServerConfiguration) -> Void = { _ in },
    drainState: DrainState = DrainState(), observer: RequestObserver? = nil,
    inlineHandler: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil, handler: @escaping HTTPHandler = echoHandler
) throws -> HTTPServer {
    var configuration = ServerConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.drainTimeout = .seconds(3)
    configuration.lingerTimeout = .milliseconds(300)
    configure(&configuration)
    // `inlineHandler` answers on the connection's queue where it returns a response; the rest goes to `handler`.
    let server = HTTPServer(configuration: configuration, drainState: drainState, observer: observer) { request in
        if let response = inlineHandler?(request) { return .respond(response) }
        return .onPool { handler(request) }
    }
    try server.start()
    return server
}

/// Drains the server and waits (bounded) for it to stop.
func stop(_ server: HTTPServer) {
    server.shutdown()
    server.waitUntilStopped()
}

/// Answers with a description of the request: `METHOD path body-length` and the body echoed after a newline.
let echoHandler: HTTPHandler = { request in
    .text("\(request.method) \(request.target) \(request.body.count)\n" + String(decoding: request.body, as: UTF8.self))
}

/// A parsed response read by ``RawClient``.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking TCP client with a receive timeout, writing exactly the bytes it is given.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, timeout: Duration = .seconds(3)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw ClientError(description: "connect: errno \(code)")
        }
        let (seconds, attoseconds) = timeout.components
        var interval = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw ClientError(description: "send: errno \(errno)") }
            offset += count
        }
    }

    /// Reads more bytes; false on end of stream. Throws on timeout or error.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw ClientError(description: "recv: errno \(errno)") }
        buffer += chunk[0..<count]
        return count > 0
    }

    /// Reads one response. Interim 1xx responses are returned like any other.
    func readResponse(head: Bool = false) throws -> RawResponse {
        var headEnd: Int?
        while true {
            if let range = findHeadEnd() { headEnd = range; break }
            guard try fill() else { throw ClientError(description: "connection closed before response head") }
        }
        let headText = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw ClientError(description: "bad status line") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if !head, status >= 200, let length = headers["content-length"].flatMap(Int.init) {
            while buffer.count < length {
                guard try fill() else { throw ClientError(description: "connection closed in body") }
            }
            body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// Sends a request and reads its response.
    func exchange(_ request: String) throws -> RawResponse {
        try send(request)
        return try readResponse(head: request.hasPrefix("HEAD "))
    }

    /// Reads raw bytes in pieces of at most `piece`, pausing `pause` after each, until `total` bytes
    /// arrived or the stream ends. Returns the number of bytes read.
    func readSlowly(total: Int, piece: Int, pause: Duration) -> Int {
        var received = buffer.count
        buffer.removeAll()
        var chunk = [UInt8](repeating: 0, count: piece)
        while received < total {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += count
            Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18 + Double(pause.components.seconds))
        }
        return received
    }

    /// Whether the server closed the connection (end of stream, no further bytes) within the receive timeout.
    func waitForClose() -> Bool {
        guard buffer.isEmpty else { return false }
        return (try? fill()) == false
    }

    private func findHeadEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// Whether a TCP connection to `port` on 127.0.0.1 is refused.
func connectionRefused(port: UInt16) -> Bool {
    do {
        _ = try RawClient(port: port)
        return false
    } catch {
        return "\(error)".contains("errno \(ECONNREFUSED)")
    }
}

/// Runs `curl` with `arguments`, returning stdout, stderr and the exit status (bounded by `--max-time 5`).
func runCurl(_ arguments: [String], stdin: Data? = nil) throws -> (stdout: Data, stderr: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["--silent", "--show-error", "--max-time", "5"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (stdout, String(decoding: stderr, as: UTF8.self), process.terminationStatus)
}

/// Collects observer records.
final class RecordSink: Sendable {
    private let records = Locked<[RequestRecord]>([])
    var observer: RequestObserver { { record in self.records.withLock { $0.append(record) } } }
    var all: [RequestRecord] { records.withLock { $0 } }

    /// The records once there are at least `count` (the observer runs just after the last byte is written,
    /// so it may trail the client by a moment), waiting at most 2 s.
    func waitFor(_ count: Int) -> [RequestRecord] {
        let deadline = ContinuousClock.now + .seconds(2)
        while all.count < count && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
        return all
    }
}

/// A gate handlers can wait on, for holding requests in flight.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let entered = DispatchSemaphore(value: 0)
    /// Called by the handler: signals arrival, then blocks until opened (at most 5 s).
    func pass() {
        entered.signal()
        _ = semaphore.wait(timeout: .now() + 5)
    }
    /// Waits (at most 3 s) until a handler reached the gate.
    func waitForArrival() -> Bool { entered.wait(timeout: .now() + 3) == .success }
    /// Lets `count` handlers through.
    func open(_ count: Int = 1) { for _ in 0..<count { semaphore.signal() } }
}

/// A thread-safe boolean that can only be turned on.
final class Flag: Sendable {
    private let value = Locked(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
