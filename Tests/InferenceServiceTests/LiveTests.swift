import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import APIModels
import InferenceService
import Testing

/// Blocking URLSession request (URLSession's async API is not needed for a test).
func fetch(_ request: URLRequest) throws -> (HTTPURLResponse, Data) {
    let box = ResultBox()
    URLSession.shared.dataTask(with: request) { data, response, error in
        box.set(error.map { .failure($0) } ?? .success((response as! HTTPURLResponse, data ?? Data())))
    }.resume()
    return try box.wait().get()
}

final class ResultBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var result: Result<(HTTPURLResponse, Data), any Error>?
    func set(_ value: Result<(HTTPURLResponse, Data), any Error>) {
        result = value
        semaphore.signal()
    }
    func wait() -> Result<(HTTPURLResponse, Data), any Error> {
        semaphore.wait()
        return result!
    }
}

/// The `http_requests_in_flight` gauge (the scrape itself counts as one).
func inFlight(_ port: Int) throws -> Double {
    let line = try curl(["http://127.0.0.1:\(port)/metrics"]).split(separator: "\n").first { $0.hasPrefix("http_requests_in_flight ") }
    return line.flatMap { Double($0.split(separator: " ")[1]) } ?? 0
}

@Suite("Live on 127.0.0.1, port 0", .serialized)
struct LiveTests {
    @Test func urlSessionDecodeWithRequestIDAndGzip() throws {
        let server = try startServer()
        defer { stopServer(server) }
        #expect(server.isReady)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/v1/decode")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("trace-42", forHTTPHeaderField: "X-Request-ID")
        request.httpBody = Data(#"{"m_max": 2.1, "r_14": 12, "eos_points": 100}"#.utf8)
        let (response, data) = try fetch(request)
        #expect(response.statusCode == 200)
        #expect(response.value(forHTTPHeaderField: "X-Request-ID") == "trace-42")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((json["vector"] as? [Double])?.count == 107)

        let port = server.port
        let headers = try curl([
            "-D", "-", "-o", "/dev/null", "-H", "Accept-Encoding: gzip", "-H", "Content-Type: application/json",
            "-d", #"{"m_max": 2.1, "r_14": 12}"#, "http://127.0.0.1:\(port)/v1/decode",
        ]).lowercased()
        #expect(headers.contains("content-encoding: gzip"))
        #expect(headers.contains("x-request-id: "))
        let decompressed = try curl([
            "--compressed", "-H", "Content-Type: application/json", "-d", #"{"m_max": 2.1, "r_14": 12}"#,
            "http://127.0.0.1:\(port)/v1/decode",
        ])
        #expect(decompressed.hasPrefix("{") && decompressed.contains("\"lambda_14\""))
    }

    @Test func curlBatchErrorsAndMetrics() throws {
        let server = try startServer { $0.maxBodyBytes = 4096 }
        defer { stopServer(server) }
        let base = "http://127.0.0.1:\(server.port)"
        let batch = try curl([
            "-H", "Content-Type: application/json", "-d",
            #"{"points": [{"m_max": 2.1, "r_14": 12}, {"m_max": 2.1, "r_14": -1}], "include": "scalars"}"#,
            "\(base)/v1/decode/batch",
        ])
        let results = try #require(
            (try JSONSerialization.jsonObject(with: Data(batch.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.map { $0["ok"] as? Bool } == [true, false])
        #expect((results[1]["error"] as? [String: Any])?["field"] as? String == "points[1].r_14")

        func status(_ arguments: [String]) throws -> String {
            try curl(["-o", "/dev/null", "-w", "%{http_code}"] + arguments)
        }
        #expect(try status(["-H", "Content-Type: application/json", "-d", "{oops", "\(base)/v1/decode"]) == "400")
        #expect(try status(["-H", "Content-Type: text/csv", "-d", "2.1,12", "\(base)/v1/decode"]) == "415")
        #expect(try status(["-H", "Content-Type: application/json", "-d", #"{"m_max": 9, "r_14": 12}"#, "\(base)/v1/decode"]) == "422")
        #expect(try status(["\(base)/v1/unknown"]) == "404")
        #expect(try status(["-X", "DELETE", "\(base)/v1/models"]) == "405")
        let big = #"{"points": ["# + String(repeating: #"{"m_max": 2.1, "r_14": 12},"#, count: 200) + #"{"m_max": 2.1, "r_14": 12}]}"#
        #expect(try status(["-H", "Content-Type: application/json", "-d", big, "\(base)/v1/decode/batch"]) == "413")
        let tooLarge = try curl(["-H", "Content-Type: application/json", "-d", big, "\(base)/v1/decode/batch"])
        #expect(tooLarge.contains("\"error\""))

        for (arguments, code) in [
            (["-H", "Content-Type: application/json", "-d", "{oops", "\(base)/v1/decode"], "malformed_json"),
            (["-H", "Content-Type: text/csv", "-d", "2.1,12", "\(base)/v1/decode"], "unsupported_media_type"),
            (["\(base)/v1/models/unknown"], "model_not_found"),
            (["-X", "DELETE", "\(base)/v1/models"], "method_not_allowed"),
        ] {
            let body = try curl(arguments)
            let error = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["error"] as? [String: Any]
            #expect(error?["code"] as? String == code, "\(arguments)")
            #expect(error?["message"] is String)
        }

        let models = try JSONDecoder().decode(ModelList.self, from: Data(try curl(["\(base)/v1/models"]).utf8))
        #expect(models.models.map(\.name) == ["tiny"])
        let decoded = try JSONDecoder().decode(
            DecodeResult.self,
            from: Data(
                try curl(
                    ["-H", "Content-Type: application/json", "-d", #"{"m_max": 2.1, "r_14": 12}"#, "\(base)/v1/decode"]).utf8))
        let vector = try #require(decoded.vector)
        let encodeBody = String(decoding: try JSONEncoder().encode(EncodeRequest(vector: vector)), as: UTF8.self)
        let encoded = try JSONDecoder().decode(
            EncodeResponse.self,
            from: Data(
                try curl(
                    ["-H", "Content-Type: application/json", "-d", encodeBody, "\(base)/v1/encode"]).utf8))
        #expect(abs(encoded.radius14 - 12) < 1)

        let metrics = try curl(["\(base)/metrics"])
        #expect(metrics.contains(#"http_requests_total{method="POST",route="/v1/decode/batch",status="200"} 1"#))
        #expect(metrics.contains(#"http_requests_total{method="POST",route="/v1/decode",status="422"} 1"#))
        #expect(metrics.contains("http_request_duration_seconds_bucket{"))
        #expect(metrics.contains("eos_decode_solve_seconds_count"))
        #expect(metrics.contains("eos_decode_network_seconds_count"))
        #expect(metrics.contains("http_requests_in_flight"))

        // Unknown methods share one series, so clients cannot create series without bound.
        for method in ["FROB", "ZAP"] { _ = try status(["-X", method, "\(base)/healthz"]) }
        let after = try curl(["\(base)/metrics"])
        #expect(after.contains(#"http_requests_total{method="other",route="/healthz",status="405"} 2"#))
        #expect(!after.contains("FROB"))
    }

    @Test func readinessTurnsNotReadyWhileDrainingAndInFlightWorkFinishes() throws {
        let server = try startServer { $0.batchThreads = 1 }
        let port = server.port
        let points = Array(repeating: #"{"m_max": 2.1, "r_14": 12}"#, count: 150).joined(separator: ",")
        let finished = ResultBox()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/decode/batch")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"include": "scalars", "points": [\#(points)]}"#.utf8)
        URLSession.shared.dataTask(with: request) { data, response, error in
            finished.set(error.map { .failure($0) } ?? .success((response as! HTTPURLResponse, data ?? Data())))
        }.resume()
        // Wait until the batch is running, then drain.
        let deadline = Date().addingTimeInterval(5)
        while try inFlight(port) < 2, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        server.shutdown()
        #expect(!server.isReady)
        let readiness = server.handle(.init(method: "GET", target: "/readyz"))
        #expect(readiness.status == 503)
        #expect(String(decoding: readiness.body, as: UTF8.self).contains("draining"))
        let (response, data) = try finished.wait().get()
        #expect(response.statusCode == 200)
        let results = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [[String: Any]]
        #expect(results?.count == 150)
        server.waitUntilStopped()
        #expect(try curl(["-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/healthz"]) == "000")
    }
}
