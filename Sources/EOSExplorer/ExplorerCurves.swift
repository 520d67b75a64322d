import EOSDecoding
import Foundation
import NeutronStarPhysics

/// The curves the explorer draws for one EOS: P(n_B) and the mass–radius relation, with the scalars.
struct ExplorerCurves: Sendable, Equatable {
    /// Baryon density [fm⁻³], increasing.
    var baryonDensity: [Double]
    /// Pressure [MeV fm⁻³] at those densities.
    var pressure: [Double]
    /// Radius [km] along the mass–radius curve (central pressure increasing up to the maximum-mass star).
    var radiusKm: [Double]
    /// Gravitational mass [M☉] along the curve.
    var massMsun: [Double]
    /// M_max [M☉].
    var maximumMassMsun: Double
    /// R_1.4 [km].
    var radius14Km: Double
    /// Λ_1.4.
    var tidalDeformability14: Double

    /// The lowest pressure drawn [MeV fm⁻³]: P(n_B) starts in the inner crust (n_B ≈ 0.02 fm⁻³ for SLy4), a little
    /// below the crust–core transition; further down every model shares the same SLy4 crust.
    static let lowestPressure = 0.05
    /// Points of the P(n_B) curve (log-spaced in pressure).
    static let pressurePoints = 300

    /// The curves of `eos` up to the centre of the maximum-mass star of `stars`.
    init(eos: NeutronStarEOS, stars: StarSequenceSummary) throws {
        let samples = try eos.samples(
            count: Self.pressurePoints, lowestPressure: Self.lowestPressure,
            highestPressure: stars.maximumMassStar.centralPressure)
        baryonDensity = samples.map(\.baryonDensity)
        pressure = samples.map(\.pressure)
        radiusKm = stars.massRadiusCurve.map(\.radiusKm)
        massMsun = stars.massRadiusCurve.map(\.massMsun)
        maximumMassMsun = stars.maximumMassStar.massMsun
        radius14Km = stars.canonicalStar.radiusKm
        tidalDeformability14 = stars.canonicalStar.tidalDeformability
    }
}

/// SLy4, the dashed reference of every plot, computed once on first use (TOV relative tolerance 1e-8).
enum SLy4Reference {
    /// SLy4's curves; nil if they could not be computed (then the plots go without the reference).
    static let curves: ExplorerCurves? = {
        guard let analysis = try? SkyrmeStarAnalysis(parameters: .sly4, curvePoints: 50) else { return nil }
        return try? ExplorerCurves(eos: analysis.model.eos, stars: analysis.summary)
    }()

    /// The reference as the page's JSON object (`null` if unavailable); numbers to 6 significant digits.
    static let json: String = {
        guard let curves else { return "null" }
        let list = { (values: [Double]) in "[" + values.map { String(format: "%.6g", $0) }.joined(separator: ",") + "]" }
        return """
            {"n_b":\(list(curves.baryonDensity)),"pressure":\(list(curves.pressure)),\
            "radius":\(list(curves.radiusKm)),"mass":\(list(curves.massMsun)),\
            "m_max":\(String(format: "%.6g", curves.maximumMassMsun)),"r_14":\(String(format: "%.6g", curves.radius14Km)),\
            "lambda_14":\(String(format: "%.6g", curves.tidalDeformability14))}
            """
    }()
}
