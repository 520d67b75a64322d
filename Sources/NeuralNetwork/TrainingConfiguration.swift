/// Everything that determines a training run besides the data.
public struct TrainingConfiguration: Sendable, Equatable, Codable {
    /// Network shape (default: ``VAEArchitecture/init(latentCount:)``, d = 4, ReLU).
    public var architecture: VAEArchitecture = VAEArchitecture()
    /// κ and η.
    public var lossWeights: LossWeights = LossWeights()
    /// Adam settings (default lr 1e-4, β 0.9/0.999, ε 1e-7).
    public var optimizer: AdamConfiguration = AdamConfiguration()
    /// Rows per gradient step (default 64; the last batch of an epoch may be smaller).
    public var batchSize: Int = 64
    /// Upper bound on epochs (default 500).
    public var maximumEpochs: Int = 500
    /// Epochs without a validation improvement before stopping (default 10).
    public var patience: Int = 10
    /// Seed of initialisation, shuffling and noise (default 0).
    public var seed: UInt64 = 0

    /// A configuration; every argument has the documented default.
    public init(
        architecture: VAEArchitecture = VAEArchitecture(), lossWeights: LossWeights = LossWeights(),
        optimizer: AdamConfiguration = AdamConfiguration(), batchSize: Int = 64,
        maximumEpochs: Int = 500, patience: Int = 10, seed: UInt64 = 0
    ) {
        self.architecture = architecture
        self.lossWeights = lossWeights
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.maximumEpochs = maximumEpochs
        self.patience = patience
        self.seed = seed
    }

    /// Throws if a value is out of range.
    func validate() throws(NeuralNetworkError) {
        if let problem = architecture.problem { throw .invalidArchitecture(problem) }
        if batchSize < 1 { throw .invalidConfiguration("batch size \(batchSize) must be at least 1") }
        if maximumEpochs < 1 { throw .invalidConfiguration("maximum epochs \(maximumEpochs) must be at least 1") }
        if patience < 1 { throw .invalidConfiguration("patience \(patience) must be at least 1") }
        if !(optimizer.learningRate > 0) { throw .invalidConfiguration("learning rate must be positive") }
        if !(lossWeights.supervised >= 0 && lossWeights.kl >= 0) {
            throw .invalidConfiguration("loss weights κ and η must be non-negative")
        }
    }
}

/// What happened in one epoch, passed to the progress callback.
public struct EpochReport: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss of the epoch's stochastic steps (z_v sampled).
    public var trainingLoss: LossParts
    /// Deterministic validation loss (z_v = μ_v) after the epoch.
    public var validationLoss: LossParts
    /// Whether this epoch set a new best validation loss.
    public var isBest: Bool
    /// Best epoch so far (1-based).
    public var bestEpoch: Int
    /// Wall-clock seconds spent in this epoch.
    public var epochSeconds: Double
    /// Wall-clock seconds spent training so far (including epochs before a resume).
    public var elapsedSeconds: Double
}

/// The caller's answer to a progress report.
public enum TrainingControl: Sendable {
    /// Go on training.
    case proceed
    /// Stop after this epoch (e.g. on SIGINT); the trainer can be snapshotted and resumed.
    case stop
}

/// Why training ended.
public enum TrainingStopReason: String, Sendable, Codable {
    /// The validation loss did not improve for `patience` epochs.
    case earlyStopping
    /// `maximumEpochs` were run.
    case maximumEpochs
    /// A training or validation loss became NaN or infinite; the best weights so far are kept.
    case nonFiniteLoss
    /// The progress callback asked to stop.
    case requested
}
