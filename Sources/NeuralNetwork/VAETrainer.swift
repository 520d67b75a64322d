import Foundation

/// Trains a structured VAE with Adam, seeded shuffling and early stopping on the deterministic validation loss.
///
/// Data are RAW EOS vectors (positive values; the trainer takes natural logarithms) and labels
/// (M_max in M_sun, R_1.4 in km). Scalers are fitted on the training set only (population std).
/// Everything runs on the calling thread; the same data, configuration and seed give bit-identical weights
/// on the same matrix kernels (OpenBLAS's, chosen per CPU, when it is installed, else the SIMD kernels; see
/// ``GEMM/backendDescription``; other kernels round differently).
///
///     let trainer = try VAETrainer(trainingVectors: xs, trainingLabels: ys,
///                                  validationVectors: xv, validationLabels: yv, configuration: config)
///     let outcome = trainer.train { report in print(report.epoch); return .proceed }
///     let model = try trainer.bestModel()
public final class VAETrainer {
    /// The configuration of this run.
    public let configuration: TrainingConfiguration
    /// Scaler of the training vectors' logarithms.
    public let inputScaler: StandardScaler
    /// Scaler of the training labels.
    public let labelScaler: StandardScaler

    private let trainingVectors: [[Double]]
    private let trainingLabels: [[Double]]
    private let training: PreparedDataset
    private let validation: PreparedDataset
    private let workspace: VAEWorkspace
    private var state: TrainerSnapshot
    private var gradient: [Float]
    private var batchInputs: [Float]
    private var batchLabels: [Float]
    private var batchNoise: [Float]

    /// A trainer with freshly initialised weights.
    public convenience init(
        trainingVectors: [[Double]], trainingLabels: [[Double]],
        validationVectors: [[Double]], validationLabels: [[Double]],
        configuration: TrainingConfiguration
    ) throws(NeuralNetworkError) {
        try self.init(
            trainingVectors: trainingVectors, trainingLabels: trainingLabels,
            validationVectors: validationVectors, validationLabels: validationLabels,
            configuration: configuration, snapshot: nil)
    }

    /// A trainer resuming from `snapshot`. By default the data must be the same as when the snapshot was taken (the
    /// scalers fitted to them must equal the snapshot's). With `keepingItsScalers` the snapshot's scalers are used
    /// instead of fitted ones: the next stage of a model (e.g. at a lower learning rate) on more or other training rows.
    public convenience init(
        trainingVectors: [[Double]], trainingLabels: [[Double]],
        validationVectors: [[Double]], validationLabels: [[Double]],
        resumingFrom snapshot: TrainerSnapshot, keepingItsScalers: Bool = false
    ) throws(NeuralNetworkError) {
        try self.init(
            trainingVectors: trainingVectors, trainingLabels: trainingLabels,
            validationVectors: validationVectors, validationLabels: validationLabels,
            configuration: snapshot.configuration, snapshot: snapshot, keepingScalers: keepingItsScalers)
    }

