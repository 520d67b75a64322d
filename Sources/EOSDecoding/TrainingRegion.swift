import NeuralNetwork

/// The part of latent space the model was trained on. With a learned ``NeuralNetwork/TrainingSupport`` (models
/// fitted with `eos-trainer region`): inside the box of training labels (M_max, R_1.4) and a support score at or
/// above its threshold. Without one (older models): the label box and z within ±k σ of the training mean of μ_v
/// in every dimension.
public struct TrainingRegion: Sendable, Equatable, Codable {
    /// Smallest and largest training M_max [M☉].
    public var maximumMassRangeMsun: ClosedRange<Double>
    /// Smallest and largest training R_1.4 [km].
    public var radius14RangeKm: ClosedRange<Double>
    /// Training mean of μ_v per dimension.
    public var latentMeans: [Double]
    /// Training standard deviation of μ_v per dimension.
    public var latentStandardDeviations: [Double]
    /// Half-width k of the z box in standard deviations (used only when there is no ``support``).
    public var sigmas: Double
    /// The learned density of the training set in (M_max, R_1.4, μ_v), if the model has one.
    public var support: TrainingSupport?

    /// The region of a model's training set (`sigmas` standard deviations wide in z).
    public init(statistics: LatentStatistics, sigmas: Double) {
        maximumMassRangeMsun = statistics.labelMinimums[0]...statistics.labelMaximums[0]
        radius14RangeKm = statistics.labelMinimums[1]...statistics.labelMaximums[1]
        latentMeans = statistics.latentMeans
        latentStandardDeviations = statistics.latentStandardDeviations
        self.sigmas = sigmas
        support = statistics.support
    }

    /// (z − mean) / std per dimension (0 where the std is 0).
    public func standardScores(of z: [Double]) -> [Double] {
        zip(z, zip(latentMeans, latentStandardDeviations)).map { value, stats in
            stats.1 > 0 ? (value - stats.0) / stats.1 : 0
        }
    }

    /// The support score of the point: the fraction of training points less typical than it (0 far away), or nil
    /// without a learned support.
    public func score(maximumMassMsun: Double, radius14Km: Double, z: [Double]) -> Double? {
        guard let support, support.dimension == 2 + z.count else { return nil }
        return support.score([maximumMassMsun, radius14Km] + z)
    }

    /// Whether the point lies inside the label box and, with a learned support, its score reaches the support's
    /// threshold, or else every |z score| ≤ ``sigmas``.
    public func contains(maximumMassMsun: Double, radius14Km: Double, z: [Double]) -> Bool {
        guard maximumMassRangeMsun.contains(maximumMassMsun) && radius14RangeKm.contains(radius14Km) else { return false }
        if let score = score(maximumMassMsun: maximumMassMsun, radius14Km: radius14Km, z: z), let support {
            return score >= support.threshold
        }
        return standardScores(of: z).allSatisfy { abs($0) <= sigmas }
    }
}
