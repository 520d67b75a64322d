import Foundation
import ModelFormat
import NeuralNetwork

/// A production-shaped model with seeded random weights and statistics (no training needed).
func makeBundle(seed: UInt64 = 1, name: String = "test-model") throws -> ModelBundle {
    let architecture = VAEArchitecture(latentCount: 4)
    var generator = SeededGenerator(seed: seed)
    let inputScaler = try StandardScaler(
        means: (0..<107).map { _ in generator.nextStandardNormal() },
        standardDeviations: (0..<107).map { _ in 0.1 + generator.nextUniform() })
    let labelScaler = try StandardScaler(means: [2.1, 12.2], standardDeviations: [0.17, 0.63])
    let statistics = LatentStatistics(
        latentMeans: [0.1, -0.2, 0.3, 1e-17], latentStandardDeviations: [0.9, 1.1, 0.7, 1.0 / 3],
        labelMinimums: [1.8, 10.9], labelMaximums: [2.4, 13.6], sampleCount: 700)
    let model = try VAEModel(
        architecture: architecture,
        parameters: ParameterInitializer.initialParameters(for: architecture, seed: seed),
        inputScaler: inputScaler, labelScaler: labelScaler, latentStatistics: statistics)
    let configuration = TrainingConfiguration(
        architecture: architecture, lossWeights: LossWeights(supervised: 1, kl: 0.001),
        seed: UInt64.max - 12)
    let metadata = ModelMetadata(
        name: name,
        training: TrainingRecord(
            configuration: configuration, bestEpoch: 137, completedEpochs: 147,
            stopReason: "earlyStopping", datasetManifestHash: "sha256:0123abcd", splitSeed: 42),
        metrics: ["test.reconstruction_mse": 0.0123, "test.mmax_rmse_msun": 0.015, "test.r14_rmse_km": 0.1 / 3])
    return ModelBundle(model: model, metadata: metadata)
}

/// A fresh temporary directory removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("modelformat-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Rewrites model.json in `directory` through `edit` on its JSON object.
func editDocument(in directory: URL, _ edit: (inout [String: Any]) -> Void) throws {
    let url = directory.appendingPathComponent(ModelDirectory.documentFileName)
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    edit(&object)
    try JSONSerialization.data(withJSONObject: object).write(to: url)
}

/// Rewrites model.safetensors in `directory` with the tensors produced by `edit`.
func editTensors(in directory: URL, _ edit: (inout [NamedTensor]) -> Void) throws {
    let url = directory.appendingPathComponent(ModelDirectory.weightsFileName)
    var tensors = try Safetensors.decode(Data(contentsOf: url), file: url.path).tensors
    edit(&tensors)
    try Safetensors.encode(tensors, metadata: [:]).write(to: url)
}
