import Foundation

/// One tunable of ``ServiceConfiguration``: its `eos-server` flag, its `EOS_*` environment variable, the field it
/// sets and its help. ``all`` is the one table from which the environment reader, the flags and their help
/// (with the real defaults) and the names in validation errors are derived.
public struct ServiceSetting: Sendable {
    /// Long flag name without the dashes, e.g. `max-queue` for `--max-queue`.
    public let flag: String
    /// Environment variable, e.g. `EOS_MAX_QUEUE`.
    public let environmentVariable: String
    /// The field of ``ServiceConfiguration`` the setting sets.
    public let field: PartialKeyPath<ServiceConfiguration> & Sendable
    /// Help: what the setting does, then its variable and default, e.g. `Most open connections (env
    /// EOS_MAX_CONNECTIONS; default 1024).`
    public let help: String
    /// Parses environment text into the field of a configuration.
    private let parse: @Sendable (String, inout ServiceConfiguration) throws(ConfigurationError) -> Void

    /// A setting whose help default is the field's value in `ServiceConfiguration()`, followed by `defaultNote`.
    init<Value: ServiceSettingValue>(
        _ flag: String, _ environmentVariable: String,
        _ field: WritableKeyPath<ServiceConfiguration, Value> & Sendable,
        _ summary: String, defaultNote: String = ""
    ) {
        self.flag = flag
        self.environmentVariable = environmentVariable
        self.field = field
        let defaultValue = ServiceConfiguration()[keyPath: field].settingDescription
        help = "\(summary) (env \(environmentVariable); default \(defaultValue)\(defaultNote))."
        parse = { text, configuration throws(ConfigurationError) in
            guard let value = Value(settingText: text) else {
                throw ConfigurationError(setting: environmentVariable, message: "'\(text)' is not \(Value.settingKind)")
            }
            configuration[keyPath: field] = value
        }
    }

    /// The name validation errors use: flag and variable, e.g. `port (EOS_PORT)`.
    public var label: String { "\(flag) (\(environmentVariable))" }

    /// Sets the field from `environment`'s variable, if present.
    /// - Throws: ``ConfigurationError`` naming the variable when its text does not parse.
    func read(from environment: [String: String], into configuration: inout ServiceConfiguration) throws(ConfigurationError) {
        if let text = environment[environmentVariable] { try parse(text, &configuration) }
    }

    /// The setting of `field`; every field of ``ServiceConfiguration`` has one.
    public static func of(_ field: PartialKeyPath<ServiceConfiguration>) -> ServiceSetting {
        guard let setting = all.first(where: { $0.field == field }) else {
            preconditionFailure("ServiceConfiguration field \(field) is missing from ServiceSetting.all")
        }
        return setting
    }

    /// Every setting, in the order `eos-server --help` lists them.
    public static let all: [ServiceSetting] = [
        .init("host", "EOS_HOST", \.host, "Address to bind; 0.0.0.0 in a container"),
        .init("port", "EOS_PORT", \.port, "TCP port, 0 for any free port"),
        .init("model-dir", "EOS_MODEL_DIR", \.modelDirectory, "Directory of model directories"),
        .init("model", "EOS_MODEL", \.modelName, "Model to serve: a subdirectory of --model-dir"),
        .init("workers", "EOS_WORKERS", \.workers, "Request-handler threads", defaultNote: processorsNote),
        .init("batch-threads", "EOS_BATCH_THREADS", \.batchThreads, "Threads one batch is spread over", defaultNote: processorsNote),
        .init("max-queue", "EOS_MAX_QUEUE", \.maxQueuedRequests, "Requests waiting for a worker before 503"),
        .init("max-connections", "EOS_MAX_CONNECTIONS", \.maxConnections, "Most open connections"),
        .init("max-body-bytes", "EOS_MAX_BODY_BYTES", \.maxBodyBytes, "Largest request body in bytes"),
        .init("max-batch-points", "EOS_MAX_BATCH_POINTS", \.maxBatchPoints, "Most points per batch"),
        .init("default-eos-points", "EOS_DEFAULT_EOS_POINTS", \.defaultEOSPoints, "Default EOS table points"),
        .init("max-eos-points", "EOS_MAX_EOS_POINTS", \.maxEOSPoints, "Largest eos_points"),
        .init("default-mr-points", "EOS_DEFAULT_MR_POINTS", \.defaultMassRadiusPoints, "Default mass-radius points"),
        .init("max-mr-points", "EOS_MAX_MR_POINTS", \.maxMassRadiusPoints, "Largest mr_points"),
        .init("tov-rtol", "EOS_TOV_RTOL", \.tovRelativeTolerance, "TOV relative tolerance"),
        .init("z-limit-sigmas", "EOS_Z_LIMIT_SIGMAS", \.zLimitSigmas, "Accepted z half-width in training sigmas"),
        .init(
            "region-sigmas", "EOS_REGION_SIGMAS", \.regionSigmas,
            "Training-region half-width in sigmas for diagnostics of a model without a learned region"),
        .init("request-timeout", "EOS_REQUEST_TIMEOUT", \.requestTimeoutSeconds, "Seconds a request may run before 504"),
        .init("idle-timeout", "EOS_IDLE_TIMEOUT", \.idleTimeoutSeconds, "Seconds an idle keep-alive connection stays open"),
        .init("drain-timeout", "EOS_DRAIN_TIMEOUT", \.drainTimeoutSeconds, "Longest graceful drain in seconds"),
        .init("gzip-level", "EOS_GZIP_LEVEL", \.gzipLevel, "gzip level 1 (fastest) ... 9 (smallest) for clients accepting gzip"),
        .init("access-log", "EOS_ACCESS_LOG", \.accessLog, "Write an access-log line per response"),
        .init(
            "log-level", "EOS_LOG_LEVEL", \.logLevel,
            "Log level: \(ServiceConfiguration.logLevels.joined(separator: ", "))"),
        .init(
            "log-format", "EOS_LOG_FORMAT", \.logFormat,
            "Log format: \(ServiceConfiguration.logFormats.joined(separator: " or "))"),
    ]

    /// Why the thread-count defaults differ between machines.
    private static let processorsNote = " = the active processors here"
}

/// A value type of a ``ServiceSetting``: parsed from environment text, shown as a default in help.
public protocol ServiceSettingValue: Sendable {
    /// The value `text` spells (surrounding spaces ignored, except for strings), or nil.
    init?(settingText text: String)
    /// What a valid text is, for errors: "'x' is not <settingKind>".
    static var settingKind: String { get }
    /// The value as help shows it.
    var settingDescription: String { get }
}

extension String: ServiceSettingValue {
    public init?(settingText text: String) { self = text }
    public static var settingKind: String { "a string" }
    public var settingDescription: String { self }
}

extension Int: ServiceSettingValue {
    public init?(settingText text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
    public static var settingKind: String { "an integer" }
    public var settingDescription: String { String(self) }
}

extension Double: ServiceSettingValue {
    public init?(settingText text: String) {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        self = value
    }
    public static var settingKind: String { "a finite number" }
    /// Whole numbers without a fraction (`5`, not `5.0`), others as Swift prints them (`1e-06`).
    public var settingDescription: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

extension Bool: ServiceSettingValue {
    public init?(settingText text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": self = true
        case "0", "false", "no", "off": self = false
        default: return nil
        }
    }
    public static var settingKind: String { "a boolean (true/false, 1/0, yes/no, on/off)" }
    public var settingDescription: String { self ? "on" : "off" }
}
