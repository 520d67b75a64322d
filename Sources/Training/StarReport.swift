import Foundation
import NeutronStarPhysics

/// The star properties of one EOS as printed by `eos-trainer star`: JSON with snake_case keys
/// (masses in M☉, radii in km, densities in fm⁻³, energy densities and pressures in MeV fm⁻³).
public struct StarReport: Codable, Sendable, Equatable {
    /// One star of the mass–radius curve.
    public struct CurvePoint: Codable, Sendable, Equatable {
        public var p_c: Double
        public var m: Double
        public var r_km: Double
        public var lambda: Double
    }

    /// The star of a requested gravitational mass (`eos-trainer star --masses`): all nulls when no star of that mass
    /// exists on the stable branch (at or above M_max, or below the lightest star the solver reaches).
    public struct MassPoint: Codable, Sendable, Equatable {
        /// The requested mass [M☉].
        public var mass: Double
        public var exists: Bool
        public var radius_km: Double?
        public var lambda: Double?
        public var k2: Double?
        public var compactness: Double?
        /// Moment of inertia [10⁴⁵ g cm²] (slow rotation).
        public var moment_of_inertia: Double?
        /// Baryon mass [M☉], m_u = 931.494 MeV per baryon.
        public var baryon_mass: Double?
        /// Central pressure [MeV fm⁻³].
        public var central_pressure: Double?

        /// The entry for `mass` from the star found for it (nil: none exists).
        public init(mass: Double, star: Star?) {
            self.mass = mass
            exists = star != nil
            radius_km = star?.radiusKm
            lambda = star?.tidalDeformability
            k2 = star?.loveNumberK2
            compactness = star?.compactness
            moment_of_inertia = star?.momentOfInertia
            baryon_mass = star?.baryonMassMsun
            central_pressure = star?.centralPressure
        }

        /// Writes every key, absent values as null.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(mass, forKey: .mass)
            try container.encode(exists, forKey: .exists)
            try container.encode(radius_km, forKey: .radius_km)
            try container.encode(lambda, forKey: .lambda)
            try container.encode(k2, forKey: .k2)
            try container.encode(compactness, forKey: .compactness)
            try container.encode(moment_of_inertia, forKey: .moment_of_inertia)
            try container.encode(baryon_mass, forKey: .baryon_mass)
            try container.encode(central_pressure, forKey: .central_pressure)
        }
    }

    public var source: String
    public var m_max: Double
    public var r_m_max_km: Double
    /// Central pressure of the maximum-mass star. For a Skyrme model it is p_max; for a 107-vector it may lie above
    /// the vector's p_max (in the extension of the rebuilt EOS, see ``ReconstructedStars``).
    public var p_c_m_max: Double
    public var r_14_km: Double
    public var lambda_14: Double
    public var k2_14: Double
    public var p_c_14: Double
    public var n_cc: Double
    public var eps_cc: Double
    public var p_cc: Double
    public var n_max: Double
    public var eps_max: Double
    public var p_max: Double
    /// Nuclear-matter parameters (Skyrme inputs only).
    public var nuclear_matter: [String: Double]?
    /// ε_max and n_max integrated from the vector relative to its entries, minus 1 (vector inputs only).
    public var closure_eps_max: Double?
    public var closure_n_max: Double?
    public var mass_radius: [CurvePoint]
    /// The stars at the masses asked for with `--masses`, in the order given (absent without `--masses`).
    public var at_masses: [MassPoint]?

    /// The report of a Skyrme model that passed every filter.
    public init(source: String, analysis: SkyrmeStarAnalysis) {
        let nmp = try? analysis.model.betaEquilibrium.functional.nuclearMatterParameters()
        self.init(source: source, summary: analysis.summary, vector: analysis.vector)
        if let nmp {
            nuclear_matter = ["n0": nmp.n0, "E0": nmp.e0, "K0": nmp.k0, "ms": nmp.effectiveMassScalar,
                              "mv": nmp.effectiveMassVector, "J": nmp.j, "L": nmp.l, "Ksym": nmp.kSym]
        }
    }

    /// The report of an EOS rebuilt from a 107-vector.
    public init(source: String, reconstruction: ReconstructedEOS, summary: StarSequenceSummary) {
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
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A human-readable summary.
    public func text() -> String {
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
            lines.append("  vector closure         eps_max \(String(format: "%+.2e", ce)), n_max \(String(format: "%+.2e", cn)) (integrated / vector - 1)")
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
                guard p.exists, let r = p.radius_km, let l = p.lambda, let k = p.k2, let c = p.compactness, let pc = p.central_pressure else {
                    lines.append(String(format: "     %8.5f  no star of this mass on the stable branch", p.mass))
                    continue
                }
                let inertia = p.moment_of_inertia.map { String(format: "%17.6f", $0) } ?? String(repeating: " ", count: 14) + "n/a"
                let baryons = p.baryon_mass.map { String(format: "%12.6f", $0) } ?? String(repeating: " ", count: 9) + "n/a"
                lines.append(String(format: "     %8.5f  %8.4f  %12.5g  %8.5f  %7.5f", p.mass, r, l, k, c) + inertia + baryons + String(format: "  %15.6g", pc))
            }
        }
        return lines.joined(separator: "\n")
    }
}
