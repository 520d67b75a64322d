import Foundation
import ModelFormat
import NeuralNetwork
import Testing

@Suite("Trainer checkpoint")
struct TrainerCheckpointTests {
    func makeTrainer() throws -> VAETrainer {
        var generator = SeededGenerator(seed: 8)
        func rows(_ count: Int, _ columns: Int, _ offset: Double) -> [[Double]] {
            (0..<count).map { _ in (0..<columns).map { _ in offset + generator.nextUniform() } }
        }
        let architecture = VAEArchitecture(
            soundSpeedCount: 9, boundaryCount: 3, supervisedLatentCount: 2, latentCount: 2,
            encoderHiddenWidths: [8], decoderHiddenWidths: [8], activation: .silu)
        return try VAETrainer(
            trainingVectors: rows(40, 12, 0.01), trainingLabels: rows(40, 2, 1),
            validationVectors: rows(10, 12, 0.01), validationLabels: rows(10, 2, 1),
            configuration: TrainingConfiguration(
                architecture: architecture, batchSize: 16,
                maximumEpochs: 5, seed: 77))
    }

    @Test("a checkpoint restores the exact snapshot")
    func roundTrip() throws {
        let trainer = try makeTrainer()
        trainer.train { $0.epoch == 3 ? .stop : .proceed }
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("checkpoint.safetensors")
            try TrainerCheckpoint.save(trainer.snapshot(), to: url)
            let restored = try TrainerCheckpoint.load(from: url)
            #expect(restored == trainer.snapshot())
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["checkpoint.safetensors"])
        }
    }

    @Test("a model weights file is not accepted as a checkpoint")
    func rejectsOtherFiles() throws {
        try withTemporaryDirectory { directory in
            try ModelDirectory.save(try makeBundle(), to: directory)
            let url = directory.appendingPathComponent("model.safetensors")
            #expect(throws: ModelFormatError.malformedHeader(file: url.path, reason: "no __metadata__.state: not a training checkpoint")) {
                try TrainerCheckpoint.load(from: url)
            }
        }
    }
}
