import EOSDecoding
import Foundation

/// Everything `eos-server` can be tuned with. Each field is set by the `eos-server` flag and the environment
/// variable of its ``ServiceSetting`` (``ServiceSetting/all``; ``init(environment:)``; flags win over the
/// environment); its initial value is the default.
public struct ServiceConfiguration: Sendable, Equatable {
    /// Address to bind. Default `127.0.0.1`; use `0.0.0.0` in a container.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free port. Default 8080.
    public var port: Int = 8080
    /// Directory holding model directories, relative to the working directory unless absolute. Default `models`.
    public var modelDirectory: String = "models"
    /// Name of the model to serve: the subdirectory of ``modelDirectory``. Default `default`.
    public var modelName: String = "default"
    /// Threads running request handlers. Default: the number of active processors.
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Threads one batch request is spread over. Default: the number of active processors.
    public var batchThreads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Requests that may wait for a worker; beyond them new requests get 503 with `Retry-After`. Default 64.
    public var maxQueuedRequests: Int = 64
    /// Most open connections. Default 1024.
    public var maxConnections: Int = 1024
    /// Largest request body in bytes; larger → 413. Default 4 MiB.
    public var maxBodyBytes: Int = 4 << 20
    /// Most points in one batch or v2 inference request. Default 1024.
    public var maxBatchPoints: Int = 1024
    /// EOS table points when a request gives no `eos_points`. Default 200.
    public var defaultEOSPoints: Int = DecodingOptions.defaultTablePoints
    /// Largest accepted `eos_points`. Default 2000.
    public var maxEOSPoints: Int = 2000
    /// Mass–radius points when a request gives no `mr_points`. Default 50.
    public var defaultMassRadiusPoints: Int = DecodingOptions().curvePoints
    /// Largest accepted `mr_points`. Default 500.
    public var maxMassRadiusPoints: Int = 500
    /// Relative tolerance of the TOV integration. Default 1e-6.
    public var tovRelativeTolerance: Double = DecodingOptions().tovRelativeTolerance
    /// Half-width in training standard deviations of the z values accepted; outside → 422. Default 5.
    public var zLimitSigmas: Double = 5
    /// Half-width in standard deviations of the z box that decides `diagnostics.inside_training_region` for a model
    /// without a learned support (models with one use its score). Default 3.
    public var regionSigmas: Double = DecodingOptions().latentRegionSigmas
    /// Time a request handler may run before the client gets 504. Default 30 s.
    public var requestTimeoutSeconds: Double = 30
    /// Time an idle keep-alive connection stays open. Default 60 s.
    public var idleTimeoutSeconds: Double = 60
    /// Longest graceful drain after SIGTERM/SIGINT. Default 25 s.
    public var drainTimeoutSeconds: Double = 25
    /// zlib level (1 fastest … 9 smallest) of gzip responses to clients sending `Accept-Encoding: gzip`. Default 1:
    /// decode results are large numeric JSON, where level 1 keeps most of the size reduction at a fraction of
    /// level 6's CPU time.
    public var gzipLevel: Int = 1
    /// Whether every response is written to the access log. Default true.
    public var accessLog: Bool = true
    /// Log level: trace, debug, info, notice, warning, error, critical. Default `info`.
    public var logLevel: String = "info"
    /// Log line format: `text` or `json`. Default `text`.
    public var logFormat: String = "text"

    /// The defaults.
    public init() {}

    /// The directory of the served model: ``modelDirectory``/``modelName``.
    public var modelPath: URL {
        URL(fileURLWithPath: modelDirectory).appendingPathComponent(modelName)
    }
}
