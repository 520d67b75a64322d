import NeutronStarPhysics

/// A decoded EOS with its stars and diagnostics.
public struct DecodedEOS: Sendable {
    /// The request, with z filled in (the training mean when the request had none).
    public var request: DecodingRequest
    /// The 107 raw decoder outputs: c_s² at the 101 grid pressures [c²], then n_cc, ε_cc, p_cc, n_max, ε_max,
    /// p_max [fm⁻³, MeV fm⁻³].
    public var rawVector: [Double]
    /// The rebuilt EOS (crust + reconstructed core, extended to 1.6 p_max, or further, up to 4 p_max, when the maximum
    /// mass lies above) with its solved stars, kept so that stars of other masses reuse its scan.
    public var solved: ReconstructedStars
    /// Causality, monotonicity, training region and closure checks.
    public var diagnostics: DecodingDiagnostics

    /// The rebuilt EOS (see ``NeutronStarPhysics/ReconstructedStars``).
    public var reconstruction: ReconstructedEOS { solved.reconstruction }
    /// The maximum-mass star, the 1.4 M☉ star and the mass–radius curve of the rebuilt EOS.
    public var stars: StarSequenceSummary { solved.summary }
    /// The full EOS (crust and core).
    public var eos: NeutronStarEOS { reconstruction.eos }
    /// M_max of the rebuilt EOS [M☉].
    public var maximumMassMsun: Double { stars.maximumMassStar.massMsun }
    /// R_1.4 of the rebuilt EOS [km].
    public var radius14Km: Double { stars.canonicalStar.radiusKm }
    /// Λ_1.4 of the rebuilt EOS.
    public var tidalDeformability14: Double { stars.canonicalStar.tidalDeformability }
}
