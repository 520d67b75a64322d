// Benchmark of the service's decode paths: points/s of /v1/decode/batch in process (router and handlers, no sockets)
// and over HTTP (a live server on loopback, one keep-alive libcurl connection), rounds alternated so that CPU
// contention from other processes hits every side alike. Reports; never asserts; refuses to print a ratio unless every
// side answered 200 with every point ok and the same m_max, r_14 for each point.
//
// Modes (Benchmarks/service/run.sh runs both):
//   observables (default): a likelihood-style request per point (masses [1.34, 1.44, 2.07], one binary, two
//                          densities) with include "observables" against the same points with "full" and "scalars".
//   --body FILE:           one batch request file, HTTP against in process.
//
// Usage: service-benchmark [--model-dir models/default] [--points 64] [--rounds 5] [--body FILE]
import CurlClient
import Foundation
import InferenceService
import MiniHTTP

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("service-benchmark: \(message)\n".utf8))
    exit(1)
}

let modelDirectory = option("--model-dir") ?? "models/default"
let pointCount = Int(option("--points") ?? "") ?? 64
let rounds = Int(option("--rounds") ?? "") ?? 5

var configuration = ServiceConfiguration()
configuration.modelDirectory = URL(fileURLWithPath: modelDirectory).deletingLastPathComponent().path
configuration.modelName = URL(fileURLWithPath: modelDirectory).lastPathComponent
configuration.accessLog = false
configuration.host = "127.0.0.1"
configuration.port = 0
let server: InferenceServer
do {
    server = try buildInferenceServer(configuration: configuration)
    try server.start()
} catch {
    fail("cannot start the service on \(modelDirectory): \(error)")
}
let client: HTTPClient
do {
    client = try HTTPClient(
        configuration: HTTPClientConfiguration(
            baseURL: "http://127.0.0.1:\(server.port)", totalTimeout: .seconds(600),
            acceptCompression: false))
} catch {
    fail("cannot create the HTTP client: \(error)")
}

/// One way of sending a batch body: returns the status and the body of the answer.
struct Side {
    var name: String
    var send: (Data) -> (status: Int, body: Data)
}
let inProcess = Side(name: "in process") { body in
    let response = server.handle(
        MiniHTTP.HTTPRequest(
            method: "POST", target: "/v1/decode/batch",
            headers: ["Content-Type": "application/json"], body: Array(body)))
    return (response.status, Data(response.body))
}
let overHTTP = Side(name: "HTTP") { body in
    do {
        let response = try client.send(
            CurlClient.HTTPRequest(
                method: .post, path: "/v1/decode/batch",
                headers: [HTTPHeader("Content-Type", "application/json")], body: body))
        return (response.status, response.body)
    } catch {
        return (0, Data("\(error)".utf8))
    }
}

