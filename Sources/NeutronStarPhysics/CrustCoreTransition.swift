import Foundation
import NumericalMethods

/// Which stability condition marks the crust–core transition.
public enum CrustCoreCriterion: String, Sendable, Codable, CaseIterable {
    /// det[∂μ_i/∂n_j] > 0 of the nucleon energy density (Kubis 2007; Xu et al. 2009): the project default,
    /// which reproduces the published SLy4 training vector.
    case thermodynamic
    /// d²(ε/n)/dn² > 0 along beta equilibrium (the paper's eq. 9).
    case curvature
}

/// The crust–core transition point of a beta-equilibrated Skyrme EOS.
public struct CrustCoreTransition: Sendable {
    /// The criterion that located it.
    public let criterion: CrustCoreCriterion
    /// The beta-equilibrium state at the transition density n_cc.
    public let state: BetaEquilibrium.State

    /// n_cc [fm⁻³].
    public var baryonDensity: Double { state.baryonDensity }
    /// p_cc [MeV fm⁻³].
    public var pressure: Double { state.pressure }
    /// ε_cc [MeV fm⁻³].
    public var energyDensity: Double { state.energyDensity }

    /// Density range scanned downward for the transition [fm⁻³].
    public static let scanRange: ClosedRange<Double> = 0.005...0.16

    /// Finds the transition: scans n downward from 0.16 fm⁻³ on 400 logarithmic points to 0.005 fm⁻³,
    /// takes the first loss of stability and refines it with Brent's method (x tolerance 1e-12 fm⁻³).
    ///
    /// - Throws: `PhysicsError.crustCoreTransitionNotFound` when matter at 0.16 fm⁻³ is already unstable
    ///   or stays stable down to 0.005 fm⁻³; beta-equilibrium errors.
    public static func find(in beta: BetaEquilibrium, criterion: CrustCoreCriterion = .thermodynamic) throws -> CrustCoreTransition {
        let points = 400
        let lnHigh = Foundation.log(scanRange.upperBound), lnLow = Foundation.log(scanRange.lowerBound)
        var guess: Double? = nil
        func stability(_ n: Double) throws -> Double {
            let s = try beta.solve(baryonDensity: n, protonFractionGuess: guess)
            guess = s.protonFraction
            return stabilityMeasure(s, criterion: criterion)
        }
        var previousN = scanRange.upperBound
        var previous = try stability(previousN)
        guard previous > 0 else {
            throw PhysicsError.crustCoreTransitionNotFound(reason: "uniform matter is already unstable at n = \(previousN) fm^-3")
        }
        for i in 1..<points {
            let n = Foundation.exp(lnHigh + (lnLow - lnHigh) * Double(i) / Double(points - 1))
            let value = try stability(n)
            if value <= 0 {
                let nCC = try BrentRoot.solve(in: n, previousN, fa: value, fb: previous, xTolerance: 1e-12) { try stability($0) }
                let state = try beta.solve(baryonDensity: nCC, protonFractionGuess: guess)
                return CrustCoreTransition(criterion: criterion, state: state)
            }
            previousN = n
            previous = value
        }
        throw PhysicsError.crustCoreTransitionNotFound(reason: "uniform matter stays stable down to \(scanRange.lowerBound) fm^-3")
    }

    /// The stability measure, positive where uniform matter is stable.
    static func stabilityMeasure(_ s: BetaEquilibrium.State, criterion: CrustCoreCriterion) -> Double {
        switch criterion {
        case .thermodynamic:
            return s.nucleons.jacobianDeterminant
        case .curvature:
            let n = s.baryonDensity
            return s.dPressureDDensity / (n * n) - 2 * s.pressure / (n * n * n)
        }
    }
}
