import APIModels
import Foundation
import NeutronStarPhysics

/// The star properties of one EOS as printed by `eos-trainer star`: JSON with snake_case keys
/// (masses in M☉, radii in km, densities in fm⁻³, energy densities and pressures in MeV fm⁻³).
package struct StarReport: Codable, Sendable, Equatable {
    /// One star of the mass–radius curve.
    package struct CurvePoint: Codable, Sendable, Equatable {
        package var p_c: Double
        package var m: Double
        package var r_km: Double
        package var lambda: Double
    }

    package var source: String
    package var m_max: Double
    package var r_m_max_km: Double
    /// Central pressure of the maximum-mass star. For a Skyrme model it is p_max; for a 107-vector it may lie above
    /// the vector's p_max (in the extension of the rebuilt EOS, see ``ReconstructedStars``).
    package var p_c_m_max: Double
    package var r_14_km: Double
    package var lambda_14: Double
    package var k2_14: Double
    package var p_c_14: Double
    package var n_cc: Double
    package var eps_cc: Double
    package var p_cc: Double
    package var n_max: Double
    package var eps_max: Double
    package var p_max: Double
    /// Nuclear-matter parameters (Skyrme inputs only).
    package var nuclear_matter: [String: Double]?
    /// ε_max and n_max integrated from the vector relative to its entries, minus 1 (vector inputs only).
    package var closure_eps_max: Double?
    package var closure_n_max: Double?
    package var mass_radius: [CurvePoint]
    /// The stars at the masses asked for with `--masses`, in the order given (absent without `--masses`).
    /// The stars of requested masses (`eos-trainer star --masses`), in `/v1/decode`'s `observables.at_masses` form.
    package var at_masses: [StarAtMassResult]?

    /// The report of a Skyrme model that passed every filter.
    package init(source: String, analysis: SkyrmeStarAnalysis) {
        let nmp = try? analysis.model.betaEquilibrium.functional.nuclearMatterParameters()
        self.init(source: source, summary: analysis.summary, vector: analysis.vector)
        if let nmp {
            nuclear_matter = [
                "n0": nmp.n0, "E0": nmp.e0, "K0": nmp.k0, "ms": nmp.effectiveMassScalar,
                "mv": nmp.effectiveMassVector, "J": nmp.j, "L": nmp.l, "Ksym": nmp.kSym,
            ]
        }
    }

    /// The report of an EOS rebuilt from a 107-vector.
    package init(source: String, reconstruction: ReconstructedEOS, summary: StarSequenceSummary) {
        self.init(source: source, summary: summary, vector: reconstruction.vector)
        closure_eps_max = reconstruction.energyDensityClosure
        closure_n_max = reconstruction.baryonDensityClosure
    }

    init(source: String, summary: StarSequenceSummary, vector: SoundSpeedVector) {
        self.source = source
        let top = summary.maximumMassStar, canonical = summary.canonicalStar
        m_max = top.massMsun
        r_m_max_km = top.radiusKm
        p_c_m_max = top.centralPressure
        r_14_km = canonical.radiusKm
        lambda_14 = canonical.tidalDeformability
        k2_14 = canonical.loveNumberK2
        p_c_14 = canonical.centralPressure
        n_cc = vector.transitionDensity
        eps_cc = vector.transitionEnergyDensity
        p_cc = vector.transitionPressure
        n_max = vector.maximumDensity
        eps_max = vector.maximumEnergyDensity
        p_max = vector.maximumPressure
        mass_radius = summary.massRadiusCurve.map {
            CurvePoint(p_c: $0.centralPressure, m: $0.massMsun, r_km: $0.radiusKm, lambda: $0.tidalDeformability)
        }
    }

    /// Pretty-printed JSON with sorted keys.
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A human-readable summary.
    package func text() -> String {
        func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
        func g(_ x: Double) -> String { String(format: "%.6g", x) }
        var lines = [
            source,
            "  crust-core transition  n_cc = \(g(n_cc)) fm^-3, eps_cc = \(g(eps_cc)) MeV fm^-3, p_cc = \(g(p_cc)) MeV fm^-3",
            "  maximum mass           M_max = \(f(m_max, 5)) Msun, R = \(f(r_m_max_km, 4)) km, p_c = \(g(p_c_m_max)) MeV fm^-3",
            "  107-vector top         n_max = \(g(n_max)) fm^-3, eps_max = \(g(eps_max)) MeV fm^-3, p_max = \(g(p_max)) MeV fm^-3",
            "  1.4 Msun star          R_1.4 = \(f(r_14_km, 4)) km, Lambda_1.4 = \(f(lambda_14, 2)), k2 = \(f(k2_14, 5)), p_c = \(g(p_c_14)) MeV fm^-3",
        ]
        if let nm = nuclear_matter {
            let keys = ["n0", "E0", "K0", "ms", "mv", "J", "L", "Ksym"]
            lines.append("  nuclear matter         " + keys.compactMap { k in nm[k].map { "\(k) = \(g($0))" } }.joined(separator: ", "))
        }
        if let ce = closure_eps_max, let cn = closure_n_max {
            lines.append(
                "  vector closure         eps_max \(String(format: "%+.2e", ce)), n_max \(String(format: "%+.2e", cn)) (integrated / vector - 1)"
            )
        }
        if !mass_radius.isEmpty {
            lines.append("  mass-radius curve (\(mass_radius.count) stars)")
            lines.append("     p_c [MeV fm^-3]   M [Msun]    R [km]        Lambda")
            for p in mass_radius {
                lines.append(String(format: "     %15.6g  %9.5f  %8.4f  %12.5g", p.p_c, p.m, p.r_km, p.lambda))
            }
        }
        if let points = at_masses {
            lines.append("  stars at given masses (I in 10^45 g cm^2, baryon mass M_B with m_u = 931.494 MeV)")
            lines.append("     M [Msun]    R [km]        Lambda        k2        C   I [1e45 g cm^2]  M_B [Msun]  p_c [MeV fm^-3]")
            for p in points {
                guard p.exists, let r = p.radius, let l = p.lambda, let k = p.k2, let c = p.compactness, let pc = p.centralPressure else {
                    lines.append(String(format: "     %8.5f  no star of this mass on the stable branch", p.mass))
                    continue
                }
                let inertia = p.momentOfInertia.map { String(format: "%17.6f", $0) } ?? String(repeating: " ", count: 14) + "n/a"
                let baryons = p.baryonMass.map { String(format: "%12.6f", $0) } ?? String(repeating: " ", count: 9) + "n/a"
                lines.append(
                    String(format: "     %8.5f  %8.4f  %12.5g  %8.5f  %7.5f", p.mass, r, l, k, c) + inertia + baryons
                        + String(format: "  %15.6g", pc))
            }
        }
        return lines.joined(separator: "\n")
    }
}
