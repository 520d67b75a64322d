import Foundation
import ModelFormat
import NeuralNetwork

/// One training run from a dataset directory to a model directory, with a resumable checkpoint.
///
/// The checkpoint (`checkpoint.safetensors` in the output directory) is written atomically after every epoch,
/// so an interrupted run (SIGINT, kill) resumes from its last completed epoch with `resume: true` and ends
/// bit-identical to an uninterrupted one. When training ends the best model is saved with
/// ``ModelFormat/ModelDirectory`` and the checkpoint is removed.
package final class VAETrainingRun {
    /// File name of the checkpoint inside the output directory.
    package static let checkpointFileName = "checkpoint.safetensors"

    /// The data split in use.
    package let split: VAEDataSplit
    /// The rows the network is fitted to: the split's training rows, then every row of the extra datasets.
    package let trainingRows: VAESplitRows
    /// Manifest hashes of the extra training datasets (recorded in model.json).
    package let extraDatasetManifestHashes: [String]
    /// Where the model goes.
    package let outputDirectory: URL
    /// The model name recorded in model.json.
    package let modelName: String
    /// Hash of the dataset manifest (recorded in model.json).
    package let datasetManifestHash: String
    /// The trainer (fresh or resumed).
    package let trainer: VAETrainer

    private var checkpointURL: URL { outputDirectory.appendingPathComponent(Self.checkpointFileName) }

    /// Prepares a run. With `resume`, continues from the checkpoint in `outputDirectory` (its configuration wins; a run
    /// started from `initialModel` resumes only when given that model again, whose scalers it keeps).
    /// With `initialModel` (and no resume), training starts from that model's weights with a fresh optimizer
    /// (a second stage, e.g. at a lower learning rate) and keeps that model's scalers; the model must have this
    /// architecture. Every row of each `extraTraining` dataset joins the training rows (validation and test stay the
    /// split of `dataset`, so that models trained with and without extra data are compared on the same rows).
    /// - Throws: `DatasetError`, `NeuralNetworkError`, `ModelFormatError` with the file and reason.
    package init(
        datasetDirectory: URL, dataset: Dataset, configuration: TrainingConfiguration, splitSeed: UInt64,
        outputDirectory: URL, modelName: String, resume: Bool, initialModel: ModelBundle? = nil,
        extraTraining: [(directory: URL, dataset: Dataset)] = []
    ) throws {
        split = VAEDataSplit(dataset: dataset, seed: splitSeed)
        trainingRows = extraTraining.reduce(split.training) { $0.appending(allRowsOf: $1.dataset) }
        extraDatasetManifestHashes = try extraTraining.map { try VAEDatasetIdentity.manifestHash(directory: $0.directory) }
        if let duplicate = extraDatasetManifestHashes.first(where: {
            $0 == (try? VAEDatasetIdentity.manifestHash(directory: datasetDirectory))
        }) {
            throw DatasetError("an extra training dataset is the main dataset itself (\(duplicate)): its test rows would be trained on")
        }
        self.outputDirectory = outputDirectory
        self.modelName = modelName
        datasetManifestHash = try VAEDatasetIdentity.manifestHash(directory: datasetDirectory)
        let checkpoint = outputDirectory.appendingPathComponent(Self.checkpointFileName)
        // Where training starts: a checkpoint, a model's weights (a later stage, keeping that model's scalers, which
        // these rows need not reproduce), or fresh weights.
        var start: TrainerSnapshot?
        if resume {
            guard FileManager.default.fileExists(atPath: checkpoint.path) else {
                throw DatasetError("\(checkpoint.path): no checkpoint to resume from")
            }
            let snapshot = try TrainerCheckpoint.load(from: checkpoint)
            if let model = initialModel?.model,
                snapshot.inputScaler != model.inputScaler || snapshot.labelScaler != model.labelScaler
            {
                throw DatasetError("\(checkpoint.path) was not started from the given initial model (its scalers differ)")
            }
            start = snapshot
        } else if let model = initialModel?.model {
            guard model.architecture == configuration.architecture else {
                throw DatasetError("the initial model's architecture differs from the configured one")
            }
            start = TrainerSnapshot(
                configuration: configuration, inputScaler: model.inputScaler, labelScaler: model.labelScaler,
                parameters: model.parameters, bestParameters: model.parameters,
                optimizer: AdamOptimizer(parameterCount: model.parameters.count, configuration: configuration.optimizer),
                generator: SeededGenerator(seed: configuration.seed ^ 0x5EED_5EED_5EED_5EED),
                completedEpochs: 0, bestValidationLoss: nil, bestEpoch: 0, epochsWithoutImprovement: 0,
                elapsedSeconds: 0, stopReason: nil)
        }
        let training = trainingRows, validation = split.validation
        if let start {
            trainer = try VAETrainer(
                trainingVectors: training.vectors, trainingLabels: training.labels,
                validationVectors: validation.vectors, validationLabels: validation.labels,
                resumingFrom: start, keepingItsScalers: initialModel != nil)
        } else {
            trainer = try VAETrainer(
                trainingVectors: training.vectors, trainingLabels: training.labels,
                validationVectors: validation.vectors, validationLabels: validation.labels,
                configuration: configuration)
        }
        initialModelEpochs = initialModel.map { Double($0.metadata.training.completedEpochs) }
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    }

    /// Epochs of the model this run started from (recorded as `training.initial_model_epochs`), if any.
    private let initialModelEpochs: Double?

    /// Trains, checkpointing after every epoch. `progress` sees each epoch and may return `.stop`
    /// (the checkpoint is then current and the run can resume). Saves the model when training has finished.
    /// - Returns: the saved bundle, or nil when stopped early on request.
    package func run(progress: (EpochReport) -> TrainingControl) throws -> ModelBundle? {
        var checkpointError: (any Error)?
        let reason = trainer.train { report in
            do {
                try TrainerCheckpoint.save(trainer.snapshot(), to: checkpointURL)
            } catch {
                checkpointError = error
                return .stop
            }
            return progress(report)
        }
        if let checkpointError { throw checkpointError }
        if reason == .requested { return nil }
        let bundle = try finish(stopReason: reason)
        try? FileManager.default.removeItem(at: checkpointURL)
        return bundle
    }

    /// Saves the best model with its training record and validation metrics.
    private func finish(stopReason: TrainingStopReason) throws -> ModelBundle {
        let model = try trainer.bestModel()
        let snapshot = trainer.snapshot()
        let configuration = trainer.configuration
        let validationLoss = try model.loss(
            vectors: split.validation.vectors, labels: split.validation.labels,
            weights: configuration.lossWeights)
        let record = TrainingRecord(
            configuration: configuration, bestEpoch: snapshot.bestEpoch,
            completedEpochs: snapshot.completedEpochs, stopReason: stopReason.rawValue,
            datasetManifestHash: datasetManifestHash, splitSeed: split.seed,
            extraDatasetManifestHashes: extraDatasetManifestHashes.isEmpty ? nil : extraDatasetManifestHashes)
        let samples = Double(snapshot.completedEpochs * trainingRows.count)
        var metrics: [String: Double] = [
            "validation.loss_total": validationLoss.total,
            "validation.loss_reconstruction": validationLoss.reconstruction,
            "validation.loss_supervised": validationLoss.supervised,
            "validation.loss_kl": validationLoss.kl,
            "training.seconds": snapshot.elapsedSeconds,
            "training.samples_per_second": snapshot.elapsedSeconds > 0 ? samples / snapshot.elapsedSeconds : 0,
        ]
        if let initialModelEpochs { metrics["training.initial_model_epochs"] = initialModelEpochs }
        let bundle = ModelBundle(model: model, metadata: ModelMetadata(name: modelName, training: record, metrics: metrics))
        try ModelDirectory.save(bundle, to: outputDirectory)
        return bundle
    }
}
