import Foundation

/// Reading ``ServiceConfiguration`` from `EOS_*` environment variables.
extension ServiceConfiguration {
    /// The environment variable of each field, in declaration order (the names documented on the fields).
    public static let environmentVariables = [
        "EOS_HOST", "EOS_PORT", "EOS_MODEL_DIR", "EOS_MODEL", "EOS_WORKERS", "EOS_BATCH_THREADS", "EOS_MAX_QUEUE",
        "EOS_MAX_CONNECTIONS", "EOS_MAX_BODY_BYTES", "EOS_MAX_BATCH_POINTS", "EOS_DEFAULT_EOS_POINTS",
        "EOS_MAX_EOS_POINTS", "EOS_DEFAULT_MR_POINTS", "EOS_MAX_MR_POINTS", "EOS_TOV_RTOL", "EOS_Z_LIMIT_SIGMAS",
        "EOS_REGION_SIGMAS", "EOS_REQUEST_TIMEOUT", "EOS_IDLE_TIMEOUT", "EOS_DRAIN_TIMEOUT", "EOS_GZIP_LEVEL", "EOS_ACCESS_LOG",
        "EOS_LOG_LEVEL", "EOS_LOG_FORMAT",
    ]

    /// The defaults, overridden by every `EOS_*` variable present in `environment`, then validated.
    /// - Throws: ``ConfigurationError`` naming the variable for a value that does not parse or is out of range.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        let reader = EnvironmentReader(environment: environment)
        try reader.read("EOS_HOST", into: &host)
        try reader.read("EOS_PORT", into: &port)
        try reader.read("EOS_MODEL_DIR", into: &modelDirectory)
        try reader.read("EOS_MODEL", into: &modelName)
        try reader.read("EOS_WORKERS", into: &workers)
        try reader.read("EOS_BATCH_THREADS", into: &batchThreads)
        try reader.read("EOS_MAX_QUEUE", into: &maxQueuedRequests)
        try reader.read("EOS_MAX_CONNECTIONS", into: &maxConnections)
        try reader.read("EOS_MAX_BODY_BYTES", into: &maxBodyBytes)
        try reader.read("EOS_MAX_BATCH_POINTS", into: &maxBatchPoints)
        try reader.read("EOS_DEFAULT_EOS_POINTS", into: &defaultEOSPoints)
        try reader.read("EOS_MAX_EOS_POINTS", into: &maxEOSPoints)
        try reader.read("EOS_DEFAULT_MR_POINTS", into: &defaultMassRadiusPoints)
        try reader.read("EOS_MAX_MR_POINTS", into: &maxMassRadiusPoints)
        try reader.read("EOS_TOV_RTOL", into: &tovRelativeTolerance)
        try reader.read("EOS_Z_LIMIT_SIGMAS", into: &zLimitSigmas)
        try reader.read("EOS_REGION_SIGMAS", into: &regionSigmas)
        try reader.read("EOS_REQUEST_TIMEOUT", into: &requestTimeoutSeconds)
        try reader.read("EOS_IDLE_TIMEOUT", into: &idleTimeoutSeconds)
        try reader.read("EOS_DRAIN_TIMEOUT", into: &drainTimeoutSeconds)
        try reader.read("EOS_GZIP_LEVEL", into: &gzipLevel)
        try reader.read("EOS_ACCESS_LOG", into: &accessLog)
        try reader.read("EOS_LOG_LEVEL", into: &logLevel)
        try reader.read("EOS_LOG_FORMAT", into: &logFormat)
        try validate()
    }
}

/// Parses `EOS_*` values, naming the variable in errors.
private struct EnvironmentReader {
    let environment: [String: String]

    func read(_ name: String, into value: inout String) throws(ConfigurationError) {
        guard let text = environment[name] else { return }
        value = text
    }

    func read(_ name: String, into value: inout Int) throws(ConfigurationError) {
        guard let text = environment[name] else { return }
        guard let parsed = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError(setting: name, message: "'\(text)' is not an integer")
        }
        value = parsed
    }

    func read(_ name: String, into value: inout Double) throws(ConfigurationError) {
        guard let text = environment[name] else { return }
        guard let parsed = Double(text.trimmingCharacters(in: .whitespaces)), parsed.isFinite else {
            throw ConfigurationError(setting: name, message: "'\(text)' is not a finite number")
        }
        value = parsed
    }

    func read(_ name: String, into value: inout Bool) throws(ConfigurationError) {
        guard let text = environment[name] else { return }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": value = true
        case "0", "false", "no", "off": value = false
        default: throw ConfigurationError(setting: name, message: "'\(text)' is not a boolean (true/false, 1/0, yes/no, on/off)")
        }
    }
}