    private init(
        trainingVectors: [[Double]], trainingLabels: [[Double]],
        validationVectors: [[Double]], validationLabels: [[Double]],
        configuration: TrainingConfiguration, snapshot: TrainerSnapshot?, keepingScalers: Bool = false
    ) throws(NeuralNetworkError) {
        try configuration.validate()
        let architecture = configuration.architecture
        try DataPreparation.checkPairing(vectors: trainingVectors.count, labels: trainingLabels.count, dataset: "training")
        let logs = try DataPreparation.logarithms(of: trainingVectors, columnCount: architecture.inputCount, dataset: "training")
        try DataPreparation.checkShape(trainingLabels, columnCount: architecture.supervisedLatentCount, dataset: "training labels")
        if keepingScalers, let snapshot {
            inputScaler = snapshot.inputScaler
            labelScaler = snapshot.labelScaler
        } else {
            inputScaler = try DataPreparation.fitScaler(logs, name: "input")
            labelScaler = try DataPreparation.fitScaler(trainingLabels, name: "label")
        }
        training = try PreparedDataset(
            vectors: trainingVectors, labels: trainingLabels, architecture: architecture,
            inputScaler: inputScaler, labelScaler: labelScaler, dataset: "training")
        validation = try PreparedDataset(
            vectors: validationVectors, labels: validationLabels, architecture: architecture,
            inputScaler: inputScaler, labelScaler: labelScaler, dataset: "validation")
        self.configuration = configuration
        self.trainingVectors = trainingVectors
        self.trainingLabels = trainingLabels
        let batchSize = configuration.batchSize
        workspace = VAEWorkspace(architecture: architecture, inputScaler: inputScaler, capacity: batchSize)
        gradient = [Float](repeating: 0, count: architecture.parameterCount)
        batchInputs = [Float](repeating: 0, count: batchSize * architecture.inputCount)
        batchLabels = [Float](repeating: 0, count: batchSize * architecture.supervisedLatentCount)
        batchNoise = [Float](repeating: 0, count: batchSize * architecture.latentCount)
        if let snapshot {
            try Self.check(snapshot, inputScaler: inputScaler, labelScaler: labelScaler)
            state = snapshot
        } else {
            let initial = ParameterInitializer.initialParameters(for: architecture, seed: configuration.seed)
            state = TrainerSnapshot(
                configuration: configuration, inputScaler: inputScaler, labelScaler: labelScaler,
                parameters: initial, bestParameters: initial,
                optimizer: AdamOptimizer(parameterCount: initial.count, configuration: configuration.optimizer),
                generator: SeededGenerator(seed: configuration.seed ^ 0x5EED_5EED_5EED_5EED),
                completedEpochs: 0, bestValidationLoss: nil, bestEpoch: 0, epochsWithoutImprovement: 0,
                elapsedSeconds: 0, stopReason: nil)
        }
    }

    private static func check(
        _ snapshot: TrainerSnapshot, inputScaler: StandardScaler,
        labelScaler: StandardScaler
    ) throws(NeuralNetworkError) {
        let count = snapshot.configuration.architecture.parameterCount
        guard snapshot.inputScaler == inputScaler, snapshot.labelScaler == labelScaler else {
            throw .snapshotMismatch("the training data differ from those the snapshot was taken with")
        }
        guard snapshot.parameters.count == count, snapshot.bestParameters.count == count,
            snapshot.optimizer.firstMoments.count == count
        else {
            throw .snapshotMismatch("parameter or optimizer state sizes differ from the architecture")
        }
    }

    /// The full state, for a resumable checkpoint.
    public func snapshot() -> TrainerSnapshot { state }

    /// Epochs completed so far.
    public var completedEpochs: Int { state.completedEpochs }

    /// Why training finished, or nil while more epochs are due.
    public var stopReason: TrainingStopReason? { state.stopReason }

    /// Trains until early stopping, the epoch limit, a non-finite loss, or until `progress` returns `.stop`.
    /// Returns why it stopped. The best weights are available from ``bestModel()``.
    @discardableResult
    public func train(progress: (EpochReport) -> TrainingControl) -> TrainingStopReason {
        while state.stopReason == nil {
            let report = runEpoch()
            if progress(report) == .stop, state.stopReason == nil { return .requested }
        }
        return state.stopReason ?? .requested
    }

    /// Runs one epoch (shuffled mini-batches, then validation) and updates the early-stopping state.
    public func runEpoch() -> EpochReport {
        let clock = ContinuousClock(), start = clock.now
        let order = SeededShuffle.permutation(count: training.rowCount, using: &state.generator)
        var batchLosses: [(LossParts, Int)] = []
        for batchStart in stride(from: 0, to: order.count, by: configuration.batchSize) {
            let rows = order[batchStart..<min(batchStart + configuration.batchSize, order.count)]
            batchLosses.append((step(rows: rows), rows.count))
        }
        let trainingLoss = LossParts.weightedMean(batchLosses)
        let validationLoss = state.parameters.withUnsafeBufferPointer {
            DeterministicEvaluation.loss(
                of: validation, parameters: $0.baseAddress!, workspace: workspace,
                weights: configuration.lossWeights)
        }
        state.completedEpochs += 1
        let isBest = recordValidation(validationLoss.total, trainingLoss: trainingLoss.total)
        let seconds = Self.seconds(clock.now - start)
        state.elapsedSeconds += seconds
        return EpochReport(
            epoch: state.completedEpochs, trainingLoss: trainingLoss, validationLoss: validationLoss,
            isBest: isBest, bestEpoch: state.bestEpoch, epochSeconds: seconds,
            elapsedSeconds: state.elapsedSeconds)
    }

