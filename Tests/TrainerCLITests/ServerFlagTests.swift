import Foundation
import Testing

/// `eos-server`'s flags are built from `ServiceSetting.all`: each must be listed by `--help` with its variable and
/// default, and each must reach its field (a flag value out of range is rejected naming the setting).
@Suite("eos-server flags")
struct ServerFlagTests {
    /// The documented flag contract (README, deploy/): flag, variable, default as `--help` prints it.
    static let processors = "\(ProcessInfo.processInfo.activeProcessorCount) = the active processors here"
    static let contract: [(flag: String, variable: String, defaultValue: String)] = [
        ("host", "EOS_HOST", "127.0.0.1"), ("port", "EOS_PORT", "8080"), ("model-dir", "EOS_MODEL_DIR", "models"),
        ("model", "EOS_MODEL", "default"), ("workers", "EOS_WORKERS", processors), ("batch-threads", "EOS_BATCH_THREADS", processors),
        ("max-queue", "EOS_MAX_QUEUE", "64"), ("max-connections", "EOS_MAX_CONNECTIONS", "1024"),
        ("max-body-bytes", "EOS_MAX_BODY_BYTES", "4194304"), ("max-batch-points", "EOS_MAX_BATCH_POINTS", "1024"),
        ("default-eos-points", "EOS_DEFAULT_EOS_POINTS", "200"), ("max-eos-points", "EOS_MAX_EOS_POINTS", "2000"),
        ("default-mr-points", "EOS_DEFAULT_MR_POINTS", "50"), ("max-mr-points", "EOS_MAX_MR_POINTS", "500"),
        ("tov-rtol", "EOS_TOV_RTOL", "1e-06"), ("z-limit-sigmas", "EOS_Z_LIMIT_SIGMAS", "5"),
        ("region-sigmas", "EOS_REGION_SIGMAS", "3"), ("request-timeout", "EOS_REQUEST_TIMEOUT", "30"),
        ("idle-timeout", "EOS_IDLE_TIMEOUT", "60"), ("drain-timeout", "EOS_DRAIN_TIMEOUT", "25"),
        ("gzip-level", "EOS_GZIP_LEVEL", "1"), ("access-log", "EOS_ACCESS_LOG", "on"),
        ("log-level", "EOS_LOG_LEVEL", "info"), ("log-format", "EOS_LOG_FORMAT", "text"),
    ]

    @Test("--help lists every flag with its variable and default")
    func helpListsTheContract() throws {
        let result = try Product.run("eos-server", ["--help"])
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (flag, variable, defaultValue) in Self.contract {
            let spelled = flag == "access-log" ? "--access-log/--no-access-log" : "--\(flag) <\(flag)>"
            #expect(help.contains(spelled), "\(spelled)")
            #expect(help.contains("(env \(variable); default \(defaultValue))."), "\(variable): \(help)")
        }
        #expect(help.components(separatedBy: "(env EOS_").count - 1 == Self.contract.count)
    }

    @Test(
        "a flag value out of range exits 2 naming the setting, so the flag reached its field",
        arguments: [
            (["--port", "70000"], "port (EOS_PORT): 70000 must be in 0...65535"),
            (["--workers", "0"], "workers (EOS_WORKERS): 0 must be in 1...1024"),
            (
                ["--max-eos-points", "100", "--default-eos-points", "150"],
                "default-eos-points (EOS_DEFAULT_EOS_POINTS): 150 must be in 2...100 (max-eos-points)"
            ),
            (["--tov-rtol", "0.5"], "tov-rtol (EOS_TOV_RTOL): 0.5 must lie in (0, 0.01)"),
            (["--drain-timeout", "0"], "drain-timeout (EOS_DRAIN_TIMEOUT): 0.0 s must lie in (0, 86400]"),
            (["--model", "a/b"], "model (EOS_MODEL): 'a/b' must be a non-empty directory name without '/'"),
            (["--no-access-log", "--log-format", "xml"], "log-format (EOS_LOG_FORMAT): 'xml' must be one of text, json"),
        ])
    func flagReachesField(arguments: [String], message: String) throws {
        let result = try Product.run("eos-server", arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        let stderr = result.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(stderr.contains(message), "\(arguments): \(result.stderr)")
    }
}
