import Foundation
import NumericalMethods

/// Options for building the EOS of a Skyrme model.
public struct SkyrmeEOSOptions: Sendable, Equatable, Codable {
    /// Crust–core transition criterion (default: thermodynamic).
    public var criterion: CrustCoreCriterion = .thermodynamic
    /// Include muons in beta equilibrium (default: no, electrons only).
    public var includeMuons = false
    /// Number of core table nodes, uniform in ln p (default 400).
    public var coreNodes = 400
    /// Highest baryon density tabulated [fm⁻³] (default 2.5, above any stable neutron-star centre).
    public var maximumBaryonDensity = 2.5

    public init() {}
}

/// The full EOS of a Skyrme model: beta-equilibrated npe matter above the crust–core transition,
/// joined at p_cc to the SLy4 crust with the energy-density jump kept.
public struct SkyrmeEOS: Sendable {
    /// The Skyrme parameters.
    public let parameters: SkyrmeParameters
    /// Beta-equilibrium solver of the core.
    public let betaEquilibrium: BetaEquilibrium
    /// The crust–core transition.
    public let transition: CrustCoreTransition
    /// Crust plus core.
    public let eos: NeutronStarEOS
    /// Why the core table stops below `maximumBaryonDensity`, if it does (the first failure met going up).
    public let tableLimit: PhysicsError?

    /// Builds the EOS.
    ///
    /// - Throws: parameter, beta-equilibrium and transition errors; `PhysicsError.mechanicalInstability` if
    ///   matter is unstable right above the transition.
    public init(parameters: SkyrmeParameters, options: SkyrmeEOSOptions = SkyrmeEOSOptions()) throws {
        try parameters.validate()
        self.parameters = parameters
        let beta = BetaEquilibrium(functional: SkyrmeFunctional(parameters: parameters), includeMuons: options.includeMuons)
        betaEquilibrium = beta
        let transition = try CrustCoreTransition.find(in: beta, criterion: options.criterion)
        self.transition = transition
        guard transition.pressure < SLy4Crust.tableTopPressure, transition.pressure > SLy4Crust.table.pressureRange.lowerBound else {
            throw PhysicsError.outsideValidity(
                quantity: "crust-core transition pressure [MeV fm^-3]", value: transition.pressure,
                range: SLy4Crust.table.pressureRange.lowerBound...SLy4Crust.tableTopPressure)
        }

        // March up in density to find where the model stops being usable.
        let march = Self.march(beta: beta, from: transition.state, to: options.maximumBaryonDensity)
        tableLimit = march.limit
        guard march.states.count >= 3 else {
            throw march.limit ?? PhysicsError.mechanicalInstability(baryonDensity: transition.baryonDensity)
        }
        let core = try Self.coreTable(beta: beta, march: march.states, nodes: options.coreNodes)
        eos = try NeutronStarEOS(crust: SLy4Crust.table, core: core)
    }

    /// Beta-equilibrium states on a logarithmic density grid from the transition upward, stopping before the
    /// first non-finite, vanishing-proton, non-positive-effective-mass or mechanically unstable point.
    static func march(
        beta: BetaEquilibrium, from start: BetaEquilibrium.State, to nMax: Double
    )
        -> (states: [BetaEquilibrium.State], limit: PhysicsError?)
    {
        let steps = 120
        var states = [start]
        var guess = start.protonFraction
        let lnStart = Foundation.log(start.baryonDensity), lnEnd = Foundation.log(nMax)
        for i in 1...steps {
            let n = Foundation.exp(lnStart + (lnEnd - lnStart) * Double(i) / Double(steps))
            do {
                let s = try beta.solve(baryonDensity: n, protonFractionGuess: guess)
                if s.protonFraction < 1e-4 { return (states, .vanishingProtonFraction(baryonDensity: n)) }
                guard s.dPressureDDensity > 0, s.pressure > states[states.count - 1].pressure else {
                    return (states, .mechanicalInstability(baryonDensity: n))
                }
                guard s.energyDensity.isFinite, s.soundSpeedSquared.isFinite else {
                    return (states, .numerical("non-finite EOS at n_B = \(n)"))
                }
                states.append(s)
                guess = s.protonFraction
            } catch let error as PhysicsError {
                return (states, error)
            } catch {
                return (states, .numerical("\(error)"))
            }
        }
        return (states, nil)
    }

    /// Core table on a uniform ln p grid from p_cc to the top of the march, with exact node values.
    static func coreTable(beta: BetaEquilibrium, march: [BetaEquilibrium.State], nodes: Int) throws -> EOSTable {
        let lnP = march.map { Foundation.log($0.pressure) }
        let lnN = march.map { Foundation.log($0.baryonDensity) }
        let guessN = try MonotoneCubic.interpolant(x: lnP, y: lnN)
        let start = lnP[0], end = lnP[lnP.count - 1]
        let step = (end - start) / Double(nodes - 1)
        var eps = [Double](), n = [Double](), cs2 = [Double]()
        eps.reserveCapacity(nodes); n.reserveCapacity(nodes); cs2.reserveCapacity(nodes)
        var x = march[0].protonFraction
        let helper = NewtonInPressure(beta: beta)
        for i in 0..<nodes {
            let s: BetaEquilibrium.State
            if i == 0 {
                s = march[0]
            } else {
                let lp = i == nodes - 1 ? end : start + Double(i) * step
                s = try helper.solve(
                    pressure: Foundation.exp(lp), densityGuess: Foundation.exp(guessN.value(at: lp)), protonFractionGuess: x)
            }
            x = s.protonFraction
            eps.append(s.energyDensity); n.append(s.baryonDensity); cs2.append(s.soundSpeedSquared)
        }
        return try EOSTable(logPressureStart: start, logPressureStep: step, energyDensity: eps, baryonDensity: n, soundSpeedSquared: cs2)
    }

    /// The exact beta-equilibrium state at pressure p [MeV fm⁻³] inside the core table.
    public func coreState(pressure p: Double) throws -> BetaEquilibrium.State {
        let point = try eos.core.point(pressure: p)
        return try NewtonInPressure(beta: betaEquilibrium).solve(pressure: p, densityGuess: point.baryonDensity, protonFractionGuess: 0.05)
    }
}

/// Solves p(n) = p_target along beta equilibrium by Newton's method in ln n.
struct NewtonInPressure {
    let beta: BetaEquilibrium

    func solve(pressure p: Double, densityGuess: Double, protonFractionGuess: Double) throws -> BetaEquilibrium.State {
        var n = densityGuess
        var x = protonFractionGuess
        let target = Foundation.log(p)
        for _ in 0..<60 {
            let s = try beta.solve(baryonDensity: n, protonFractionGuess: x)
            x = s.protonFraction
            guard s.dPressureDDensity > 0 else { throw PhysicsError.mechanicalInstability(baryonDensity: n) }
            let f = Foundation.log(s.pressure) - target
            if abs(f) < 1e-13 { return s }
            let slope = s.baryonDensity * s.dPressureDDensity / s.pressure
            let step = max(-0.5, min(0.5, -f / slope))
            n *= Foundation.exp(step)
            // Quadratic convergence: after a step this small the error is far below round-off.
            if abs(step) < 1e-11 { return try beta.solve(baryonDensity: n, protonFractionGuess: x) }
        }
        throw PhysicsError.numerical("no density with p = \(p) MeV fm^-3 (Newton did not converge)")
    }
}
