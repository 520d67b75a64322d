import NeuralNetwork

/// The part of latent space the model was trained on: the box of training labels (M_max, R_1.4) and
/// z within ±k σ of the training mean of μ_v in every dimension.
public struct TrainingRegion: Sendable, Equatable, Codable {
    /// Smallest and largest training M_max [M☉].
    public var maximumMassRangeMsun: ClosedRange<Double>
    /// Smallest and largest training R_1.4 [km].
    public var radius14RangeKm: ClosedRange<Double>
    /// Training mean of μ_v per dimension.
    public var latentMeans: [Double]
    /// Training standard deviation of μ_v per dimension.
    public var latentStandardDeviations: [Double]
    /// Half-width k of the z box in standard deviations.
    public var sigmas: Double

    /// The region of a model's training set (`sigmas` standard deviations wide in z).
    public init(statistics: LatentStatistics, sigmas: Double) {
        maximumMassRangeMsun = statistics.labelMinimums[0]...statistics.labelMaximums[0]
        radius14RangeKm = statistics.labelMinimums[1]...statistics.labelMaximums[1]
        latentMeans = statistics.latentMeans
        latentStandardDeviations = statistics.latentStandardDeviations
        self.sigmas = sigmas
    }

    /// (z − mean) / std per dimension (0 where the std is 0).
    public func standardScores(of z: [Double]) -> [Double] {
        zip(z, zip(latentMeans, latentStandardDeviations)).map { value, stats in
            stats.1 > 0 ? (value - stats.0) / stats.1 : 0
        }
    }

    /// Whether the point lies inside the label box and every |z score| ≤ ``sigmas``.
    public func contains(maximumMassMsun: Double, radius14Km: Double, z: [Double]) -> Bool {
        maximumMassRangeMsun.contains(maximumMassMsun) && radius14RangeKm.contains(radius14Km)
            && standardScores(of: z).allSatisfy { abs($0) <= sigmas }
    }
}
