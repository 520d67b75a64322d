import Foundation
import InferenceService
import MiniHTTP

/// The service on the tiny fixture model (Tests/InferenceServiceTests/Fixtures/tiny), built once, never listening.
/// Small batch and table limits keep one execution fast; the validation code paths are the same as in production.
let server: InferenceServer = {
    var configuration = ServiceConfiguration()
    configuration.modelDirectory =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Tests/InferenceServiceTests/Fixtures").standardized.path
    configuration.modelName = "tiny"
    configuration.workers = 1
    configuration.batchThreads = 2
    configuration.accessLog = false
    configuration.logLevel = "critical"
    configuration.maxBatchPoints = 8
    configuration.maxEOSPoints = 200
    configuration.maxMassRadiusPoints = 40
    configuration.defaultMassRadiusPoints = 10
    configuration.defaultEOSPoints = 20
    do {
        return try buildInferenceServer(configuration: configuration)
    } catch {
        fatalError("cannot build the service on the fixture model: \(error)")
    }
}()

/// The POST routes and their content types; the binary-framed OIP v2 form needs its header-length header.
let routes = ["/v1/decode", "/v1/decode/batch", "/v1/encode", "/v2/models/tiny/infer"]

/// libFuzzer entry point for the JSON bodies of every POST route, through the router without sockets.
///
/// Input layout: byte 0 picks the route (low two bits) and, for `/v2/models/tiny/infer`, whether the body is sent
/// binary-framed with `Inference-Header-Content-Length` = byte 1 × 4 (bit 2); the rest is the body. A request must
/// never be answered 500 (an internal error is a bug) nor with a status outside 200–599.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoutes(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 1 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let route = routes[Int(input[0] & 3)]
    var headers: HTTPHeaders = ["Host": "fuzz", "Content-Type": "application/json"]
    if route.hasPrefix("/v2") && input[0] & 4 != 0 {
        headers = [
            "Host": "fuzz", "Content-Type": "application/octet-stream",
            "Inference-Header-Content-Length": "\(Int(input[1]) * 4)",
        ]
    }
    let body = Array(input[2...])
    headers["Content-Length"] = "\(body.count)"
    let response = server.handle(HTTPRequest(method: "POST", target: route, headers: headers, body: body))
    precondition(
        (200...599).contains(response.status) && response.status != 500,
        "\(route) answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
    return 0
}
