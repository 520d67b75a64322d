import Foundation
import NeuralNetwork
import Testing

@Suite("Training")
struct TrainingTests {
    static let training = SyntheticData(rowCount: 320, seed: 11)
    static let validation = SyntheticData(rowCount: 64, seed: 12)

    func makeTrainer(seed: UInt64, epochs: Int = 3, learningRate: Double = 1e-3, patience: Int = 10) throws -> VAETrainer {
        let configuration = TrainingConfiguration(
            architecture: VAEArchitecture(latentCount: 2), lossWeights: LossWeights(supervised: 1, kl: 1e-3),
            optimizer: AdamConfiguration(learningRate: learningRate), batchSize: 64,
            maximumEpochs: epochs, patience: patience, seed: seed)
        return try VAETrainer(
            trainingVectors: Self.training.vectors, trainingLabels: Self.training.labels,
            validationVectors: Self.validation.vectors, validationLabels: Self.validation.labels,
            configuration: configuration)
    }

    @Test("a short run on synthetic data reduces the validation loss markedly")
    func lossDecreases() throws {
        let trainer = try makeTrainer(seed: 1, epochs: 40)
        var reports: [EpochReport] = []
        let reason = trainer.train {
            reports.append($0); return .proceed
        }
        #expect(reason == .maximumEpochs)
        #expect(reports.map(\.epoch) == Array(1...40))
        let first = try #require(reports.first).validationLoss.total
        let best = try #require(reports.map(\.validationLoss.total).min())
        #expect(best < 0.25 * first, "validation loss went from \(first) to \(best)")
        #expect(reports.allSatisfy { $0.elapsedSeconds >= $0.epochSeconds && $0.trainingLoss.total.isFinite })
    }

    @Test("the same seed gives bit-identical weights; another seed does not")
    func determinism() throws {
        let first = try makeTrainer(seed: 5), second = try makeTrainer(seed: 5), other = try makeTrainer(seed: 6)
        for trainer in [first, second, other] { trainer.train { _ in .proceed } }
        #expect(first.snapshot().parameters == second.snapshot().parameters)
        #expect(first.snapshot().optimizer == second.snapshot().optimizer)
        #expect(first.snapshot().parameters != other.snapshot().parameters)
    }

    @Test("stopping, snapshotting (through JSON) and resuming equals an uninterrupted run")
    func resumeIsBitIdentical() throws {
        let uninterrupted = try makeTrainer(seed: 9, epochs: 4)
        uninterrupted.train { _ in .proceed }
        let interrupted = try makeTrainer(seed: 9, epochs: 4)
        #expect(interrupted.train { $0.epoch == 2 ? .stop : .proceed } == .requested)
        #expect(interrupted.completedEpochs == 2 && interrupted.stopReason == nil)
        let data = try JSONEncoder().encode(interrupted.snapshot())
        let snapshot = try JSONDecoder().decode(TrainerSnapshot.self, from: data)
        let resumed = try VAETrainer(
            trainingVectors: Self.training.vectors, trainingLabels: Self.training.labels,
            validationVectors: Self.validation.vectors, validationLabels: Self.validation.labels,
            resumingFrom: snapshot)
        #expect(resumed.train { _ in .proceed } == .maximumEpochs)
        var expected = uninterrupted.snapshot(), actual = resumed.snapshot()
        expected.elapsedSeconds = 0
        actual.elapsedSeconds = 0
        #expect(actual == expected)
    }

    @Test("resuming with different data is rejected")
    func resumeWithOtherDataFails() throws {
        let trainer = try makeTrainer(seed: 9, epochs: 1)
        let other = SyntheticData(rowCount: 100, seed: 99)
        #expect(throws: NeuralNetworkError.self) {
            try VAETrainer(
                trainingVectors: other.vectors, trainingLabels: other.labels,
                validationVectors: Self.validation.vectors, validationLabels: Self.validation.labels,
                resumingFrom: trainer.snapshot())
        }
    }

    @Test("early stopping restores the best weights")
    func earlyStoppingKeepsBest() throws {
        // A large learning rate makes the validation loss oscillate, so patience 2 triggers quickly.
        let trainer = try makeTrainer(seed: 3, epochs: 60, learningRate: 0.05, patience: 2)
        var reports: [EpochReport] = []
        let reason = trainer.train {
            reports.append($0); return .proceed
        }
        let snapshot = trainer.snapshot()
        let bestReport = try #require(reports.first { $0.epoch == snapshot.bestEpoch })
        #expect(bestReport.validationLoss.total == reports.map(\.validationLoss.total).min())
        if reason == .earlyStopping {
            #expect(snapshot.completedEpochs == snapshot.bestEpoch + 2)
        }
        let model = try trainer.bestModel()
        #expect(model.parameters == snapshot.bestParameters)
        let loss = try model.loss(
            vectors: Self.validation.vectors, labels: Self.validation.labels,
            weights: trainer.configuration.lossWeights)
        #expect(abs(loss.total - bestReport.validationLoss.total) <= 1e-12 * bestReport.validationLoss.total)
    }

    @Test("invalid data and configurations are rejected with context")
    func rejectsInvalidInput() throws {
        var vectors = Self.training.vectors
        vectors[3][7] = -1
        #expect(throws: NeuralNetworkError.nonPositiveValue(dataset: "training", row: 3, column: 7, value: -1)) {
            try VAETrainer(
                trainingVectors: vectors, trainingLabels: Self.training.labels,
                validationVectors: Self.validation.vectors, validationLabels: Self.validation.labels,
                configuration: TrainingConfiguration())
        }
        #expect(throws: NeuralNetworkError.rowCountMismatch(dataset: "validation", vectors: 64, labels: 63)) {
            try VAETrainer(
                trainingVectors: Self.training.vectors, trainingLabels: Self.training.labels,
                validationVectors: Self.validation.vectors,
                validationLabels: Array(Self.validation.labels.dropLast()),
                configuration: TrainingConfiguration())
        }
        #expect(throws: NeuralNetworkError.invalidConfiguration("batch size 0 must be at least 1")) {
            try VAETrainer(
                trainingVectors: Self.training.vectors, trainingLabels: Self.training.labels,
                validationVectors: Self.validation.vectors, validationLabels: Self.validation.labels,
                configuration: TrainingConfiguration(batchSize: 0))
        }
    }
}
