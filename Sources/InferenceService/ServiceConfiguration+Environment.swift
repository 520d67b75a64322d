/// Reading ``ServiceConfiguration`` from `EOS_*` environment variables.
extension ServiceConfiguration {
    /// The environment variable of each setting, in ``ServiceSetting/all`` order.
    public static let environmentVariables = ServiceSetting.all.map(\.environmentVariable)

    /// The defaults, overridden by every `EOS_*` variable of ``ServiceSetting/all`` present in `environment`, then
    /// validated.
    /// - Throws: ``ConfigurationError`` naming the variable for a value that does not parse or is out of range.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        for setting in ServiceSetting.all {
            try setting.read(from: environment, into: &self)
        }
        try validate()
    }
}
