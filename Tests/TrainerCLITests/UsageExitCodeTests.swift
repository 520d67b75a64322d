import Testing

/// The three executables share one usage exit code, 2 (README: "Exit codes"); failures other than usage exit 1 in
/// eos-trainer and eos-server (the client's own codes 3-5 are tested in EOSClientTests).
@Suite("usage exit code")
struct UsageExitCodeTests {
    @Test(
        "a usage error exits 2 with the error and the usage on standard error",
        arguments: [
            ("eos-trainer", ["frobnicate"]),
            ("eos-trainer", ["decode", "--model", "m", "--m-max", "2.1"]),
            ("eos-trainer", ["star", "--curve-points", "many"]),
            ("eos-server", ["--no-such-flag"]),
            ("eos-server", ["--port", "-3"]),
            ("eos-client", ["decode", "--m-max", "2.1"]),
            ("eos-client", ["--attempts", "0", "health"]),
        ])
    func usage(product: String, arguments: [String]) throws {
        let result = try Product.run(product, arguments)
        #expect(result.status == 2, "\(product) \(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains("Usage: "), "\(result.stderr)")
    }

    @Test("--help exits 0", arguments: ["eos-trainer", "eos-server", "eos-client"])
    func help(product: String) throws {
        let result = try Product.run(product, ["--help"])
        #expect(result.status == 0 && result.stdout.contains("USAGE:"), "\(result.stdout)")
    }

    @Test("a failure that is not about usage exits 1 (eos-trainer: a missing model directory)")
    func failure() throws {
        let result = try Product.run("eos-trainer", ["decode", "--model", "/nonexistent/model", "--m-max", "2.1", "--r14", "12"])
        #expect(result.status == 1 && result.stderr.hasPrefix("error: "), "\(result.stderr)")
    }
}
