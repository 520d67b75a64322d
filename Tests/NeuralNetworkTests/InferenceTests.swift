import Foundation
import NeuralNetwork
import Testing

@Suite("Inference")
struct InferenceTests {
    static let model: VAEModel = {
        let training = SyntheticData(rowCount: 128, seed: 21), validation = SyntheticData(rowCount: 32, seed: 22)
        let trainer = try! VAETrainer(
            trainingVectors: training.vectors, trainingLabels: training.labels,
            validationVectors: validation.vectors, validationLabels: validation.labels,
            configuration: TrainingConfiguration(architecture: VAEArchitecture(latentCount: 3), maximumEpochs: 2))
        trainer.train { _ in .proceed }
        return try! trainer.bestModel()
    }()

    @Test("decode returns raw values: 0 < c_s² < 1 and positive boundary values; batch equals single")
    func decode() throws {
        let model = Self.model
        let single = try model.decode(mMax: 2.1, r14: 12.3, z: [0.1, -0.2, 0.3])
        #expect(single.count == 107)
        #expect(single[0..<101].allSatisfy { $0 > 0 && $0 < 1 })
        #expect(single[101...].allSatisfy { $0 > 0 && $0.isFinite })
        let batch = try model.decode(batch: [
            LatentPoint(mMax: 2.0, r14: 12, z: [0, 0, 0]),
            LatentPoint(mMax: 2.1, r14: 12.3, z: [0.1, -0.2, 0.3]),
        ])
        #expect(batch[1] == single)
    }

    @Test("encode returns physical supervised latents, μ_v and positive σ_v; batch equals single")
    func encode() throws {
        let model = Self.model
        let data = SyntheticData(rowCount: 300, seed: 23)
        let batch = try model.encode(batch: data.vectors)
        #expect(batch.count == 300)
        let single = try model.encode(data.vectors[299])
        let pairs = zip(
            single.supervised + single.latentMeans + single.latentStandardDeviations,
            batch[299].supervised + batch[299].latentMeans + batch[299].latentStandardDeviations)
        for (alone, batched) in pairs { #expect(alone.bitPattern == batched.bitPattern) }
        #expect(single.supervised.count == 2 && single.latentMeans.count == 3)
        #expect(single.latentStandardDeviations.allSatisfy { $0 > 0 })
    }

    @Test("a point decodes and encodes to the same bits in batches of 1, 3, 8, 64 and 300 (two chunks)")
    func batchInvariance() throws {
        let model = Self.model
        var generator = SeededGenerator(seed: 31)
        let points = (0..<300).map { _ in
            LatentPoint(
                mMax: 1.9 + 0.4 * generator.nextUniform(), r14: 11 + 2 * generator.nextUniform(),
                z: (0..<3).map { _ in generator.nextStandardNormal() })
        }
        func decoded(inBatchesOf size: Int) throws -> [[UInt64]] {
            var bits: [[UInt64]] = []
            for start in stride(from: 0, to: points.count, by: size) {
                let batch = try model.decode(batch: Array(points[start..<min(start + size, points.count)]))
                bits += batch.map { vector in vector.map(\.bitPattern) }
            }
            return bits
        }
        let whole = try decoded(inBatchesOf: 300)
        for size in [1, 3, 8, 64] { #expect(try decoded(inBatchesOf: size) == whole, "decode batches of \(size)") }

        let vectors = SyntheticData(rowCount: 300, seed: 32).vectors
        func encoded(inBatchesOf size: Int) throws -> [[UInt64]] {
            var bits: [[UInt64]] = []
            for start in stride(from: 0, to: vectors.count, by: size) {
                let batch = try model.encode(batch: Array(vectors[start..<min(start + size, vectors.count)]))
                for encoding in batch {
                    let values: [Double] = encoding.supervised + encoding.latentMeans + encoding.latentStandardDeviations
                    bits.append(values.map(\.bitPattern))
                }
            }
            return bits
        }
        let wholeEncoded = try encoded(inBatchesOf: 300)
        for size in [1, 3, 8, 64] { #expect(try encoded(inBatchesOf: size) == wholeEncoded, "encode batches of \(size)") }
    }

    @Test("latent statistics describe the training set")
    func latentStatistics() {
        let statistics = Self.model.latentStatistics
        #expect(statistics.sampleCount == 128)
        #expect(statistics.latentMeans.count == 3 && statistics.latentStandardDeviations.allSatisfy { $0 > 0 })
        #expect(statistics.labelMinimums[0] >= 1.8 && statistics.labelMaximums[0] <= 2.4)
        #expect(statistics.labelMinimums[1] >= 11 && statistics.labelMaximums[1] <= 13.5)
    }

    @Test("wrong latent sizes and non-positive vectors are rejected")
    func rejectsBadInput() {
        #expect(throws: NeuralNetworkError.wrongColumnCount(dataset: "decode z", row: 0, expected: 3, actual: 2)) {
            try Self.model.decode(mMax: 2, r14: 12, z: [0, 0])
        }
        var vector = SyntheticData(rowCount: 1, seed: 1).vectors[0]
        vector[101] = 0
        #expect(throws: NeuralNetworkError.nonPositiveValue(dataset: "encode input", row: 0, column: 101, value: 0)) {
            try Self.model.encode(vector)
        }
    }

    @Test("model construction validates parameter count and finiteness")
    func validatesParameters() throws {
        let model = Self.model
        #expect(throws: NeuralNetworkError.parameterCountMismatch(expected: model.parameters.count, actual: 3)) {
            try VAEModel(
                architecture: model.architecture, parameters: [1, 2, 3], inputScaler: model.inputScaler,
                labelScaler: model.labelScaler, latentStatistics: model.latentStatistics)
        }
        var parameters = model.parameters
        let tensor = try #require(model.architecture.tensors.first { $0.name == "decoder.boundary_head.bias" })
        parameters[tensor.offset + 4] = .infinity
        #expect(throws: NeuralNetworkError.nonFiniteParameter(tensor: "decoder.boundary_head.bias", index: 4)) {
            try VAEModel(
                architecture: model.architecture, parameters: parameters, inputScaler: model.inputScaler,
                labelScaler: model.labelScaler, latentStatistics: model.latentStatistics)
        }
    }
}
