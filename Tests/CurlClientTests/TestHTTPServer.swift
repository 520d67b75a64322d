#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Locking

/// A minimal HTTP/1.1 server for the client tests: loopback only, port chosen by the OS,
/// one thread per connection, keep-alive, and scripted replies. Not a real server.
final class TestHTTPServer: Sendable {
    /// What the server does with a request.
    enum Reply: Sendable {
        /// Answer with a status, extra header lines ("Name: value") and a body (Content-Length is added).
        case respond(status: Int, headers: [String], body: [UInt8])
        /// Read the request and never answer (until the client closes or the server stops).
        case hang
        /// Close the connection without answering.
        case closeConnection
    }

    /// A parsed request; header names are lower-cased.
    struct Request: Sendable {
        let method: String
        let path: String
        let headers: [String: String]
        let body: [UInt8]
    }

    /// Chooses the reply; `index` counts requests from 0 across all connections.
    typealias Handler = @Sendable (_ request: Request, _ index: Int) -> Reply

    let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let state = Locked(State())

    private struct State {
        var stopped = false
        var connections = 0
        var requests: [Request] = []
    }

    struct SocketError: Error {
        let call: String
        let errno: Int32
    }

    init(handler: @escaping Handler) throws {
        let (fd, port) = try Self.bindLoopback()
        guard listen(fd, 16) == 0 else { throw SocketError(call: "listen", errno: errno) }
        listener = fd
        self.port = port
        self.handler = handler
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Number of TCP connections accepted so far.
    var connectionCount: Int { state.withLock { $0.connections } }
    /// Requests received so far, in order.
    var requests: [Request] { state.withLock { $0.requests } }

    /// Stops accepting and closes every connection within about 50 ms.
    func stop() {
        state.withLock { $0.stopped = true }
    }

    /// A loopback port with nothing listening on it (bound, then released).
    static func closedPort() throws -> UInt16 {
        let (fd, port) = try bindLoopback()
        close(fd)
        return port
    }

    private var stopped: Bool { state.withLock { $0.stopped } }

    private static func bindLoopback() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw SocketError(call: "bind", errno: errno)
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 50 ms for `fd` to become readable.
    private static func readable(_ fd: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 50) > 0
    }

    private func acceptLoop() {
        defer { close(listener) }
        while !stopped {
            guard Self.readable(listener) else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            state.withLock { $0.connections += 1 }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, &buffer) {
            let index = state.withLock { state in
                state.requests.append(request)
                return state.requests.count - 1
            }
            switch handler(request, index) {
            case .respond(let status, let headers, let body):
                let head =
                    (["HTTP/1.1 \(status) \(Self.reason(status))", "Content-Length: \(body.count)"] + headers)
                    .joined(separator: "\r\n") + "\r\n\r\n"
                guard write(fd, Array(head.utf8) + body) else { return }
            case .hang:
                var scratch = [UInt8](repeating: 0, count: 1024)
                while !stopped {
                    if Self.readable(fd), recv(fd, &scratch, scratch.count, 0) <= 0 { return }
                }
                return
            case .closeConnection:
                return
            }
        }
    }

    /// Reads one request (head and Content-Length body); `nil` on close or stop.
    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffer.firstRange(of: separator) {
                let lines = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                let parts = lines[0].split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                if buffer.count - end.upperBound >= length, parts.count >= 2 {
                    let body = Array(buffer[end.upperBound..<end.upperBound + length])
                    buffer.removeFirst(end.upperBound + length)
                    return Request(method: String(parts[0]), path: String(parts[1]), headers: headers, body: body)
                }
            }
            while !Self.readable(fd) {
                if stopped { return nil }
            }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private static func reason(_ status: Int) -> String {
        [200: "OK", 400: "Bad Request", 404: "Not Found", 503: "Service Unavailable"][status] ?? "Status"
    }
}
