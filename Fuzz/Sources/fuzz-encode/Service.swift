import Foundation
import InferenceService
import MiniHTTP

/// The service on the tiny fixture model (Tests/InferenceServiceTests/Fixtures/tiny), built once, never listening.
/// Small batch and table limits keep one execution fast; the validation code paths are the same as in production.
let server: InferenceServer = {
    var configuration = ServiceConfiguration()
    configuration.modelDirectory =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Tests/InferenceServiceTests/Fixtures").standardized.path
    configuration.modelName = "tiny"
    configuration.workers = 1
    configuration.batchThreads = 2
    configuration.accessLog = false
    configuration.logLevel = "critical"
    configuration.maxBatchPoints = 8
    configuration.maxEOSPoints = 200
    configuration.maxMassRadiusPoints = 40
    configuration.defaultMassRadiusPoints = 10
    configuration.defaultEOSPoints = 20
    do {
        return try buildInferenceServer(configuration: configuration)
    } catch {
        fatalError("cannot build the service on the fixture model: \(error)")
    }
}()
