import EOSDecoding
import Foundation

/// Everything `eos-server` can be tuned with. Every field has a documented default; each can be set by a
/// command-line flag of `eos-server` or by the environment variable named in its documentation
/// (``init(environment:)``; flags win over the environment).
public struct ServiceConfiguration: Sendable, Equatable {
    /// Address to bind (`--host`, `EOS_HOST`). Default `127.0.0.1`; use `0.0.0.0` in a container.
    public var host: String = "127.0.0.1"
    /// TCP port (`--port`, `EOS_PORT`); 0 picks a free port. Default 8080.
    public var port: Int = 8080
    /// Directory holding model directories (`--model-dir`, `EOS_MODEL_DIR`), relative to the working
    /// directory unless absolute. Default `models`.
    public var modelDirectory: String = "models"
    /// Name of the model to serve: the subdirectory of ``modelDirectory`` (`--model`, `EOS_MODEL`). Default `default`.
    public var modelName: String = "default"
    /// Threads running request handlers (`--workers`, `EOS_WORKERS`). Default: the number of active processors.
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Threads one batch request is spread over (`--batch-threads`, `EOS_BATCH_THREADS`).
    /// Default: the number of active processors.
    public var batchThreads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Requests that may wait for a worker; beyond them new requests get 503 with `Retry-After`
    /// (`--max-queue`, `EOS_MAX_QUEUE`). Default 64.
    public var maxQueuedRequests: Int = 64
    /// Most open connections (`--max-connections`, `EOS_MAX_CONNECTIONS`). Default 1024.
    public var maxConnections: Int = 1024
    /// Largest request body in bytes; larger → 413 (`--max-body-bytes`, `EOS_MAX_BODY_BYTES`). Default 4 MiB.
    public var maxBodyBytes: Int = 4 << 20
    /// Most points in one batch or v2 inference request (`--max-batch-points`, `EOS_MAX_BATCH_POINTS`). Default 1024.
    public var maxBatchPoints: Int = 1024
    /// EOS table points when a request gives no `eos_points` (`--default-eos-points`, `EOS_DEFAULT_EOS_POINTS`). Default 200.
    public var defaultEOSPoints: Int = DecodingOptions.defaultTablePoints
    /// Largest accepted `eos_points` (`--max-eos-points`, `EOS_MAX_EOS_POINTS`). Default 2000.
    public var maxEOSPoints: Int = 2000
    /// Mass–radius points when a request gives no `mr_points` (`--default-mr-points`, `EOS_DEFAULT_MR_POINTS`). Default 50.
    public var defaultMassRadiusPoints: Int = DecodingOptions().curvePoints
    /// Largest accepted `mr_points` (`--max-mr-points`, `EOS_MAX_MR_POINTS`). Default 500.
    public var maxMassRadiusPoints: Int = 500
    /// Relative tolerance of the TOV integration (`--tov-rtol`, `EOS_TOV_RTOL`). Default 1e-6.
    public var tovRelativeTolerance: Double = DecodingOptions().tovRelativeTolerance
    /// Half-width in training standard deviations of the z values accepted (`--z-limit-sigmas`,
    /// `EOS_Z_LIMIT_SIGMAS`); outside → 422. Default 5.
    public var zLimitSigmas: Double = 5
    /// Half-width in standard deviations of the z box that decides `diagnostics.inside_training_region` for a model
    /// without a learned support (models with one use its score; `--region-sigmas`, `EOS_REGION_SIGMAS`). Default 3.
    public var regionSigmas: Double = DecodingOptions().latentRegionSigmas
    /// Time a request handler may run before the client gets 504 (`--request-timeout`, `EOS_REQUEST_TIMEOUT`). Default 30 s.
    public var requestTimeoutSeconds: Double = 30
    /// Time an idle keep-alive connection stays open (`--idle-timeout`, `EOS_IDLE_TIMEOUT`). Default 60 s.
    public var idleTimeoutSeconds: Double = 60
    /// Longest graceful drain after SIGTERM/SIGINT (`--drain-timeout`, `EOS_DRAIN_TIMEOUT`). Default 25 s.
    public var drainTimeoutSeconds: Double = 25
    /// zlib level (1 fastest … 9 smallest) of gzip responses to clients sending `Accept-Encoding: gzip`
    /// (`--gzip-level`, `EOS_GZIP_LEVEL`). Default 1: decode results are large numeric JSON, where level 1 keeps most
    /// of the size reduction at a fraction of level 6's CPU time.
    public var gzipLevel: Int = 1
    /// Whether every response is written to the access log (`--access-log` / `--no-access-log`, `EOS_ACCESS_LOG`). Default true.
    public var accessLog: Bool = true
    /// Log level: trace, debug, info, notice, warning, error, critical (`--log-level`, `EOS_LOG_LEVEL`). Default `info`.
    public var logLevel: String = "info"
    /// Log line format: `text` or `json` (`--log-format`, `EOS_LOG_FORMAT`). Default `text`.
    public var logFormat: String = "text"

    /// The defaults.
    public init() {}

    /// The directory of the served model: ``modelDirectory``/``modelName``.
    public var modelPath: URL {
        URL(fileURLWithPath: modelDirectory).appendingPathComponent(modelName)
    }
}
