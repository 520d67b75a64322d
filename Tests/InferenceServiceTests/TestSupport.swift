import Foundation
import InferenceService
import MiniHTTP
import ServiceTestSupport
import Testing

/// The repository root (for openapi.yaml).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The tiny test model `Fixtures/tiny` on a free loopback port, without access log (see `tinyModelConfiguration`).
func testConfiguration() -> ServiceConfiguration {
    tinyModelConfiguration()
}

/// One built (not started) server shared by the socket-less tests.
let sharedServer: InferenceServer = try! buildInferenceServer(configuration: testConfiguration())

/// A point the tiny model decodes successfully (checked by the tests that use it).
let goodPoint = (m: 2.1, r: 12.0)

/// Sends a request through the router (no sockets).
func call(
    _ method: String, _ target: String, json: String? = nil, contentType: String? = "application/json",
    on server: InferenceServer = sharedServer
) -> (status: Int, headers: HTTPHeaders, json: [String: Any]) {
    var headers: HTTPHeaders = [:]
    if json != nil, let contentType { headers["Content-Type"] = contentType }
    let response = server.handle(HTTPRequest(method: method, target: target, headers: headers, body: Array((json ?? "").utf8)))
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    return (response.status, response.headers, object)
}

/// The `error` object of an error response.
func errorObject(_ json: [String: Any]) -> [String: Any] {
    json["error"] as? [String: Any] ?? [:]
}

/// A started server on 127.0.0.1 port 0; stop it with ``stopServer(_:)``.
func startServer(_ configure: (inout ServiceConfiguration) -> Void = { _ in }) throws -> InferenceServer {
    var configuration = testConfiguration()
    configure(&configuration)
    let server = try buildInferenceServer(configuration: configuration)
    try server.start()
    return server
}

/// Shuts a started server down and waits for it.
func stopServer(_ server: InferenceServer) {
    server.shutdown()
    server.waitUntilStopped()
}

/// Runs curl with `arguments`; returns its standard output.
func curl(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-sS", "--max-time", "20"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
