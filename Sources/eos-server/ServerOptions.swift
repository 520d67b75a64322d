import ArgumentParser
import InferenceService

/// The command-line flags, one per ``ServiceSetting`` (its flag name, help with variable and default); each unset
/// flag falls back to its `EOS_*` variable, then to the default. A property is bound to the setting whose flag is
/// its name in kebab case (`maxQueue` ↔ `--max-queue`), as ``configuration(environment:)`` checks.
struct ServerOptions: ParsableArguments {
    @Option(\.host) var host: String?
    @Option(\.port) var port: Int?
    @Option(\.modelDirectory) var modelDir: String?
    @Option(\.modelName) var model: String?
    @Option(\.workers) var workers: Int?
    @Option(\.batchThreads) var batchThreads: Int?
    @Option(\.maxQueuedRequests) var maxQueue: Int?
    @Option(\.maxConnections) var maxConnections: Int?
    @Option(\.maxBodyBytes) var maxBodyBytes: Int?
    @Option(\.maxBatchPoints) var maxBatchPoints: Int?
    @Option(\.defaultEOSPoints) var defaultEosPoints: Int?
    @Option(\.maxEOSPoints) var maxEosPoints: Int?
    @Option(\.defaultMassRadiusPoints) var defaultMrPoints: Int?
    @Option(\.maxMassRadiusPoints) var maxMrPoints: Int?
    @Option(\.tovRelativeTolerance) var tovRtol: Double?
    @Option(\.zLimitSigmas) var zLimitSigmas: Double?
    @Option(\.regionSigmas) var regionSigmas: Double?
    @Option(\.requestTimeoutSeconds) var requestTimeout: Double?
    @Option(\.idleTimeoutSeconds) var idleTimeout: Double?
    @Option(\.drainTimeoutSeconds) var drainTimeout: Double?
    @Option(\.gzipLevel) var gzipLevel: Int?
    @Flag(\.accessLog) var accessLog: Bool?
    @Option(\.logLevel) var logLevel: String?
    @Option(\.logFormat) var logFormat: String?

    /// Defaults ← environment ← flags, validated.
    func configuration(environment: [String: String]) throws -> ServiceConfiguration {
        var configuration = try ServiceConfiguration(environment: environment)
        var bound: [String] = []
        for child in Mirror(reflecting: self).children {
            guard let argument = child.value as? any SettingArgument, let label = child.label else { continue }
            let flag = kebabCase(String(label.drop { $0 == "_" }))
            guard let setting = ServiceSetting.all.first(where: { $0.flag == flag }),
                argument.apply(to: &configuration, field: setting.field)
            else {
                preconditionFailure("ServerOptions.\(label) matches no ServiceSetting flag of its type (--\(flag))")
            }
            bound.append(flag)
        }
        precondition(
            bound.sorted() == ServiceSetting.all.map(\.flag).sorted(),
            "ServerOptions binds \(bound), not every ServiceSetting once")
        try configuration.validate()
        return configuration
    }
}

/// `maxQueue` → `max-queue`.
private func kebabCase(_ name: String) -> String {
    name.map { $0.isUppercase ? "-" + $0.lowercased() : String($0) }.joined()
}

extension Option {
    /// The option of the ``ServiceSetting`` of `field`: its flag name and help.
    init<T: ExpressibleByArgument>(_ field: WritableKeyPath<ServiceConfiguration, T>) where Value == T? {
        let setting = ServiceSetting.of(field)
        self.init(name: .customLong(setting.flag), help: ArgumentHelp(setting.help))
    }
}

extension Flag {
    /// The `--x`/`--no-x` flag of the Boolean ``ServiceSetting`` of `field`: its flag name and help.
    init(_ field: WritableKeyPath<ServiceConfiguration, Bool>) where Value == Bool? {
        let setting = ServiceSetting.of(field)
        self.init(name: .customLong(setting.flag), inversion: .prefixedNo, help: ArgumentHelp(setting.help))
    }
}

/// A parsed `@Option`/`@Flag` of a setting.
private protocol SettingArgument {
    /// Writes the parsed value, if the flag was given, into `field`; false when `field` has another type.
    func apply(to configuration: inout ServiceConfiguration, field: PartialKeyPath<ServiceConfiguration>) -> Bool
}

/// `T?` seen as its wrapped type, to match an optional flag value to a field of type `T`.
private protocol OptionalValue {
    associatedtype Wrapped
    var value: Wrapped? { get }
}

extension Optional: OptionalValue {
    fileprivate var value: Wrapped? { self }
}

/// Writes `value`, if any, into `field` when the field has its type.
private func write<V: OptionalValue>(
    _ value: V, to configuration: inout ServiceConfiguration,
    field: PartialKeyPath<ServiceConfiguration>
) -> Bool {
    guard let field = field as? WritableKeyPath<ServiceConfiguration, V.Wrapped> else { return false }
    if let value = value.value { configuration[keyPath: field] = value }
    return true
}

extension Option: SettingArgument where Value: OptionalValue {
    fileprivate func apply(to configuration: inout ServiceConfiguration, field: PartialKeyPath<ServiceConfiguration>) -> Bool {
        write(wrappedValue, to: &configuration, field: field)
    }
}

extension Flag: SettingArgument where Value: OptionalValue {
    fileprivate func apply(to configuration: inout ServiceConfiguration, field: PartialKeyPath<ServiceConfiguration>) -> Bool {
        write(wrappedValue, to: &configuration, field: field)
    }
}
