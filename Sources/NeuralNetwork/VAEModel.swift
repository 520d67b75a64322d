import Foundation

/// A trained structured VAE ready for inference: weights, scalers and training-set statistics.
///
/// Vectors in and out are RAW EOS values (the 107-vector: 101 c_s² values, then 6 boundary values);
/// the model takes their natural logarithm and applies the input scaler itself.
/// The value is immutable and `Sendable`; concurrent calls are safe (each call uses its own scratch memory).
/// A point's encoding or decoding is bit-identical whatever batch it travels in: inference uses the
/// batch-invariant ``RowKernel`` (never OpenBLAS, whose blocking depends on the number of rows).
public struct VAEModel: Sendable {
    /// Network shape.
    public let architecture: VAEArchitecture
    /// Flat parameter vector; see ``VAEArchitecture/tensors`` for the named layout.
    public let parameters: [Float]
    /// Scaler of the natural logarithms of the input columns.
    public let inputScaler: StandardScaler
    /// Scaler of the labels (M_max, R_1.4).
    public let labelScaler: StandardScaler
    /// Latent statistics of the training set.
    public let latentStatistics: LatentStatistics
    /// ``parameters`` with the weights transposed for the inference kernel (``InferenceParameters``).
    private let inferenceParameters: [Float]

    /// Rows processed per network pass in batched calls.
    static let chunkSize = 256

