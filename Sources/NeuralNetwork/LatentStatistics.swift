/// Statistics of the training set in latent space, recorded in the model metadata so clients
/// know which z values and labels the model has seen.
public struct LatentStatistics: Sendable, Equatable, Codable {
    /// Mean of μ_v over the training set, per latent dimension.
    public var latentMeans: [Double]
    /// Population standard deviation of μ_v over the training set, per latent dimension.
    public var latentStandardDeviations: [Double]
    /// Smallest training label per supervised latent (M_max in M_sun, R_1.4 in km).
    public var labelMinimums: [Double]
    /// Largest training label per supervised latent.
    public var labelMaximums: [Double]
    /// Number of training rows the statistics were computed from.
    public var sampleCount: Int
    /// Density model of the training set in (M_max, R_1.4, μ_v), or nil (older models: the training region is a box).
    public var support: TrainingSupport?

    /// Statistics with explicit values.
    public init(
        latentMeans: [Double], latentStandardDeviations: [Double],
        labelMinimums: [Double], labelMaximums: [Double], sampleCount: Int, support: TrainingSupport? = nil
    ) {
        self.latentMeans = latentMeans
        self.latentStandardDeviations = latentStandardDeviations
        self.labelMinimums = labelMinimums
        self.labelMaximums = labelMaximums
        self.sampleCount = sampleCount
        self.support = support
    }

    /// Computes the statistics from the encodings and labels of the training rows.
    init(encodings: [VAEEncoding], labels: [[Double]]) {
        let d = encodings.first?.latentMeans.count ?? 0
        let count = Double(max(encodings.count, 1))
        var means = [Double](repeating: 0, count: d)
        for encoding in encodings { for j in 0..<d { means[j] += encoding.latentMeans[j] / count } }
        var variances = [Double](repeating: 0, count: d)
        for encoding in encodings {
            for j in 0..<d {
                let deviation = encoding.latentMeans[j] - means[j]
                variances[j] += deviation * deviation / count
            }
        }
        let labelCount = labels.first?.count ?? 0
        self.init(
            latentMeans: means, latentStandardDeviations: variances.map { $0.squareRoot() },
            labelMinimums: (0..<labelCount).map { column in labels.map { $0[column] }.min() ?? 0 },
            labelMaximums: (0..<labelCount).map { column in labels.map { $0[column] }.max() ?? 0 },
            sampleCount: encodings.count)
    }
}
