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
        for (name, value) in [("EOS_PORT", "http"), ("EOS_PORT", "70000"), ("EOS_WORKERS", "0"), ("EOS_ACCESS_LOG", "maybe"),
                              ("EOS_LOG_LEVEL", "loud"), ("EOS_TOV_RTOL", "nan"), ("EOS_DEFAULT_EOS_POINTS", "5000")] {
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

    @Test func missingModelIsATypedError() {
        var configuration = testConfiguration()
        configuration.modelName = "absent"
        #expect(throws: ServiceError.self) { try buildInferenceServer(configuration: configuration) }
    }
}