    /// Early-stopping bookkeeping; returns whether the epoch is the new best.
    private func recordValidation(_ loss: Double, trainingLoss: Double) -> Bool {
        guard loss.isFinite, trainingLoss.isFinite else {
            state.stopReason = .nonFiniteLoss
            return false
        }
        let isBest = state.bestValidationLoss.map { loss < $0 } ?? true
        if isBest {
            state.bestValidationLoss = loss
            state.bestEpoch = state.completedEpochs
            state.bestParameters = state.parameters
            state.epochsWithoutImprovement = 0
        } else {
            state.epochsWithoutImprovement += 1
        }
        if state.epochsWithoutImprovement >= configuration.patience {
            state.stopReason = .earlyStopping
        } else if state.completedEpochs >= configuration.maximumEpochs {
            state.stopReason = .maximumEpochs
        }
        return isBest
    }

    /// One Adam step on the given training rows; returns their (stochastic) loss.
    private func step(rows: ArraySlice<Int>) -> LossParts {
        let architecture = configuration.architecture
        let n = architecture.inputCount, s = architecture.supervisedLatentCount, d = architecture.latentCount
        let count = rows.count
        training.inputs.withUnsafeBufferPointer { source in
            batchInputs.withUnsafeMutableBufferPointer { target in
                for (position, row) in rows.enumerated() {
                    (target.baseAddress! + position * n).update(from: source.baseAddress! + row * n, count: n)
                }
            }
        }
        for (position, row) in rows.enumerated() {
            for j in 0..<s { batchLabels[position * s + j] = training.labels[row * s + j] }
        }
        for index in 0..<(count * d) { batchNoise[index] = Float(state.generator.nextStandardNormal()) }
        let workspace = self.workspace, weights = configuration.lossWeights
        let loss = state.parameters.withUnsafeBufferPointer { p in
            batchInputs.withUnsafeBufferPointer { x in
                batchLabels.withUnsafeBufferPointer { y in
                    batchNoise.withUnsafeBufferPointer { e in
                        gradient.withUnsafeMutableBufferPointer { g in
                            workspace.encode(weights: .trainingLayout(p.baseAddress!), inputs: x.baseAddress!, batchSize: count)
                            workspace.buildDecoderInput(noise: e.baseAddress!, batchSize: count)
                            workspace.decode(weights: .trainingLayout(p.baseAddress!), batchSize: count)
                            return workspace.lossAndBackward(
                                parameters: p.baseAddress!, inputs: x.baseAddress!, labels: y.baseAddress!,
                                noise: e.baseAddress!, batchSize: count, weights: weights, gradient: g.baseAddress!)
                        }
                    }
                }
            }
        }
        // Move the weights out of `state` (no copy: the array stays uniquely referenced) so that the
        // optimizer, also part of `state`, can update them without overlapping accesses.
        var parameters = state.parameters
        state.parameters = []
        gradient.withUnsafeBufferPointer { g in
            parameters.withUnsafeMutableBufferPointer { p in
                state.optimizer.step(parameters: p.baseAddress!, gradient: g.baseAddress!)
            }
        }
        state.parameters = parameters
        return loss
    }

    /// The model with the best validation weights, its scalers and the training set's latent statistics.
    public func bestModel() throws(NeuralNetworkError) -> VAEModel {
        let provisional = try VAEModel(
            architecture: configuration.architecture, parameters: state.bestParameters,
            inputScaler: inputScaler, labelScaler: labelScaler,
            latentStatistics: .zeros(for: configuration.architecture))
        let encodings = try provisional.encode(batch: trainingVectors)
        return try VAEModel(
            architecture: configuration.architecture, parameters: state.bestParameters,
            inputScaler: inputScaler, labelScaler: labelScaler,
            latentStatistics: LatentStatistics(encodings: encodings, labels: trainingLabels))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

extension LatentStatistics {
    /// All-zero statistics of the right sizes, for the provisional model that computes the real ones.
    fileprivate static func zeros(for architecture: VAEArchitecture) -> LatentStatistics {
        let d = architecture.latentCount, s = architecture.supervisedLatentCount
        return LatentStatistics(
            latentMeans: .init(repeating: 0, count: d),
            latentStandardDeviations: .init(repeating: 0, count: d),
            labelMinimums: .init(repeating: 0, count: s),
            labelMaximums: .init(repeating: 0, count: s), sampleCount: 0)
    }
}
