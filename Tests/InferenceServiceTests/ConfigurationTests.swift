import Foundation
import InferenceService
import Testing

@Suite("ServiceConfiguration")
struct ConfigurationTests {
    @Test func defaultsAreDocumentedValues() throws {
        let configuration = try ServiceConfiguration(environment: [:])
        #expect(configuration == ServiceConfiguration())
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080)
        #expect(configuration.modelPath.path.hasSuffix("models/default"))
    }

    @Test func environmentOverridesDefaults() throws {
        let configuration = try ServiceConfiguration(environment: [
            "EOS_HOST": "0.0.0.0", "EOS_PORT": "9000", "EOS_MODEL_DIR": "/srv/models", "EOS_MODEL": "paper",
            "EOS_WORKERS": "3", "EOS_MAX_BATCH_POINTS": "64", "EOS_TOV_RTOL": "1e-7", "EOS_ACCESS_LOG": "off",
            "EOS_LOG_FORMAT": "json", "UNRELATED": "x",
        ])
        #expect(configuration.host == "0.0.0.0" && configuration.port == 9000 && configuration.workers == 3)
        #expect(configuration.modelPath.path == "/srv/models/paper")
        #expect(configuration.maxBatchPoints == 64 && configuration.tovRelativeTolerance == 1e-7)
        #expect(!configuration.accessLog && configuration.logFormat == "json")
    }

    @Test func badValuesNameTheVariable() {
        for (name, value) in [
            ("EOS_PORT", "http"), ("EOS_PORT", "70000"), ("EOS_WORKERS", "0"), ("EOS_ACCESS_LOG", "maybe"),
            ("EOS_LOG_LEVEL", "loud"), ("EOS_TOV_RTOL", "nan"), ("EOS_DEFAULT_EOS_POINTS", "5000"),
        ] {
            #expect(throws: ConfigurationError.self, "\(name)=\(value)") { try ServiceConfiguration(environment: [name: value]) }
            do {
                _ = try ServiceConfiguration(environment: [name: value])
            } catch {
                #expect(error.setting.contains(name), "\(error)")
            }
        }
    }

    @Test func everyVariableIsRead() throws {
        // Each documented variable set to an invalid value must be rejected, proving it is read.
        for name in ServiceConfiguration.environmentVariables where !["EOS_HOST", "EOS_MODEL_DIR", "EOS_MODEL"].contains(name) {
            #expect(throws: ConfigurationError.self, "\(name)") { try ServiceConfiguration(environment: [name: "-1x"]) }
        }
    }

    @Test func everyFieldHasOneSetting() {
        let fields = Mirror(reflecting: ServiceConfiguration()).children.count
        #expect(ServiceSetting.all.count == fields)
        #expect(Set(ServiceSetting.all.map(\.field)).count == fields)
        #expect(Set(ServiceSetting.all.map(\.flag)).count == fields)
        for setting in ServiceSetting.all {  // the naming convention of README and deploy/: --max-queue ↔ EOS_MAX_QUEUE
            #expect(setting.environmentVariable == "EOS_" + setting.flag.uppercased().replacingOccurrences(of: "-", with: "_"))
        }
    }

    @Test func helpShowsTheRealDefaults() {
        #expect(ServiceSetting.of(\.port).help == "TCP port, 0 for any free port (env EOS_PORT; default 8080).")
        #expect(ServiceSetting.of(\.maxBodyBytes).help.hasSuffix("(env EOS_MAX_BODY_BYTES; default 4194304)."))
        #expect(ServiceSetting.of(\.tovRelativeTolerance).help.hasSuffix("(env EOS_TOV_RTOL; default 1e-06)."))
        #expect(ServiceSetting.of(\.regionSigmas).help.hasSuffix("(env EOS_REGION_SIGMAS; default 3)."))
        #expect(ServiceSetting.of(\.accessLog).help.hasSuffix("(env EOS_ACCESS_LOG; default on)."))
        #expect(ServiceSetting.of(\.logFormat).help == "Log format: text or json (env EOS_LOG_FORMAT; default text).")
    }

    @Test func errorsNameFlagAndVariable() {
        var configuration = ServiceConfiguration()
        configuration.maxEOSPoints = 100
        #expect(
            throws: ConfigurationError(
                setting: "default-eos-points (EOS_DEFAULT_EOS_POINTS)",
                message: "200 must be in 2...100 (max-eos-points)")
        ) { try configuration.validate() }
        #expect(throws: ConfigurationError(setting: "EOS_PORT", message: "'http' is not an integer")) {
            try ServiceConfiguration(environment: ["EOS_PORT": "http"])
        }
        #expect(throws: ConfigurationError(setting: "idle-timeout (EOS_IDLE_TIMEOUT)", message: "-1.0 s must lie in (0, 86400]")) {
            try ServiceConfiguration(environment: ["EOS_IDLE_TIMEOUT": "-1"])
        }
    }

    @Test func missingModelIsATypedError() {
        var configuration = testConfiguration()
        configuration.modelName = "absent"
        #expect(throws: ServiceError.self) { try buildInferenceServer(configuration: configuration) }
    }
}
