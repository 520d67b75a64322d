import EOSDecoding
import Foundation
import NeutronStarPhysics

/// What `eos-trainer decode` prints as text (its `--json` is `/v1/decode`'s `DecodeResult`): the request, the solved
/// stars, the diagnostics, the EOS table and the mass–radius curve (pressures and energy densities in MeV fm⁻³,
/// densities in fm⁻³, masses in M☉, radii in km).
package struct VAEDecodeReport: Sendable {
    /// One EOS point: n_B [fm⁻³], ε and p [MeV fm⁻³], c_s² [c²].
    package struct TablePoint: Sendable {
        package var n_b: Double
        package var eps: Double
        package var p: Double
        package var cs2: Double
    }

    /// One star: central pressure [MeV fm⁻³], mass [M☉], radius [km], tidal deformability.
    package struct CurvePoint: Sendable {
        package var p_c: Double
        package var m: Double
        package var r_km: Double
        package var lambda: Double
    }

    /// Model name from model.json.
    package var model: String
    /// The request: M_max [M☉], R_1.4 [km], z (the training mean when none was given).
    package var requested_m_max: Double
    package var requested_r_14_km: Double
    package var z: [Double]
    /// The solved EOS's M_max [M☉], R_1.4 [km] and Λ_1.4.
    package var m_max: Double
    package var r_14_km: Double
    package var lambda_14: Double
    /// Causality, monotonicity, training region, closure and join checks.
    package var diagnostics: DecodingDiagnostics
    /// The decoded 107-vector (c_s² at the 101 grid pressures, then n_cc, ε_cc, p_cc, n_max, ε_max, p_max).
    package var vector: [Double]
    package var eos: [TablePoint]
    package var mass_radius: [CurvePoint]

    /// The report of `decoded`, with an EOS table of `tablePoints` pressures log-spaced from 1e-6 MeV fm⁻³ to the
    /// centre of the maximum-mass star (as `/v1/decode` does; above the decoded p_max when the maximum lies in the
    /// extension of the rebuilt EOS).
    package init(model: String, decoded: DecodedEOS, tablePoints: Int) throws {
        self.model = model
        requested_m_max = decoded.request.maximumMassMsun
        requested_r_14_km = decoded.request.radius14Km
        z = decoded.request.z ?? []
        m_max = decoded.maximumMassMsun
        r_14_km = decoded.radius14Km
        lambda_14 = decoded.tidalDeformability14
        diagnostics = decoded.diagnostics
        vector = decoded.rawVector
        eos = try decoded.eos.samples(
            count: tablePoints, lowestPressure: 1e-6,
            highestPressure: decoded.stars.maximumMassStar.centralPressure
        )
        .map { TablePoint(n_b: $0.baryonDensity, eps: $0.energyDensity, p: $0.pressure, cs2: $0.soundSpeedSquared) }
        mass_radius = decoded.stars.massRadiusCurve.map {
            CurvePoint(p_c: $0.centralPressure, m: $0.massMsun, r_km: $0.radiusKm, lambda: $0.tidalDeformability)
        }
    }

    /// A text report.
    package func text() -> String {
        let d = diagnostics
        var lines = [
            "model \(model): requested M_max = \(f(requested_m_max, 4)) Msun, R_1.4 = \(f(requested_r_14_km, 3)) km, z = \(z.map { f($0, 4) })",
            "decoded EOS: M_max = \(f(m_max, 5)) Msun (\(f(100 * d.maximumMassRelativeError, 3)) %), R_1.4 = \(f(r_14_km, 4)) km (\(f(d.radius14ErrorKm, 4)) km), Lambda_1.4 = \(f(lambda_14, 2))",
            "maximum-mass star: centre at \(f(d.maximumMassCentralPressureRatio, 3)) x the decoded p_max"
                + (d.isMaximumMassInExtension ? " (in the constant-c_s^2 extension above the decoded EOS)" : ""),
            "diagnostics: causal \(d.isCausal) (max c_s^2 \(f(d.maximumSoundSpeedSquared, 4))), monotone eps(p) \(d.isEnergyDensityMonotone), n(p) \(d.isBaryonDensityMonotone), inside training region \(d.isInsideTrainingRegion)\(d.regionScore.map { " (region score " + f($0, 4) + ")" } ?? "") (z scores \(d.latentStandardScores.map { f($0, 2) })), closure eps_max \(String(format: "%.2e", d.energyDensityClosure)), n_max \(String(format: "%.2e", d.baryonDensityClosure)), crust-core jump eps \(f(d.energyDensityJumpMeVfm3, 3)) MeV fm^-3, n \(f(100 * d.baryonDensityJumpRelative, 2)) %",
            "",
            "EOS table:",
            String(format: "%14@ %14@ %14@ %10@", "n_B [fm^-3]", "eps [MeV fm^-3]", "p [MeV fm^-3]", "c_s^2"),
        ]
        lines += eos.map { String(format: "%14.6e %14.6e %14.6e %10.6f", $0.n_b, $0.eps, $0.p, $0.cs2) }
        if !mass_radius.isEmpty {
            lines += ["", "mass-radius curve:", String(format: "%14@ %10@ %10@ %12@", "p_c [MeV fm^-3]", "M [Msun]", "R [km]", "Lambda")]
            lines += mass_radius.map { String(format: "%14.6e %10.5f %10.4f %12.4g", $0.p_c, $0.m, $0.r_km, $0.lambda) }
        }
        return lines.joined(separator: "\n")
    }

    private func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
