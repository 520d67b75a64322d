import NeutronStarPhysics

/// Accuracy and output settings of ``EOSDecoder``; every field has a documented default.
public struct DecodingOptions: Sendable, Equatable, Codable {
    /// Relative tolerance of the TOV integration (default 1e-6: M_max and R_1.4 accurate to ~1e-7).
    public var tovRelativeTolerance: Double
    /// Stars on the returned mass–radius curve (default 50; 0 for none, which is faster).
    public var curvePoints: Int
    /// Interpolation of c_s²(ln p) between the 101 nodes (default monotone cubic: never overshoots).
    public var interpolation: SoundSpeedInterpolation
    /// Half-width of the training region's z box in units of the training-set standard deviation of μ_v, used only for
    /// models without a learned ``NeuralNetwork/TrainingSupport`` (default 3).
    public var latentRegionSigmas: Double

    /// Options with the documented defaults unless given.
    public init(
        tovRelativeTolerance: Double = 1e-6, curvePoints: Int = 50,
        interpolation: SoundSpeedInterpolation = .monotone, latentRegionSigmas: Double = 3
    ) {
        self.tovRelativeTolerance = tovRelativeTolerance
        self.curvePoints = curvePoints
        self.interpolation = interpolation
        self.latentRegionSigmas = latentRegionSigmas
    }

    /// Rows of the EOS table in an API result when none are asked for: `/v1/decode`'s `eos_points` and
    /// `eos-trainer decode --eos-points`.
    public static let defaultTablePoints = 200

    /// Describes an unusable value, or nil.
    var problem: String? {
        if !(tovRelativeTolerance > 0 && tovRelativeTolerance < 1e-2) {
            return "TOV relative tolerance \(tovRelativeTolerance) must lie in (0, 1e-2)"
        }
        if curvePoints < 0 || curvePoints == 1 || curvePoints > 10_000 { return "curve points \(curvePoints) must be 0 or 2...10000" }
        if !(latentRegionSigmas > 0 && latentRegionSigmas.isFinite) { return "latent region half-width must be positive" }
        return nil
    }
}
