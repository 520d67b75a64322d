/// Checks of one decoded EOS. None of them stops decoding; the caller decides what to do with a flag.
public struct DecodingDiagnostics: Sendable, Equatable, Codable {
    /// Largest c_s² of the core EOS up to p_max (grid nodes and interpolated table) [c²].
    public var maximumSoundSpeedSquared: Double
    /// Whether c_s² < 1 everywhere up to p_max (the extension above p_max holds c_s² at its value at p_max, capped
    /// at 1, so it is causal whenever this is true).
    public var isCausal: Bool
    /// Whether ε(p) increases strictly through the rebuilt core (p_cc to the top of the table: 1.6 p_max, or up to
    /// 4 p_max when the maximum mass needed a longer extension).
    public var isEnergyDensityMonotone: Bool
    /// Whether n_B(p) increases strictly through the rebuilt core.
    public var isBaryonDensityMonotone: Bool
    /// ε_core(p_cc) − ε_crust(p_cc) [MeV fm⁻³]: the jump at the crust–core join, kept as decoded.
    /// It may be negative: the SLy4 crust joined to a Skyrme core drops in ε at p_cc in about half of the
    /// training models (see REPORT.md of the model), so it is reported, not judged.
    public var energyDensityJumpMeVfm3: Double
    /// n_core(p_cc) / n_crust(p_cc) − 1 at the join (may be negative, as ε's jump).
    public var baryonDensityJumpRelative: Double
    /// Whether the request lies inside the model's training region: labels in the training box and
    /// ``regionScore`` at or above the model's threshold (models without a learned support: |z score| ≤ k).
    public var isInsideTrainingRegion: Bool
    /// Fraction of training points less typical than the request in (M_max, R_1.4, z) (see
    /// ``NeuralNetwork/TrainingSupport``): ~ uniform in [0, 1] over the training set, 0 far from it; nil when the
    /// model has no learned support.
    public var regionScore: Double?
    /// (z − mean) / std of the decoded z per dimension.
    public var latentStandardScores: [Double]
    /// Integrated ε(p_max) / decoded ε_max − 1 (the decoder's redundant entry against the integration).
    public var energyDensityClosure: Double
    /// Integrated n(p_max) / decoded n_max − 1.
    public var baryonDensityClosure: Double
    /// Central pressure of the maximum-mass star of the rebuilt EOS / decoded p_max (the decoder's estimate of it).
    public var maximumMassCentralPressureRatio: Double
    /// Whether the maximum-mass star's centre lies more than 1 % above the decoded p_max, in the extension where c_s²
    /// is held at its decoded top value (capped at 1) rather than decoded. M_max is still the true maximum of the
    /// rebuilt EOS, but its innermost core is extrapolated (see ``NeutronStarPhysics/ReconstructedStars``; within 1 %
    /// the flat maximum gains less than ~2e-5 M☉ from the extension).
    public var isMaximumMassInExtension: Bool
    /// M_max of the solved EOS / requested M_max − 1.
    public var maximumMassRelativeError: Double
    /// R_1.4 of the solved EOS − requested R_1.4 [km].
    public var radius14ErrorKm: Double
}
