/// The complete state of a ``VAETrainer`` between epochs; restoring it and training on resumes
/// bit-identically to an uninterrupted run with the same data and configuration.
public struct TrainerSnapshot: Sendable, Equatable, Codable {
    /// The configuration the trainer was built with.
    public var configuration: TrainingConfiguration
    /// Scalers fitted to the training data (checked on restore to catch different data).
    public var inputScaler: StandardScaler
    public var labelScaler: StandardScaler
    /// Current weights.
    public var parameters: [Float]
    /// Weights of the best validation epoch.
    public var bestParameters: [Float]
    /// Adam state.
    public var optimizer: AdamOptimizer
    /// Random generator state (shuffling and noise).
    public var generator: SeededGenerator
    /// Epochs completed.
    public var completedEpochs: Int
    /// Best validation loss so far (total; nil before the first epoch), and its epoch (0 before the first epoch).
    public var bestValidationLoss: Double?
    public var bestEpoch: Int
    /// Epochs since the best one.
    public var epochsWithoutImprovement: Int
    /// Wall-clock seconds spent so far.
    public var elapsedSeconds: Double
    /// Why training finished, if it has (a requested stop is not recorded: training can resume).
    public var stopReason: TrainingStopReason?

    /// A snapshot from its parts (used when reading a checkpoint file).
    public init(
        configuration: TrainingConfiguration, inputScaler: StandardScaler, labelScaler: StandardScaler,
        parameters: [Float], bestParameters: [Float], optimizer: AdamOptimizer, generator: SeededGenerator,
        completedEpochs: Int, bestValidationLoss: Double?, bestEpoch: Int, epochsWithoutImprovement: Int,
        elapsedSeconds: Double, stopReason: TrainingStopReason?
    ) {
        self.configuration = configuration
        self.inputScaler = inputScaler
        self.labelScaler = labelScaler
        self.parameters = parameters
        self.bestParameters = bestParameters
        self.optimizer = optimizer
        self.generator = generator
        self.completedEpochs = completedEpochs
        self.bestValidationLoss = bestValidationLoss
        self.bestEpoch = bestEpoch
        self.epochsWithoutImprovement = epochsWithoutImprovement
        self.elapsedSeconds = elapsedSeconds
        self.stopReason = stopReason
    }
}
