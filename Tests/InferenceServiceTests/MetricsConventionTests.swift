import Foundation
import Testing

/// `/metrics` follows the Prometheus conventions dashboards rely on (`.ci/run` also runs `promtool check metrics`).
@Suite("Prometheus conventions of /metrics")
struct MetricsConventionTests {
    /// `/metrics` of a live server after one decode (request series are recorded by the connection's observer).
    private func exposition() throws -> String {
        let server = try startServer()
        defer { stopServer(server) }
        let base = "http://127.0.0.1:\(server.port)"
        _ = try curl([
            "-H", "Content-Type: application/json", "-d", #"{"m_max": \#(goodPoint.m), "r_14": \#(goodPoint.r), "mr_points": 2}"#,
            "\(base)/v1/decode",
        ])
        return try curl(["\(base)/metrics"])
    }

    @Test func everyFamilyHasHelpAndType() throws {
        let lines = try exposition().split(separator: "\n")
        let typed = Set(lines.filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] })
        let helped = Set(lines.filter { $0.hasPrefix("# HELP ") }.map { $0.split(separator: " ")[2] })
        #expect(!typed.isEmpty)
        #expect(typed == helped, "families without HELP: \(typed.subtracting(helped))")
        for family in [
            "http_requests_total", "http_request_duration_seconds", "eos_decode_points_total", "eos_build_info",
            "process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds", "process_start_time_seconds",
        ] {
            #expect(typed.contains(Substring(family)), "\(family)")
        }
    }

    @Test func processAndBuildInfoValuesArePlausible() throws {
        let text = try exposition()
        func value(_ name: String) throws -> Double {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(name + " ") || $0.hasPrefix(name + "{") })
            return try #require(Double(line.split(separator: " ").last!))
        }
        #expect(try value("process_resident_memory_bytes") > 1_000_000)
        #expect(try value("process_open_fds") >= 3)
        #expect(try value("process_max_fds") >= value("process_open_fds"))
        let start = try value("process_start_time_seconds")
        #expect(start <= Date().timeIntervalSince1970 + 1 && start > Date().timeIntervalSince1970 - 86_400)
        #expect(try value("process_cpu_seconds_total") > 0)
        let info = try #require(text.split(separator: "\n").first { $0.hasPrefix("eos_build_info{") })
        #expect(info.contains(#"model="tiny""#))
        #expect(info.hasSuffix(" 1.0") || info.hasSuffix(" 1"))
        #expect(info.contains("model_hash=\"") && info.contains("version=\""))
    }
}
