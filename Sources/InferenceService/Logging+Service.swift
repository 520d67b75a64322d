import Logging

/// Process-wide logging set-up for `eos-server`.
public enum ServiceLogging {
    /// Bootstraps swift-log once per process with ``ServiceConfiguration/logFormat`` (`text`: swift-log's stream
    /// handler on standard error; `json`: ``JSONLogHandler``) at ``ServiceConfiguration/logLevel``.
    public static func bootstrap(_ configuration: ServiceConfiguration) {
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let json = configuration.logFormat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
