/// An unusable configuration value: the setting (flag or environment variable) and why.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting: its variable (`EOS_PORT`) for a value that does not parse, its flag and variable
    /// (`port (EOS_PORT)`, ``ServiceSetting/label``) for one out of range.
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
        func require(_ condition: Bool, _ field: PartialKeyPath<ServiceConfiguration>, _ message: String) throws(ConfigurationError) {
            if !condition { throw ConfigurationError(setting: ServiceSetting.of(field).label, message: message) }
        }
        try require(!host.isEmpty, \.host, "must not be empty")
        try require((0...65_535).contains(port), \.port, "\(port) must be in 0...65535")
        try require(
            !modelName.isEmpty && !modelName.contains("/"), \.modelName, "'\(modelName)' must be a non-empty directory name without '/'")
        try require((1...1024).contains(workers), \.workers, "\(workers) must be in 1...1024")
        try require((1...1024).contains(batchThreads), \.batchThreads, "\(batchThreads) must be in 1...1024")
        try require(maxQueuedRequests >= 0, \.maxQueuedRequests, "\(maxQueuedRequests) must be at least 0")
        try require(maxConnections >= 1, \.maxConnections, "\(maxConnections) must be at least 1")
        try require((1024...(1 << 30)).contains(maxBodyBytes), \.maxBodyBytes, "\(maxBodyBytes) must be in 1024...1073741824")
        try require((1...100_000).contains(maxBatchPoints), \.maxBatchPoints, "\(maxBatchPoints) must be in 1...100000")
        try require((2...100_000).contains(maxEOSPoints), \.maxEOSPoints, "\(maxEOSPoints) must be in 2...100000")
        try require(
            (2...maxEOSPoints).contains(defaultEOSPoints), \.defaultEOSPoints,
            "\(defaultEOSPoints) must be in 2...\(maxEOSPoints) (max-eos-points)")
        try require((2...10_000).contains(maxMassRadiusPoints), \.maxMassRadiusPoints, "\(maxMassRadiusPoints) must be in 2...10000")
        try require(
            (2...maxMassRadiusPoints).contains(defaultMassRadiusPoints), \.defaultMassRadiusPoints,
            "\(defaultMassRadiusPoints) must be in 2...\(maxMassRadiusPoints) (max-mr-points)")
        try require(
            tovRelativeTolerance > 0 && tovRelativeTolerance < 1e-2, \.tovRelativeTolerance, "\(tovRelativeTolerance) must lie in (0, 0.01)"
        )
        try require(zLimitSigmas > 0 && zLimitSigmas <= 100, \.zLimitSigmas, "\(zLimitSigmas) must lie in (0, 100]")
        try require(
            regionSigmas > 0 && regionSigmas <= zLimitSigmas, \.regionSigmas,
            "\(regionSigmas) must lie in (0, z-limit-sigmas = \(zLimitSigmas)]")
        for field in [\Self.requestTimeoutSeconds, \.idleTimeoutSeconds, \.drainTimeoutSeconds] {
            let value = self[keyPath: field]
            try require(value > 0 && value <= 86_400, field, "\(value) s must lie in (0, 86400]")
        }
        try require((1...9).contains(gzipLevel), \.gzipLevel, "\(gzipLevel) must be in 1...9")
        try require(Self.logLevels.contains(logLevel), \.logLevel, "'\(logLevel)' must be one of \(Self.logLevels.joined(separator: ", "))")
        try require(
            Self.logFormats.contains(logFormat), \.logFormat, "'\(logFormat)' must be one of \(Self.logFormats.joined(separator: ", "))")
    }
}
