import Foundation

/// Cold, charge-neutral npe(μ) matter in beta equilibrium for a Skyrme functional:
/// μ_e = μ_n − μ_p and n_p = n_e (+ n_μ). Solves for the proton fraction at a given baryon density.
public struct BetaEquilibrium: Sendable {
    /// The nucleon functional.
    public let functional: SkyrmeFunctional
    /// Whether muons appear once μ_e exceeds the muon mass (off by default, as in the paper).
    public let includeMuons: Bool

    /// The smallest proton fraction counted as non-vanishing by the solver's bracket.
    public static let minimumProtonFraction = 1e-14

    public init(functional: SkyrmeFunctional, includeMuons: Bool = false) {
        self.functional = functional
        self.includeMuons = includeMuons
    }

    /// A point of beta-equilibrated matter.
    public struct State: Sendable {
        /// Baryon density n_B [fm⁻³].
        public var baryonDensity: Double
        /// Proton fraction x = n_p / n_B.
        public var protonFraction: Double
        /// Total energy density including rest masses [MeV fm⁻³].
        public var energyDensity: Double
        /// Total pressure [MeV fm⁻³].
        public var pressure: Double
        /// Neutron chemical potential [MeV] (= (ε + p)/n_B).
        public var muN: Double
        /// Electron chemical potential μ_n − μ_p [MeV].
        public var muE: Double
        /// dp/dn_B along beta equilibrium [MeV].
        public var dPressureDDensity: Double
        /// Squared sound speed dp/dε along beta equilibrium (exact, from the analytic Jacobian).
        public var soundSpeedSquared: Double
        /// The nucleon part.
        public var nucleons: SkyrmeFunctional.Local
    }

    /// Lepton number density and dn/dμ at electron chemical potential μ_e.

    func leptons(muE: Double) -> (n: Double, dn: Double, eps: Double, p: Double) {
        let e = LeptonGas.electrons.state(chemicalPotential: muE)
        guard includeMuons else { return (e.numberDensity, e.dNumberDensityDMu, e.energyDensity, e.pressure) }
        let m = LeptonGas.muons.state(chemicalPotential: muE)
        return (
            e.numberDensity + m.numberDensity, e.dNumberDensityDMu + m.dNumberDensityDMu,
            e.energyDensity + m.energyDensity, e.pressure + m.pressure
        )
    }

    /// Charge imbalance g(x) = x n − n_lepton(μ_n − μ_p) and its x-derivative; g increases with x
    /// while the symmetry energy is positive.

    func chargeImbalance(_ x: Double, n: Double) -> (g: Double, dg: Double) {
        let loc = functional.local(neutronDensity: (1 - x) * n, protonDensity: x * n)
        let l = leptons(muE: loc.muN - loc.muP)
        let dMuHat = n * (loc.hNP + loc.hPN - loc.hNN - loc.hPP)
        return (x * n - l.n, n - l.dn * dMuHat)
    }

    /// Solves beta equilibrium at baryon density `n` (fm⁻³).
    ///
    /// - Parameter protonFractionGuess: a warm start (e.g. the previous density's x) for Newton's method.
    /// - Throws: `PhysicsError.vanishingProtonFraction` when no positive proton fraction exists,
    ///   `.nonPositiveEffectiveMass`, `.invalidParameter` for a non-positive density.
    public func solve(baryonDensity n: Double, protonFractionGuess: Double? = nil) throws -> State {
        guard n > 0, n.isFinite else {
            throw PhysicsError.invalidParameter(name: "baryon density", value: n, reason: "must be positive and finite")
        }
        let x = try protonFraction(n: n, guess: protonFractionGuess)
        return try state(n: n, protonFraction: x)
    }

    /// Safeguarded Newton iteration on g(x) = 0 inside (minimumProtonFraction, 0.5).
    func protonFraction(n: Double, guess: Double?) throws -> Double {
        var lo = Self.minimumProtonFraction, hi = 0.5
        var loChecked = false, hiChecked = false
        var x = min(max(guess ?? 0.05, 1e-6), 0.45)
        for _ in 0..<100 {
            let (g, dg) = chargeImbalance(x, n: n)
            guard g.isFinite, dg.isFinite else {
                throw PhysicsError.numerical("beta equilibrium: non-finite charge balance at n_B = \(n), x = \(x)")
            }
            if g == 0 { return x }
            if g < 0 { lo = x; loChecked = true } else { hi = x; hiChecked = true }
            var next = dg > 0 ? x - g / dg : .nan
            if !(next > lo && next < hi) {
                // Newton left the bracket: make sure the bracket ends are real, then bisect.
                if !loChecked {
                    let gLo = chargeImbalance(lo, n: n).g
                    if gLo >= 0 { throw PhysicsError.vanishingProtonFraction(baryonDensity: n) }
                    loChecked = true
                }
                if !hiChecked {
                    let gHi = chargeImbalance(hi, n: n).g
                    if gHi <= 0 {
                        throw PhysicsError.numerical("beta equilibrium: proton fraction above 0.5 at n_B = \(n)")
                    }
                    hiChecked = true
                }
                next = 0.5 * (lo + hi)
            }
            if abs(next - x) <= 1e-14 * x {
                if next < 1e-12 { throw PhysicsError.vanishingProtonFraction(baryonDensity: n) }
                return next
            }
            x = next
        }
        throw PhysicsError.numerical("beta equilibrium did not converge at n_B = \(n)")
    }

    /// The full thermodynamic state at density n and a given proton fraction (which should solve the balance).
    func state(n: Double, protonFraction x: Double) throws -> State {
        let nn = (1 - x) * n, np = x * n
        let loc = functional.local(neutronDensity: nn, protonDensity: np)
        guard loc.bN > 0, loc.bP > 0 else { throw PhysicsError.nonPositiveEffectiveMass(baryonDensity: n) }
        let muE = loc.muN - loc.muP
        let l = leptons(muE: muE)
        let eps = loc.energyDensity + l.eps
        let p = loc.pressure(neutronDensity: nn, protonDensity: np) + l.p
        guard l.dn > 0 else { throw PhysicsError.vanishingProtonFraction(baryonDensity: n) }
        let a = loc.hNN - loc.hPN
        let dnpdn = a / (a - (loc.hNP - loc.hPP) + 1 / l.dn)
        let dMuNdn = loc.hNN + (loc.hNP - loc.hNN) * dnpdn
        let dpdn = n * dMuNdn
        return State(
            baryonDensity: n, protonFraction: x, energyDensity: eps, pressure: p, muN: loc.muN,
            muE: muE, dPressureDDensity: dpdn, soundSpeedSquared: dpdn / loc.muN, nucleons: loc)
    }
}
