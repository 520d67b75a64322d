// swift-tools-version:6.1
import PackageDescription

/// The numerical hot paths are optimised even in debug builds, so that `swift test` (debug) runs the
/// physics at release speed.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "NeutronStarVAE",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eos-trainer", targets: ["eos-trainer"]),
        .executable(name: "eos-server", targets: ["eos-server"]),
        .library(name: "APIModels", targets: ["APIModels"]),
        .executable(name: "eos-client", targets: ["eos-client"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // SplitMix64, the seedable generator shared by the network's seeding, the client's retry jitter and tests.
        .target(name: "SeededRandom"),
        // A pthread mutex around a value: the one lock of the project (ThreadSanitizer sees it; it cannot see Mutex).
        .target(name: "Locking"),
        // Pure numerics: splines, root finding, ODE integration.
        .target(name: "NumericalMethods", swiftSettings: optimizedInDebug),
        // Pure physics: Skyrme EOS, crust, 107-vector, TOV.
        .target(name: "NeutronStarPhysics", dependencies: ["NumericalMethods", "Locking"], swiftSettings: optimizedInDebug),
        // Pure neural network: layers, structured VAE, Adam, scalers. Needs no BLAS to build: training loads
        // OpenBLAS (libopenblas.so.0) at run time when installed, else uses its own SIMD kernels.
        // Optimised even in debug builds: its SIMD loops are ~20x slower unoptimised, which made training tests slow.
        .target(
            name: "NeuralNetwork", dependencies: ["SeededRandom"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Model files: safetensors + model.json.
        .target(name: "ModelFormat", dependencies: ["NeuralNetwork"]),
        // Pure: latent point → decoder → 107-vector → rebuilt EOS → TOV stars, with diagnostics, and their API form
        // (`DecodeResult`, shared by eos-server and `eos-trainer decode --json`).
        .target(name: "EOSDecoding", dependencies: ["NeuralNetwork", "NeutronStarPhysics", "APIModels"]),
        // zlib for gzip responses.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // HTTP/1.1 server on POSIX sockets + Dispatch; knows nothing about physics.
        .target(name: "MiniHTTP", dependencies: ["CZlib", "Locking"]),
        // Pure SVG writer for plots (trainer reports, explorer endpoints).
        .target(name: "SVGPlot"),
        // libcurl for the client.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // HTTP client over libcurl: keep-alive, timeouts, gzip, retries with back-off.
        .target(name: "CurlClient", dependencies: ["CCurl", "SeededRandom", "Locking"]),
        // I/O around the physics and the network: input files, reports, datasets, training runs.
        .target(
            name: "Training",
            dependencies: ["NeutronStarPhysics", "NeuralNetwork", "SVGPlot", "ModelFormat", "EOSDecoding", "APIModels", "Locking"]),
        .executableTarget(
            name: "eos-trainer",
            dependencies: [
                "Locking",
                "NeutronStarPhysics",
                "Training",
                "NeuralNetwork",
                "ModelFormat",
                "EOSDecoding",
                "APIModels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Pure Codable request/response types of the HTTP API, shared by server and client (mirrors openapi.yaml).
        .target(name: "APIModels"),
        // The EOS explorer: the `GET /` page and the SVG plot endpoints, registered on the service's router.
        // Its page is Resources/explorer.html (HTML with inline CSS and JavaScript), embedded in the binary.
        .target(
            name: "EOSExplorer", dependencies: ["APIModels", "MiniHTTP", "EOSDecoding", "NeutronStarPhysics", "SVGPlot"],
            resources: [.embedInCode("Resources/explorer.html")]),
        // The REST service: configuration, routes, handlers, validation, metrics, access log.
        .target(
            name: "InferenceService",
            dependencies: [
                "APIModels", "MiniHTTP", "EOSDecoding", "ModelFormat", "NeuralNetwork", "NeutronStarPhysics", "EOSExplorer", "Locking",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // GET /openapi.yaml serves the top-level openapi.yaml, embedded in the binary at build time:
            // Resources/openapi.yaml is a symbolic link to it (edit the top-level file).
            resources: [.embedInCode("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "eos-server",
            dependencies: [
                "InferenceService", "MiniHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Typed client of the service over CurlClient: one call per endpoint, chunked parallel batch decoding.
        .target(name: "EOSClient", dependencies: ["APIModels", "CurlClient", "Locking"]),
        .executableTarget(
            name: "eos-client",
            dependencies: ["EOSClient", "APIModels", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Benchmark of the physics hot paths (reports, never asserts): Benchmarks/tov/run.sh.
        .executableTarget(name: "physics-benchmark", dependencies: ["NeutronStarPhysics"]),
        // Benchmark of the service's decode paths in process and over HTTP (reports, never asserts):
        // Benchmarks/service/run.sh.
        .executableTarget(name: "service-benchmark", dependencies: ["InferenceService", "MiniHTTP", "CurlClient"]),
        // Training and GEMM throughput of the network (reports, never asserts): Benchmarks/training/run.sh.
        .executableTarget(name: "training-benchmark", dependencies: ["NeuralNetwork"]),
        .testTarget(name: "NumericalMethodsTests", dependencies: ["NumericalMethods"]),
        .testTarget(name: "NeutronStarPhysicsTests", dependencies: ["NeutronStarPhysics"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuralNetworkTests", dependencies: ["NeuralNetwork"]),
        .testTarget(name: "ModelFormatTests", dependencies: ["ModelFormat", "Locking"]),
        .testTarget(name: "MiniHTTPTests", dependencies: ["MiniHTTP", "SeededRandom", "Locking"]),
        .testTarget(name: "SVGPlotTests", dependencies: ["SVGPlot"], exclude: ["Golden"]),
        // Explorer page and SVG endpoints through the built service (tiny fixture model); the browser test is
        // scripts/explorer_browser_test.py.
        .testTarget(
            name: "EOSExplorerTests",
            dependencies: ["EOSExplorer", "InferenceService", "APIModels", "MiniHTTP", "ServiceTestSupport"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NeutronStarPhysics"]),
        .testTarget(name: "CurlClientTests", dependencies: ["CurlClient", "SeededRandom", "Locking"]),
        .testTarget(name: "EOSDecodingTests", dependencies: ["EOSDecoding", "NeuralNetwork", "NeutronStarPhysics"]),
        .testTarget(name: "APIModelsTests", dependencies: ["APIModels"]),
        .testTarget(
            name: "InferenceServiceTests",
            dependencies: ["InferenceService", "APIModels", "MiniHTTP", "NeutronStarPhysics", "ServiceTestSupport"],
            exclude: ["Fixtures"]),
        // The tiny fixture model's service configuration, for the test targets that build the service.
        .target(name: "ServiceTestSupport", dependencies: ["InferenceService", "Locking"], path: "Tests/ServiceTestSupport"),
        // Runs the built eos-trainer binary (it must be built first: `swift build` builds it with the tests); its
        // `decode --json` is compared with an in-process server's /v1/decode; the usage exit code of all three
        // executables.
        .testTarget(
            name: "TrainerCLITests",
            dependencies: [
                "eos-trainer", "eos-server", "eos-client", "InferenceService", "APIModels", "MiniHTTP",
                "ServiceTestSupport",
            ]),
        // Runs the built eos-client binary against a live in-process server (and stubs) on loopback port 0.
        .testTarget(
            name: "EOSClientTests",
            dependencies: ["eos-client", "EOSClient", "InferenceService", "APIModels", "MiniHTTP", "ServiceTestSupport", "Locking"]),
    ]
)

// libFuzzer targets (Fuzz/README.md, scripts/fuzz.sh): added only when EOS_FUZZ=1, so that `swift build` and
// `swift test` never see them. Each is built with `--sanitize fuzzer --sanitize address`; libFuzzer supplies
// `main`, hence `-parse-as-library`.
if Context.environment["EOS_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("fuzz-http-parser", ["MiniHTTP"]),
        ("fuzz-routes", ["InferenceService", "MiniHTTP"]),
        ("fuzz-encode", ["InferenceService", "MiniHTTP", "APIModels"]),
        ("fuzz-model-loader", ["ModelFormat"]),
        ("fuzz-npy", ["Training"]),
    ]
    for fuzz in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: fuzz.name, dependencies: fuzz.dependencies,
                path: "Fuzz/Sources/\(fuzz.name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
