import Foundation
import InferenceService

/// A service configuration for the tiny fixture model, shared by the test targets that build the service.
///
/// The model is `Tests/InferenceServiceTests/Fixtures/tiny` (d = 1), trained on `Tests/Fixtures/skyrme-300` with
/// `eos-trainer train --latent-dim 1 --epochs 3000 --patience 300 --encoder-widths 32,16 --decoder-widths 16,32
/// --learning-rate 1e-3 --batch-size 32`. The server binds 127.0.0.1 on a free port, with two workers, two batch
/// threads, no access log and small default curves.
public func tinyModelConfiguration() -> ServiceConfiguration {
    var configuration = ServiceConfiguration()
    configuration.modelDirectory =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InferenceServiceTests/Fixtures").path
    configuration.modelName = "tiny"
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.workers = 2
    configuration.batchThreads = 2
    configuration.accessLog = false
    configuration.logLevel = "warning"
    configuration.defaultMassRadiusPoints = 10
    configuration.defaultEOSPoints = 20
    return configuration
}
