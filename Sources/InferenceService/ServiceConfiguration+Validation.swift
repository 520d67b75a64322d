/// An unusable configuration value: the setting (flag or environment variable) and why.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting, e.g. `EOS_PORT` or `port`.
    public var setting: String
    /// What is wrong, with the allowed range.
    public var message: String

    /// An error about one setting.
    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "\(setting): \(message)" }
}

extension ServiceConfiguration {
    /// Log levels accepted by ``logLevel``.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    /// Formats accepted by ``logFormat``.
    public static let logFormats = ["text", "json"]

    /// Checks every field's range.
    /// - Throws: ``ConfigurationError`` for the first field out of range, naming it and its allowed range.
    public func validate() throws(ConfigurationError) {
        func require(_ condition: Bool, _ setting: String, _ message: String) throws(ConfigurationError) {
            if !condition { throw ConfigurationError(setting: setting, message: message) }
        }
        try require(!host.isEmpty, "host (EOS_HOST)", "must not be empty")
        try require((0...65_535).contains(port), "port (EOS_PORT)", "\(port) must be in 0...65535")
        try require(!modelName.isEmpty && !modelName.contains("/"), "model (EOS_MODEL)", "'\(modelName)' must be a non-empty directory name without '/'")
        try require((1...1024).contains(workers), "workers (EOS_WORKERS)", "\(workers) must be in 1...1024")
        try require((1...1024).contains(batchThreads), "batch-threads (EOS_BATCH_THREADS)", "\(batchThreads) must be in 1...1024")
        try require(maxQueuedRequests >= 0, "max-queue (EOS_MAX_QUEUE)", "\(maxQueuedRequests) must be at least 0")
        try require(maxConnections >= 1, "max-connections (EOS_MAX_CONNECTIONS)", "\(maxConnections) must be at least 1")
        try require((1024...(1 << 30)).contains(maxBodyBytes), "max-body-bytes (EOS_MAX_BODY_BYTES)", "\(maxBodyBytes) must be in 1024...1073741824")
        try require((1...100_000).contains(maxBatchPoints), "max-batch-points (EOS_MAX_BATCH_POINTS)", "\(maxBatchPoints) must be in 1...100000")
        try require((2...100_000).contains(maxEOSPoints), "max-eos-points (EOS_MAX_EOS_POINTS)", "\(maxEOSPoints) must be in 2...100000")
        try require((2...maxEOSPoints).contains(defaultEOSPoints), "default-eos-points (EOS_DEFAULT_EOS_POINTS)", "\(defaultEOSPoints) must be in 2...\(maxEOSPoints) (max-eos-points)")
        try require((2...10_000).contains(maxMassRadiusPoints), "max-mr-points (EOS_MAX_MR_POINTS)", "\(maxMassRadiusPoints) must be in 2...10000")
        try require((2...maxMassRadiusPoints).contains(defaultMassRadiusPoints), "default-mr-points (EOS_DEFAULT_MR_POINTS)", "\(defaultMassRadiusPoints) must be in 2...\(maxMassRadiusPoints) (max-mr-points)")
        try require(tovRelativeTolerance > 0 && tovRelativeTolerance < 1e-2, "tov-rtol (EOS_TOV_RTOL)", "\(tovRelativeTolerance) must lie in (0, 0.01)")
        try require(zLimitSigmas > 0 && zLimitSigmas <= 100, "z-limit-sigmas (EOS_Z_LIMIT_SIGMAS)", "\(zLimitSigmas) must lie in (0, 100]")
        try require(regionSigmas > 0 && regionSigmas <= zLimitSigmas, "region-sigmas (EOS_REGION_SIGMAS)", "\(regionSigmas) must lie in (0, z-limit-sigmas = \(zLimitSigmas)]")
        for (name, value) in [("request-timeout (EOS_REQUEST_TIMEOUT)", requestTimeoutSeconds),
                              ("idle-timeout (EOS_IDLE_TIMEOUT)", idleTimeoutSeconds),
                              ("drain-timeout (EOS_DRAIN_TIMEOUT)", drainTimeoutSeconds)] {
            try require(value > 0 && value <= 86_400, name, "\(value) s must lie in (0, 86400]")
        }
        try require((1...9).contains(gzipLevel), "gzip-level (EOS_GZIP_LEVEL)", "\(gzipLevel) must be in 1...9")
        try require(Self.logLevels.contains(logLevel), "log-level (EOS_LOG_LEVEL)", "'\(logLevel)' must be one of \(Self.logLevels.joined(separator: ", "))")
        try require(Self.logFormats.contains(logFormat), "log-format (EOS_LOG_FORMAT)", "'\(logFormat)' must be one of \(Self.logFormats.joined(separator: ", "))")
    }
}
