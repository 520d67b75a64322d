import ArgumentParser
import InferenceService

/// The command-line flags; each unset flag falls back to its `EOS_*` variable, then to the default.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to bind (env EOS_HOST; default 127.0.0.1, use 0.0.0.0 in a container).") var host: String?
    @Option(help: "TCP port, 0 for any free port (env EOS_PORT; default 8080).") var port: Int?
    @Option(help: "Directory of model directories (env EOS_MODEL_DIR; default models).") var modelDir: String?
    @Option(help: "Model to serve: a subdirectory of --model-dir (env EOS_MODEL; default default).") var model: String?
    @Option(help: "Request-handler threads (env EOS_WORKERS; default: active processors).") var workers: Int?
    @Option(help: "Threads one batch is spread over (env EOS_BATCH_THREADS; default: active processors).") var batchThreads: Int?
    @Option(help: "Requests waiting for a worker before 503 (env EOS_MAX_QUEUE; default 64).") var maxQueue: Int?
    @Option(help: "Most open connections (env EOS_MAX_CONNECTIONS; default 1024).") var maxConnections: Int?
    @Option(help: "Largest request body in bytes (env EOS_MAX_BODY_BYTES; default 4194304).") var maxBodyBytes: Int?
    @Option(help: "Most points per batch (env EOS_MAX_BATCH_POINTS; default 1024).") var maxBatchPoints: Int?
    @Option(help: "Default EOS table points (env EOS_DEFAULT_EOS_POINTS; default 200).") var defaultEosPoints: Int?
    @Option(help: "Largest eos_points (env EOS_MAX_EOS_POINTS; default 2000).") var maxEosPoints: Int?
    @Option(help: "Default mass-radius points (env EOS_DEFAULT_MR_POINTS; default 50).") var defaultMrPoints: Int?
    @Option(help: "Largest mr_points (env EOS_MAX_MR_POINTS; default 500).") var maxMrPoints: Int?
    @Option(help: "TOV relative tolerance (env EOS_TOV_RTOL; default 1e-06).") var tovRtol: Double?
    @Option(help: "Accepted z half-width in training sigmas (env EOS_Z_LIMIT_SIGMAS; default 5).") var zLimitSigmas: Double?
    @Option(help: "Training-region half-width in sigmas for diagnostics of a model without a learned region (env EOS_REGION_SIGMAS; default 3).") var regionSigmas: Double?
    @Option(help: "Seconds a request may run before 504 (env EOS_REQUEST_TIMEOUT; default 30).") var requestTimeout: Double?
    @Option(help: "Seconds an idle keep-alive connection stays open (env EOS_IDLE_TIMEOUT; default 60).") var idleTimeout: Double?
    @Option(help: "Longest graceful drain in seconds (env EOS_DRAIN_TIMEOUT; default 25).") var drainTimeout: Double?
    @Option(help: "gzip level 1 (fastest) ... 9 (smallest) for clients accepting gzip (env EOS_GZIP_LEVEL; default 1).") var gzipLevel: Int?
    @Flag(inversion: .prefixedNo, help: "Write an access-log line per response (env EOS_ACCESS_LOG; default on).") var accessLog: Bool?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env EOS_LOG_LEVEL; default info).") var logLevel: String?
    @Option(help: "Log format: text or json (env EOS_LOG_FORMAT; default text).") var logFormat: String?

    /// Defaults ← environment ← flags, validated.
    func configuration(environment: [String: String]) throws -> ServiceConfiguration {
        var c = try ServiceConfiguration(environment: environment)
        func apply<T>(_ flag: T?, _ field: inout T) { if let flag { field = flag } }
        apply(host, &c.host)
        apply(port, &c.port)
        apply(modelDir, &c.modelDirectory)
        apply(model, &c.modelName)
        apply(workers, &c.workers)
        apply(batchThreads, &c.batchThreads)
        apply(maxQueue, &c.maxQueuedRequests)
        apply(maxConnections, &c.maxConnections)
        apply(maxBodyBytes, &c.maxBodyBytes)
        apply(maxBatchPoints, &c.maxBatchPoints)
        apply(defaultEosPoints, &c.defaultEOSPoints)
        apply(maxEosPoints, &c.maxEOSPoints)
        apply(defaultMrPoints, &c.defaultMassRadiusPoints)
        apply(maxMrPoints, &c.maxMassRadiusPoints)
        apply(tovRtol, &c.tovRelativeTolerance)
        apply(zLimitSigmas, &c.zLimitSigmas)
        apply(regionSigmas, &c.regionSigmas)
        apply(requestTimeout, &c.requestTimeoutSeconds)
        apply(idleTimeout, &c.idleTimeoutSeconds)
        apply(drainTimeout, &c.drainTimeoutSeconds)
        apply(gzipLevel, &c.gzipLevel)
        apply(accessLog, &c.accessLog)
        apply(logLevel, &c.logLevel)
        apply(logFormat, &c.logFormat)
        try c.validate()
        return c
    }
}
