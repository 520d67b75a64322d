import Foundation

/// The Skyrme energy density of homogeneous neutron–proton matter with effective masses
/// (Ross, Zhao & Reddy 2026, eqs. 1–3), with analytic chemical potentials and their Jacobian.
///
/// Densities in fm⁻³; energy densities in MeV fm⁻³ including nucleon rest masses; μ in MeV.
public struct SkyrmeFunctional: Sendable {
    /// The Skyrme parameters.
    public let parameters: SkyrmeParameters
    /// ħ²/2m in MeV fm² (one kinetic mass for both species, the project default).
    public let hbar2Over2m: Double
    let thetaS: Double, thetaV: Double
    /// (3π²)^(2/3), so that k_q² = a n_q^(2/3) and τ_q = (3/5) a n_q^(5/3).
    static let fermiFactor = Foundation.pow(3 * Double.pi * Double.pi, 2.0 / 3.0)

    public init(parameters: SkyrmeParameters, hbar2Over2m: Double = PhysicalConstants.hbar2Over2mMeVfm2) {
        self.parameters = parameters
        self.hbar2Over2m = hbar2Over2m
        self.thetaS = parameters.thetaS
        self.thetaV = parameters.thetaV
    }

    /// Local nucleon thermodynamics at given neutron and proton densities.
    public struct Local: Sendable {
        /// Nucleon energy density ε_N including rest masses [MeV fm⁻³].
        public var energyDensity: Double
        /// Chemical potentials μ_n, μ_p including rest masses [MeV].
        public var muN: Double, muP: Double
        /// ħ²/2m*_q for neutrons and protons [MeV fm²]; positive iff the effective mass is.
        public var bN: Double, bP: Double
        /// Jacobian H_ij = ∂μ_i/∂n_j [MeV fm³], i, j ∈ {n, p}.
        public var hNN: Double, hNP: Double, hPN: Double, hPP: Double

        /// Nucleon pressure p_N = μ_n n_n + μ_p n_p − ε_N [MeV fm⁻³].
        public func pressure(neutronDensity nn: Double, protonDensity np: Double) -> Double {
            muN * nn + muP * np - energyDensity
        }

        /// det H, positive where uniform matter is thermodynamically stable (the crust–core criterion).
        public var jacobianDeterminant: Double { hNN * hPP - hNP * hPN }
    }

    /// Energy density, chemical potentials and their Jacobian at neutron density `nn` and proton density `np` (both > 0).

    public func local(neutronDensity nn: Double, protonDensity np: Double) -> Local {
        let s = parameters
        let a = Self.fermiFactor
        let n = nn + np
        let cbrtN = Foundation.cbrt(nn), cbrtP = Foundation.cbrt(np)
        let kn2 = a * cbrtN * cbrtN, kp2 = a * cbrtP * cbrtP
        let tauN = 0.6 * kn2 * nn, tauP = 0.6 * kp2 * np
        let c = (thetaS - 2 * thetaV) / 8
        let v = thetaV / 8
        let bN = hbar2Over2m + v * n + c * nn
        let bP = hbar2Over2m + v * n + c * np
        let sumSq = nn * nn + np * np
        let h0 = s.t0 / 4 * ((2 + s.x0) * n * n - (1 + 2 * s.x0) * sumSq)
        let nSigma = Foundation.pow(n, s.sigma)
        let g3 = (2 + s.x3) * n * n - (1 + 2 * s.x3) * sumSq
        let h3 = s.t3 / 24 * nSigma * g3
        let eps =
            PhysicalConstants.neutronMassMeV * nn + PhysicalConstants.protonMassMeV * np
            + bN * tauN + bP * tauP + h0 + h3

        let t0a = s.t0 / 2 * (2 + s.x0), t0b = s.t0 / 2 * (1 + 2 * s.x0)
        let t3f = s.t3 / 24
        let a3 = 2 + s.x3, b3 = 1 + 2 * s.x3
        let nSigmaM1 = nSigma / n
        let common = v * (tauN + tauP)
        let muN =
            PhysicalConstants.neutronMassMeV + bN * kn2 + common + c * tauN + t0a * n - t0b * nn
            + t3f * (s.sigma * nSigmaM1 * g3 + 2 * nSigma * (a3 * n - b3 * nn))
        let muP =
            PhysicalConstants.protonMassMeV + bP * kp2 + common + c * tauP + t0a * n - t0b * np
            + t3f * (s.sigma * nSigmaM1 * g3 + 2 * nSigma * (a3 * n - b3 * np))

        // Jacobian. Kinetic: v (k_q² + k_j²) + δ_qj [2 c k_q² + (2/3) B_q a n_q^(-1/3)].
        let dKn = 2 * c * kn2 + (2.0 / 3.0) * bN * a / cbrtN
        let dKp = 2 * c * kp2 + (2.0 / 3.0) * bP * a / cbrtP
        let cross = v * (kn2 + kp2)
        let t0diag = t0a - t0b
        let nSigmaM2 = nSigmaM1 / n
        let t3common = s.sigma * (s.sigma - 1) * nSigmaM2 * g3
        let gN = a3 * n - b3 * nn, gP = a3 * n - b3 * np
        let t3nn = t3f * (t3common + 4 * s.sigma * nSigmaM1 * gN + 2 * nSigma * (a3 - b3))
        let t3pp = t3f * (t3common + 4 * s.sigma * nSigmaM1 * gP + 2 * nSigma * (a3 - b3))
        let t3np = t3f * (t3common + 2 * s.sigma * nSigmaM1 * (gN + gP) + 2 * nSigma * a3)
        let hNN = 2 * v * kn2 + dKn + t0diag + t3nn
        let hPP = 2 * v * kp2 + dKp + t0diag + t3pp
        let hNP = cross + t0a + t3np
        return Local(
            energyDensity: eps, muN: muN, muP: muP, bN: bN, bP: bP,
            hNN: hNN, hNP: hNP, hPN: hNP, hPP: hPP)
    }
}
