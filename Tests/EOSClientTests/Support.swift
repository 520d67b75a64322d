#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import InferenceService
import MiniHTTP
import ServiceTestSupport
import Locking
import Testing

/// Runs the built `eos-client` (in the build products directory, next to the test bundle).
enum Client {
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("eos-client")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("eos-client")
    }()

    typealias Output = ProcessOutput

    /// Runs `eos-client arguments…` with `EOS_SERVER=server` (unset when nil) and `stdin` on standard input.
    /// The process is killed after `limit` seconds so that a hang fails the test instead of the suite.
    static func run(_ arguments: [String], server: String? = nil, stdin: String? = nil, limit: Double = 30) throws -> Output {
        var environment = ProcessInfo.processInfo.environment
        environment["EOS_SERVER"] = server
        return try runProcess(executable, arguments, environment: environment, stdin: stdin, limit: limit)
    }
}

/// The tiny fixture model the service tests use (d = 1), logging only errors.
func fixtureConfiguration() -> ServiceConfiguration {
    var configuration = tinyModelConfiguration()
    configuration.logLevel = "error"
    return configuration
}

/// One live server on a free loopback port, shared by the tests (stopped when the test process exits).
let liveServer: InferenceServer = {
    let server = try! buildInferenceServer(configuration: fixtureConfiguration())
    try! server.start()
    return server
}()

/// Base URL of ``liveServer``.
var liveURL: String { "http://127.0.0.1:\(liveServer.port)" }

/// Latent points the tiny model decodes (checked by `decodeFormats` and the batch tests), and one it rejects.
let goodPoints: [(m: Double, r: Double)] = [(2.1, 12.0), (2.05, 12.5), (2.15, 12.8), (2.0, 13.0)]
let outOfRangePoint = (m: 5.0, r: 12.0)

/// A MiniHTTP server that answers the first `failures` requests with 503 (`Retry-After: 0`) and then passes
/// requests to ``liveServer``'s router.
final class FlakyServer: Sendable {
    let http: HTTPServer
    private let counter: Counter

    final class Counter: Sendable {
        let value = Locked(0)
        func next() -> Int {
            value.withLock { count in
                defer { count += 1 }
                return count
            }
        }
    }

    init(failures: Int) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.workerCount = 2
        let counter = Counter()
        self.counter = counter
        let target = liveServer
        http = HTTPServer(
            configuration: configuration,
            handler: { request in
                if counter.next() < failures {
                    var response = HTTPResponse.error(status: 503, code: "overloaded", message: "try again")
                    response.headers["Retry-After"] = "0"
                    return response
                }
                return target.handle(request)
            })
        try http.start()
    }

    /// Requests received so far.
    var requests: Int { counter.value.withLock { $0 } }

    var url: String { "http://127.0.0.1:\(http.port)" }

    func stop() {
        http.shutdown()
        http.waitUntilStopped()
    }
}

/// A loopback socket that accepts connections into its backlog but never reads or answers.
final class SilentServer {
    let port: UInt16
    private let fd: Int32

    init() throws {
        (fd, port) = try bindLoopback()
        guard listen(fd, 8) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() { close(fd) }
}

/// A loopback URL where nothing listens (a port bound and released).
func closedPortURL() throws -> String {
    let (fd, port) = try bindLoopback()
    close(fd)
    return "http://127.0.0.1:\(port)"
}

private func bindLoopback() throws -> (Int32, UInt16) {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}

/// A fresh temporary file holding `text`.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("eos-client-test-\(UUID().uuidString)\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Parses JSON text into a dictionary.
func jsonObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}
