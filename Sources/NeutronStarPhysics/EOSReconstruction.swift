import Foundation
import NumericalMethods

/// How c_s²(ln p) is interpolated between the 101 nodes of a 107-vector.
public enum SoundSpeedInterpolation: String, Sendable, Codable, CaseIterable {
    /// Monotone cubic (PCHIP): never overshoots, so 0 < c_s² < 1 between causal nodes. The default.
    case monotone
    /// Cubic spline with not-a-knot ends (as in the authors' code).
    case notAKnot
}

/// An EOS rebuilt from a 107-vector (paper eqs. 12–16): c_s²(ln p) interpolated over the nodes, ε(p) and n(p)
/// integrated from (ε_cc, n_cc) at p_cc with an adaptive Dormand–Prince stepper (rtol 1e-10), c_s² held constant
/// above p_max up to `extensionFactor` p_max, and the SLy4 crust joined below p_cc with the energy-density jump kept.
public struct ReconstructedEOS: Sendable {
    /// The vector it was built from.
    public let vector: SoundSpeedVector
    /// The EOS (crust + reconstructed core).
    public let eos: NeutronStarEOS
    /// Integrated ε(p_max) / ε_max − 1 (the vector's redundant entries against the integration).
    public let energyDensityClosure: Double
    /// Integrated n(p_max) / n_max − 1.
    public let baryonDensityClosure: Double

    /// The factor by which the core extends above p_max so that the TOV maximum can be bracketed.
    public static let extensionFactor = 1.6

    /// Rebuilds the EOS.
    /// - Parameters:
    ///   - nodesPerDecade: core table resolution (nodes per factor e in pressure ≈ nodesPerDecade / 2.3).
    /// - Throws: `PhysicsError` when the transition pressure lies outside the crust table or the integration fails.
    public init(vector: SoundSpeedVector, interpolation: SoundSpeedInterpolation = .monotone, nodesPerUnitLogPressure: Int = 100) throws {
        self.vector = vector
        let crust = SLy4Crust.table
        let pcc = vector.transitionPressure, pmax = vector.maximumPressure
        guard pcc < SLy4Crust.tableTopPressure, pcc > crust.pressureRange.lowerBound else {
            throw PhysicsError.outsideValidity(quantity: "p_cc [MeV fm^-3]", value: pcc, range: crust.pressureRange.lowerBound...SLy4Crust.tableTopPressure)
        }
        let zetaCC = Foundation.log(pcc), zetaMax = Foundation.log(pmax)
        let zetas = SoundSpeedVector.gridPressures(transitionPressure: pcc, maximumPressure: pmax).map { Foundation.log($0) }
        let nodes = Array(vector.soundSpeedSquared)
        let spline: PiecewiseCubic
        do {
            switch interpolation {
            case .monotone: spline = try MonotoneCubic.interpolant(x: zetas, y: nodes)
            case .notAKnot: spline = try CubicSpline.interpolant(x: zetas, y: nodes, boundary: .notAKnot)
            }
        } catch {
            throw PhysicsError.numerical("c_s^2 interpolation: \(error)")
        }
        let cs2Top = nodes[nodes.count - 1]
        // A uniform ln p grid with p_max on a node.
        let inside = max(Int(((zetaMax - zetaCC) * Double(nodesPerUnitLogPressure)).rounded(.up)), 8)
        let step = (zetaMax - zetaCC) / Double(inside)
        let above = Int((Foundation.log(Self.extensionFactor) / step).rounded(.up))
        let total = inside + above + 1
        var eps = [Double](repeating: 0, count: total)
        var logN = eps, cs2 = eps, slope = eps
        for i in 0..<total {
            let z = zetaCC + Double(i) * step
            if i <= inside {
                cs2[i] = max(spline.value(at: min(z, zetaMax)), 1e-12)
                slope[i] = i == inside ? 0 : spline.derivative(at: z)
            } else {
                cs2[i] = cs2Top
            }
        }
        if cs2.contains(where: { $0 <= 1e-12 }) {
            throw PhysicsError.invalidParameter(name: "c_s^2 interpolation", value: 0, reason: "the interpolated sound speed is not positive")
        }
        eps[0] = vector.transitionEnergyDensity
        logN[0] = Foundation.log(vector.transitionDensity)
        var state = SIMD2<Double>(eps[0], logN[0])
        let stepper = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        var next = 1
        func segment(to end: Double, soundSpeed: @escaping (Double) -> Double) throws {
            let start = zetaCC + Double(next - 1) * step
            let sol = try stepper.integrate(from: start, to: end, initial: state, onStep: { dense in
                while next < total, zetaCC + Double(next) * step <= dense.t1 * (1 + 1e-15) + 1e-15 {
                    let y = dense.state(at: min(zetaCC + Double(next) * step, dense.t1))
                    eps[next] = y[0]; logN[next] = y[1]
                    next += 1
                }
            }) { z, y in
                let p = Foundation.exp(z), c = soundSpeed(z)
                return SIMD2(p / c, p / ((y[0] + p) * c))
            }
            state = sol.state
        }
        do {
            try segment(to: zetaMax) { max(spline.value(at: $0), 1e-12) }
            let integratedEps = state[0], integratedN = Foundation.exp(state[1])
            energyDensityClosure = integratedEps / vector.maximumEnergyDensity - 1
            baryonDensityClosure = integratedN / vector.maximumDensity - 1
            try segment(to: zetaCC + Double(total - 1) * step) { _ in cs2Top }
        } catch let error as NumericsError {
            throw PhysicsError.numerical("EOS reconstruction: \(error)")
        }
        guard next == total else { throw PhysicsError.numerical("EOS reconstruction filled \(next) of \(total) nodes") }
        let core = try EOSTable(logPressureStart: zetaCC, logPressureStep: step, energyDensity: eps,
                                baryonDensity: logN.map { Foundation.exp($0) }, soundSpeedSquared: cs2, soundSpeedSquaredSlope: slope)
        eos = try NeutronStarEOS(crust: crust, core: core)
    }
}