    /// A model from its parts; checks sizes, finiteness and the architecture.
    public init(
        architecture: VAEArchitecture, parameters: [Float], inputScaler: StandardScaler,
        labelScaler: StandardScaler, latentStatistics: LatentStatistics
    ) throws(NeuralNetworkError) {
        if let problem = architecture.problem { throw .invalidArchitecture(problem) }
        guard parameters.count == architecture.parameterCount else {
            throw .parameterCountMismatch(expected: architecture.parameterCount, actual: parameters.count)
        }
        for tensor in architecture.tensors {
            if let index = parameters[tensor.range].firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteParameter(tensor: tensor.name, index: index - tensor.offset)
            }
        }
        let d = architecture.latentCount, s = architecture.supervisedLatentCount
        let sizes = [
            ("input scaler", architecture.inputCount, inputScaler.columnCount),
            ("label scaler", s, labelScaler.columnCount),
            ("latent means", d, latentStatistics.latentMeans.count),
            ("latent standard deviations", d, latentStatistics.latentStandardDeviations.count),
            ("label minimums", s, latentStatistics.labelMinimums.count),
            ("label maximums", s, latentStatistics.labelMaximums.count),
        ]
        for (what, expected, actual) in sizes where expected != actual {
            throw .sizeMismatch(what: what, expected: expected, actual: actual)
        }
        self.architecture = architecture
        self.parameters = parameters
        self.inputScaler = inputScaler
        self.labelScaler = labelScaler
        self.latentStatistics = latentStatistics
        inferenceParameters = InferenceParameters.make(from: parameters, layers: architecture.layers)
    }

    /// The values of the named tensor (e.g. `decoder.cs2_head.weight`), or nil if there is none.
    public func tensor(named name: String) -> [Float]? {
        architecture.tensors.first { $0.name == name }.map { Array(parameters[$0.range]) }
    }

    /// Encodes one raw EOS vector (z_v = μ_v; σ_v reported).
    public func encode(_ vector: [Double]) throws(NeuralNetworkError) -> VAEEncoding {
        try encode(batch: [vector])[0]
    }

    /// Encodes raw EOS vectors in batches.
    public func encode(batch vectors: [[Double]]) throws(NeuralNetworkError) -> [VAEEncoding] {
        let logs = try DataPreparation.logarithms(of: vectors, columnCount: architecture.inputCount, dataset: "encode input")
        let s = architecture.supervisedLatentCount, d = architecture.latentCount, width = architecture.encoderHeadWidth
        let workspace = VAEWorkspace(
            architecture: architecture, inputScaler: inputScaler,
            capacity: min(vectors.count, Self.chunkSize))
        var result: [VAEEncoding] = []
        result.reserveCapacity(vectors.count)
        for start in stride(from: 0, to: logs.count, by: Self.chunkSize) {
            let rows = Array(logs[start..<min(start + Self.chunkSize, logs.count)])
            let inputs = DataPreparation.scaledFlat(rows, scaler: inputScaler)
            withInferenceWeights { weights in
                inputs.withUnsafeBufferPointer { workspace.encode(weights: weights, inputs: $0.baseAddress!, batchSize: rows.count) }
            }
            for row in 0..<rows.count {
                let head = workspace.encoderHeadOutput + row * width
                let scaled = (0..<s).map { Double(head[$0]) }
                result.append(
                    VAEEncoding(
                        supervised: labelScaler.inverseTransform(scaled),
                        latentMeans: (0..<d).map { Double(head[s + $0]) },
                        latentStandardDeviations: (0..<d).map { exp(0.5 * Double(head[s + d + $0])) }))
            }
        }
        return result
    }

    /// Decodes (M_max in M_sun, R_1.4 in km, z) into a raw EOS 107-vector (c_s² values, then boundary values).
    public func decode(mMax: Double, r14: Double, z: [Double]) throws(NeuralNetworkError) -> [Double] {
        try decode(batch: [LatentPoint(mMax: mMax, r14: r14, z: z)])[0]
    }

    /// Decodes latent points in batches into raw EOS vectors.
    ///
    /// Sound speeds are c_s² = 1/(1 + e^a) evaluated in `Double` (see ``SoundSpeedHead``), boundary values e^(output).
    public func decode(batch points: [LatentPoint]) throws(NeuralNetworkError) -> [[Double]] {
        let s = architecture.supervisedLatentCount, d = architecture.latentCount
        try DataPreparation.checkShape(points.map(\.supervised), columnCount: s, dataset: "decode supervised latents")
        try DataPreparation.checkShape(points.map(\.z), columnCount: d, dataset: "decode z")
        let n = architecture.inputCount, soundSpeeds = architecture.soundSpeedCount
        let workspace = VAEWorkspace(
            architecture: architecture, inputScaler: inputScaler,
            capacity: min(points.count, Self.chunkSize))
        var result: [[Double]] = []
        result.reserveCapacity(points.count)
        for start in stride(from: 0, to: points.count, by: Self.chunkSize) {
            let chunk = points[start..<min(start + Self.chunkSize, points.count)]
            var row = 0
            for point in chunk {
                let scaled = labelScaler.transform(point.supervised)
                let target = workspace.decoderInput.pointer + row * (s + d)
                for j in 0..<s { target[j] = Float(scaled[j]) }
                for j in 0..<d { target[s + j] = Float(point.z[j]) }
                row += 1
            }
            withInferenceWeights { workspace.decode(weights: $0, batchSize: chunk.count) }
            for row in 0..<chunk.count {
                let output = workspace.decoderHeadOutput + row * n
                result.append(
                    (0..<n).map { column in
                        column < soundSpeeds
                            ? SoundSpeedHead.soundSpeedSquared(fromRawOutput: Double(output[column]))
                            : exp(Double(output[column]))
                    })
            }
        }
        return result
    }

    /// The deterministic loss (z_v = μ_v) of raw vectors and labels, e.g. for test-set metrics.
    public func loss(vectors: [[Double]], labels: [[Double]], weights: LossWeights) throws(NeuralNetworkError) -> LossParts {
        let data = try PreparedDataset(
            vectors: vectors, labels: labels, architecture: architecture,
            inputScaler: inputScaler, labelScaler: labelScaler, dataset: "evaluation")
        let workspace = VAEWorkspace(
            architecture: architecture, inputScaler: inputScaler,
            capacity: min(data.rowCount, Self.chunkSize))
        return withParameters { parameters in
            DeterministicEvaluation.loss(of: data, parameters: parameters, workspace: workspace, weights: weights)
        }
    }

    private func withInferenceWeights<Result>(_ body: (DenseKernels.ForwardWeights) -> Result) -> Result {
        inferenceParameters.withUnsafeBufferPointer { body(.inferenceLayout($0.baseAddress!)) }
    }

    private func withParameters<Result>(_ body: (UnsafePointer<Float>) -> Result) -> Result {
        parameters.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
