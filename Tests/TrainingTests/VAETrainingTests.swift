import Foundation
import ModelFormat
import NeuralNetwork
import Testing
import Training

/// The committed 300-row fixture dataset.
let vaeFixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/skyrme-300")

/// A fresh temporary directory for VAE tests (the caller removes it).
func vaeScratchDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vae-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A tiny, fast configuration (d = 1, narrow layers).
func tinyConfiguration(epochs: Int) -> TrainingConfiguration {
    let architecture = VAEArchitecture(
        soundSpeedCount: 101, boundaryCount: 6, supervisedLatentCount: 2, latentCount: 1,
        encoderHiddenWidths: [32, 16], decoderHiddenWidths: [16, 32], activation: .relu)
    return TrainingConfiguration(
        architecture: architecture, lossWeights: LossWeights(supervised: 2, kl: 1e-3),
        optimizer: AdamConfiguration(learningRate: 1e-3), batchSize: 32,
        maximumEpochs: epochs, patience: 10, seed: 3)
}

@Suite("VAE training runs")
struct VAETrainingTests {
    @Test("A run writes a loadable model with its training record, then removes its checkpoint")
    func runWritesModelDirectory() throws {
        let directory = try vaeScratchDirectory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        let out = directory.appendingPathComponent("tiny")
        let run = try VAETrainingRun(
            datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 3),
            splitSeed: 5, outputDirectory: out, modelName: "tiny", resume: false)
        #expect(run.split.training.count == 210 && run.split.validation.count == 45 && run.split.test.count == 45)
        var epochs: [Int] = []
        let saved = try #require(
            try run.run {
                epochs.append($0.epoch); return .proceed
            })
        #expect(epochs == [1, 2, 3])
        let loaded = try ModelDirectory.load(from: out)
        #expect(loaded.model.parameters == saved.model.parameters)
        let record = loaded.metadata.training
        #expect(record.splitSeed == 5 && record.completedEpochs == 3 && (1...3).contains(record.bestEpoch))
        #expect(record.datasetManifestHash == (try VAEDatasetIdentity.manifestHash(directory: vaeFixtureDirectory)))
        #expect(record.datasetManifestHash.hasPrefix("fnv1a64:") && record.datasetManifestHash.count == 24)
        #expect(record.configuration == tinyConfiguration(epochs: 3))
        for key in ["validation.loss_total", "validation.loss_reconstruction", "training.seconds"] {
            #expect(loaded.metadata.metrics[key]?.isFinite == true, "\(key)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(VAETrainingRun.checkpointFileName).path))
        #expect(loaded.model.latentStatistics.sampleCount == 210)
    }

    @Test("A run stopped after epoch 2 resumes from its checkpoint to the same weights as an uninterrupted run")
    func interruptedRunResumesBitIdentically() throws {
        let directory = try vaeScratchDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        func makeRun(_ name: String, resume: Bool) throws -> VAETrainingRun {
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 4),
                splitSeed: 1, outputDirectory: directory.appendingPathComponent(name), modelName: name, resume: resume)
        }
        let straight = try #require(try makeRun("straight", resume: false).run { _ in .proceed })
        #expect(try makeRun("split", resume: false).run { $0.epoch == 2 ? .stop : .proceed } == nil)
        let checkpoint = directory.appendingPathComponent("split/\(VAETrainingRun.checkpointFileName)")
        #expect(FileManager.default.fileExists(atPath: checkpoint.path))
        let resumed = try makeRun("split", resume: true)
        #expect(resumed.trainer.completedEpochs == 2)
        let finished = try #require(try resumed.run { _ in .proceed })
        #expect(finished.model.parameters == straight.model.parameters)
        #expect(throws: (any Error).self) { try makeRun("nothing-to-resume", resume: true) }
    }

    @Test("A second stage starts from a model's weights with a fresh optimizer and records it")
    func warmStartFromModel() throws {
        let directory = try vaeScratchDirectory("warm")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        let first = try #require(
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 3), splitSeed: 1,
                outputDirectory: directory.appendingPathComponent("first"), modelName: "first", resume: false
            ).run { _ in .proceed })
        var slower = tinyConfiguration(epochs: 1)
        slower.optimizer = AdamConfiguration(learningRate: 1e-4)
        var firstLoss: Double?
        let second = try #require(
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: slower, splitSeed: 1,
                outputDirectory: directory.appendingPathComponent("second"), modelName: "second", resume: false,
                initialModel: first
            ).run {
                firstLoss = $0.validationLoss.total; return .proceed
            })
        #expect(second.metadata.metrics["training.initial_model_epochs"] == 3)
        let start = try #require(first.metadata.metrics["validation.loss_total"])
        #expect(try #require(firstLoss) < 2 * start, "the second stage starts near the first stage's loss, not from scratch")
        var other = slower
        other.architecture.latentCount = 2
        #expect(throws: (any Error).self) {
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: other, splitSeed: 1,
                outputDirectory: directory.appendingPathComponent("bad"), modelName: "bad", resume: false,
                initialModel: first)
        }
    }

    @Test("Extra datasets join only the training rows; a second stage keeps its model's scalers; the main dataset cannot be its own extra")
    func extraTrainingData() throws {
        let directory = try vaeScratchDirectory("extra")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        // The same rows under another manifest (one extra byte): a different dataset as far as the hash goes.
        let copy = directory.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: vaeFixtureDirectory, to: copy)
        let manifest = copy.appendingPathComponent("manifest.json")
        try (try Data(contentsOf: manifest) + Data("\n".utf8)).write(to: manifest)
        let extra = [(directory: copy, dataset: try Dataset(directory: copy))]
        let plain = try VAETrainingRun(
            datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 2), splitSeed: 1,
            outputDirectory: directory.appendingPathComponent("plain"), modelName: "plain", resume: false)
        let first = try #require(try plain.run { _ in .proceed })
        let run = try VAETrainingRun(
            datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 1), splitSeed: 1,
            outputDirectory: directory.appendingPathComponent("more"), modelName: "more", resume: false,
            initialModel: first, extraTraining: extra)
        #expect(run.trainingRows.count == 210 + 300)
        #expect(run.split.validation.indices == plain.split.validation.indices && run.split.test.indices == plain.split.test.indices)
        #expect(Set(run.trainingRows.indices).count == 510, "extra rows get their own indices")
        #expect(run.trainer.inputScaler == first.model.inputScaler && run.trainer.labelScaler == first.model.labelScaler)
        let saved = try #require(try run.run { _ in .proceed })
        #expect(saved.metadata.training.extraDatasetManifestHashes == [try VAEDatasetIdentity.manifestHash(directory: copy)])
        #expect(saved.model.latentStatistics.sampleCount == 510)
        let extraWarning = try #require(try VAEDatasetIdentity.mismatchWarning(directory: copy, model: saved))
        #expect(extraWarning.contains("was a training row"), "\(extraWarning)")
        #expect(try VAEDatasetIdentity.mismatchWarning(directory: copy, model: first)?.contains("may overlap") == true)
        #expect(try VAEDatasetIdentity.mismatchWarning(directory: vaeFixtureDirectory, model: saved) == nil)
        #expect(first.metadata.training.extraDatasetManifestHashes == nil)

        // Stopped after one of two epochs, the run resumes with its initial model given again, to the same weights.
        var twoEpochs = tinyConfiguration(epochs: 2)
        twoEpochs.patience = 5
        func stage(_ name: String, resume: Bool, initial: ModelBundle?) throws -> VAETrainingRun {
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: twoEpochs, splitSeed: 1,
                outputDirectory: directory.appendingPathComponent(name), modelName: name, resume: resume,
                initialModel: initial, extraTraining: extra)
        }
        let straight = try #require(try stage("straight", resume: false, initial: first).run { _ in .proceed })
        #expect(try stage("stopped", resume: false, initial: first).run { _ in .stop } == nil)
        #expect(throws: (any Error).self) { try stage("stopped", resume: true, initial: nil) }
        let refitted = try #require(
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 1), splitSeed: 1,
                outputDirectory: directory.appendingPathComponent("refitted"), modelName: "refitted", resume: false,
                extraTraining: extra
            ).run { _ in .proceed })
        #expect(refitted.model.inputScaler != first.model.inputScaler, "scalers fitted to 510 rows, not 210")
        #expect(throws: (any Error).self) { try stage("stopped", resume: true, initial: refitted) }
        let resumed = try #require(try stage("stopped", resume: true, initial: first).run { _ in .proceed })
        #expect(resumed.model.parameters == straight.model.parameters)
        #expect(throws: (any Error).self) {
            try VAETrainingRun(
                datasetDirectory: vaeFixtureDirectory, dataset: dataset, configuration: tinyConfiguration(epochs: 1), splitSeed: 1,
                outputDirectory: directory.appendingPathComponent("self"), modelName: "self", resume: false,
                extraTraining: [(directory: vaeFixtureDirectory, dataset: dataset)])
        }
    }
}