/// m_max and r_14 of every point of a batch answer, or a description of what was wrong with it.
func scalars(of answer: (status: Int, body: Data)) -> Result<[[Double]], BenchmarkError> {
    guard answer.status == 200 else {
        return .failure(BenchmarkError("status \(answer.status): \(String(decoding: answer.body.prefix(300), as: UTF8.self))"))
    }
    guard let results = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["results"] as? [[String: Any]] else {
        return .failure(BenchmarkError("answer is not a batch response"))
    }
    var values: [[Double]] = []
    for item in results {
        guard item["ok"] as? Bool == true, let result = item["result"] as? [String: Any],
            let mass = result["m_max"] as? Double, let radius = result["r_14"] as? Double
        else {
            return .failure(BenchmarkError("point \(item["index"] ?? "?") failed: \(item["error"] ?? "no result")"))
        }
        values.append([mass, radius])
    }
    return .success(values)
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// A batch body of `points` with `include` and, per point, `observables`; `exact` asks for exact conditioning.
func batchBody(_ points: [(Double, Double)], include: String, observables: String?, exact: Bool = false) -> Data {
    let items = points.map { m, r in
        "{\"m_max\": \(m), \"r_14\": \(r)" + (observables.map { ", \"observables\": \($0)" } ?? "") + "}"
    }
    let conditioning = exact ? ", \"conditioning\": \"exact\"" : ""
    return Data("{\"include\": \"\(include)\"\(conditioning), \"points\": [\(items.joined(separator: ", "))]}".utf8)
}

/// Points of the served model that decode, chosen on a grid over its label box (the box itself is wider than the
/// Skyrme band, so most of it does not decode).
@MainActor func decodablePoints(_ count: Int) -> [(Double, Double)] {
    guard
        let info =
            (try? JSONSerialization.jsonObject(with: Data(server.handle(MiniHTTP.HTTPRequest(method: "GET", target: "/v1/models")).body)))
            as? [String: Any], let model = (info["models"] as? [[String: Any]])?.first,
        let region = model["training_region"] as? [String: Any],
        let mass = region["m_max"] as? [String: Double], let radius = region["r_14"] as? [String: Double],
        let m0 = mass["min"], let m1 = mass["max"], let r0 = radius["min"], let r1 = radius["max"]
    else {
        fail("GET /v1/models did not describe the training region")
    }
    let side = 24
    var grid: [(Double, Double)] = []
    for i in 0..<side {
        for j in 0..<side {
            grid.append((m0 + (m1 - m0) * (Double(i) + 0.5) / Double(side), r0 + (r1 - r0) * (Double(j) + 0.5) / Double(side)))
        }
    }
    var good: [(Double, Double)] = []
    for start in stride(from: 0, to: grid.count, by: 256) {
        let chunk = Array(grid[start..<min(start + 256, grid.count)])
        let answer = inProcess.send(batchBody(chunk, include: "scalars", observables: nil))
        guard let results = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["results"] as? [[String: Any]] else {
            continue
        }
        for (point, item) in zip(chunk, results) {
            guard item["ok"] as? Bool == true, let result = item["result"] as? [String: Any],
                let diagnostics = result["diagnostics"] as? [String: Any],
                let error = diagnostics["m_max_relative_error"] as? Double, abs(error) < 0.01,
                let mass = result["m_max"] as? Double, mass > 2.08
            else { continue }
            good.append(point)
        }
    }
    guard !good.isEmpty else { fail("no grid point of the model decodes within 1 % of its requested M_max") }
    return (0..<count).map { good[($0 * 7919) % good.count] }
}

/// Runs each (label, body, side) `rounds` times, alternating, after one warm-up each; checks that every answer is
/// correct and that all bodies give the same m_max, r_14; prints points/s per case and the ratios to `baseline`.
@MainActor func compare(_ cases: [(label: String, body: Data, side: Side)], points: Int, baseline: Int) {
    var reference: [[Double]]?
    for item in cases {
        switch scalars(of: item.side.send(item.body)) {
        case .failure(let error): fail("\(item.label) (\(item.side.name)) did not answer correctly, no ratio printed: \(error)")
        case .success(let values):
            if let reference, reference != values {
                fail("\(item.label) (\(item.side.name)) gave other m_max, r_14 than \(cases[0].label): the sides did not do the same work")
            }
            reference = values
        }
    }
    let clock = ContinuousClock()
    var time = [Double](repeating: 0, count: cases.count)
    for _ in 0..<rounds {
        for (index, item) in cases.enumerated() {
            let start = clock.now
            let answer = item.side.send(item.body)
            time[index] += seconds(clock.now - start)
            if case .failure(let error) = scalars(of: answer) {
                fail("\(item.label) (\(item.side.name)) failed in a timed round: \(error)")
            }
        }
    }
    let rates = time.map { Double(rounds * points) / $0 }
    for (index, item) in cases.enumerated() {
        print(
            String(
                format: "  %-34@ %9.1f points/s   %5.2fx %@", "\(item.label) (\(item.side.name))" as NSString, rates[index],
                rates[index] / rates[baseline], "\(cases[baseline].label) (\(cases[baseline].side.name))" as NSString))
    }
}

/// Exact against network conditioning in process, on the points that exact conditioning can condition (the others,
/// whose decoder input would have to leave the training label box, are counted and left out): the exact answers must
/// meet the default tolerance (1e-5); prints points/s of both, the cost ratio and the median and worst decoder
/// evaluations per point.
@MainActor func compareConditioning(_ candidates: [(Double, Double)]) {
    let trial = inProcess.send(batchBody(candidates, include: "scalars", observables: nil, exact: true))
    guard trial.status == 200,
        let items = (try? JSONSerialization.jsonObject(with: trial.body) as? [String: Any])?["results"] as? [[String: Any]]
    else {
        fail("exact conditioning did not answer: status \(trial.status)")
    }
    let points = zip(candidates, items).filter { $0.1["ok"] as? Bool == true }.map(\.0)
    let refused = items.filter { ($0["error"] as? [String: Any])?["code"] as? String == "conditioning_failed" }.count
    guard points.count + refused == candidates.count, !points.isEmpty else {
        fail("exact conditioning failed otherwise than conditioning_failed on some points")
    }
    print("  \(refused) of \(candidates.count) points refused (conditioning_failed: the input needed lies outside the label box)")
    let network = batchBody(points, include: "scalars", observables: nil)
    let exact = batchBody(points, include: "scalars", observables: nil, exact: true)
    var evaluations: [Int] = []
    let answer = inProcess.send(exact)
    guard case .success(let values) = scalars(of: answer) else {
        fail("exact conditioning did not answer every point: \(scalars(of: answer))")
    }
    for ((m, r), solved) in zip(points, values) where abs(solved[0] / m - 1) > 1e-5 || abs(solved[1] / r - 1) > 1e-5 {
        fail("exact conditioning missed its tolerance at (\(m), \(r)): solved \(solved)")
    }
    if let results = (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["results"] as? [[String: Any]] {
        evaluations = results.compactMap { (($0["result"] as? [String: Any])?["conditioning"] as? [String: Any])?["evaluations"] as? Int }
            .sorted()
    }
    guard evaluations.count == points.count else { fail("exact answers without their conditioning report") }
    if case .failure(let error) = scalars(of: inProcess.send(network)) { fail("network conditioning failed: \(error)") }
    let clock = ContinuousClock()
    var time = (network: 0.0, exact: 0.0)
    for _ in 0..<rounds {
        var start = clock.now
        _ = inProcess.send(network)
        time.network += seconds(clock.now - start)
        start = clock.now
        _ = inProcess.send(exact)
        time.exact += seconds(clock.now - start)
    }
    let rate = (network: Double(rounds * points.count) / time.network, exact: Double(rounds * points.count) / time.exact)  // same points
    print(
        String(
            format: "  network %9.1f points/s, exact %9.1f points/s: exact costs %.2fx; decoder evaluations per point median %d, worst %d",
            rate.network, rate.exact, rate.network / rate.exact, evaluations[evaluations.count / 2], evaluations.last ?? 0))
}

defer {
    server.shutdown()
    server.waitUntilStopped()
}
if let path = option("--body") {
    guard let body = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let points = ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["points"] as? [Any])?.count ?? 0
    print("batch rate of \(path): \(points) points, \(rounds) alternating rounds, \(configuration.batchThreads) batch threads")
    compare([("batch", body, inProcess), ("batch", body, overHTTP)], points: points, baseline: 0)
} else {
    let points = decodablePoints(pointCount)
    let observables = #"{"masses": [1.34, 1.44, 2.07], "binaries": [{"m1": 1.46, "m2": 1.27}], "densities": [0.16, 0.32]}"#
    print(
        "likelihood request: \(pointCount) points of \(modelDirectory), masses [1.34, 1.44, 2.07], one binary, two densities; "
            + "\(rounds) alternating rounds, \(configuration.batchThreads) batch threads")
    for side in [inProcess, overHTTP] {
        print(side.name + ":")
        compare(
            [
                ("include full + observables", batchBody(points, include: "full", observables: observables), side),
                ("include scalars + observables", batchBody(points, include: "scalars", observables: observables), side),
                ("include observables", batchBody(points, include: "observables", observables: observables), side),
                ("include scalars, no observables", batchBody(points, include: "scalars", observables: nil), side),
            ],
            points: pointCount, baseline: 0)
    }
    print("exact against network conditioning (include scalars, in process):")
    compareConditioning(decodablePoints(max(pointCount, 16)))
}
