/// Why the service could not be built or started.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value is unusable.
    case configuration(ConfigurationError)
    /// The model directory is missing or invalid.
    case modelLoad(path: String, reason: String)
    /// The listening socket could not be opened.
    case listen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case let .configuration(error): return "invalid configuration: \(error)"
        case let .modelLoad(path, reason): return "cannot load the model at \(path): \(reason)"
        case let .listen(host, port, reason): return "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
