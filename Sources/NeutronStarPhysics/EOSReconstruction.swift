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
/// integrated from (ε_cc, n_cc) at p_cc with an adaptive Dormand–Prince stepper (rtol 1e-10), the core extended
/// above p_max (see ``extensionFactor``), and the SLy4 crust joined below p_cc with the energy-density jump kept.
///
/// The extension above p_max is not decoded: the vector ends at p_max, which is meant to be the centre of the
/// maximum-mass star, but a decoder's p_max only approximates the maximum of M(p_c) of the EOS it rebuilds, and
/// the true maximum often lies a little above it. There c_s² is held at its value at p_max, capped at 1 so that the
/// extension is causal even when the decoded top node is not (ε and n then integrate with dε/d ln p = p/c_s² > 0:
/// both increase strictly). ``ReconstructedStars`` extends further, up to ``maximumExtensionFactor``, when M(p_c)
/// still rises at the top of the table.
public struct ReconstructedEOS: Sendable {
    /// The vector it was built from.
    public let vector: SoundSpeedVector
    /// The EOS (crust + reconstructed core, extended to `extendedPressureFactor` p_max).
    public let eos: NeutronStarEOS
    /// Integrated ε(p_max) / ε_max − 1 (the vector's redundant entries against the integration).
    public let energyDensityClosure: Double
    /// Integrated n(p_max) / n_max − 1.
    public let baryonDensityClosure: Double
    /// The c_s²(ln p) interpolation the core was built with.
    public let interpolation: SoundSpeedInterpolation
    /// Core table resolution: nodes per unit of ln p.
    public let nodesPerUnitLogPressure: Int
    /// The factor above p_max that was asked for; the table ends at the first node at or above it (see
    /// `eos.maximumPressure`).
    public let requestedExtensionFactor: Double

    /// The default factor by which the core extends above p_max so that the TOV maximum can be bracketed. It covers
    /// the maximum of most decoded EOSs (whose p_max misses the maximum by a few tens of per cent) at no extra cost.
    public static let extensionFactor = 1.6
    /// The hard cap on the extension: a maximum of M(p_c) above `maximumExtensionFactor` p_max would be set by the
    /// constant-c_s² assumption rather than by the decoded EOS, so it is not searched for. On the latent grid of
    /// `models/default` (5000 points, z within ±3σ and ±5σ) every maximum above the decoded p_max lay below 2 p_max.
    public static let maximumExtensionFactor = 4.0
    /// The smallest p_max / p_cc rebuilt. Neutron-star cores span a factor of hundreds (the training data: more than
    /// 100); a vector with p_max barely above p_cc is not an EOS, and its table (uniform in ln p, at least 8 nodes
    /// up to p_max) would need 10⁴–10⁶ nodes or more to reach the extension.
    public static let minimumPressureRatio = 2.0

    /// Rebuilds the EOS.
    /// - Parameters:
    ///   - nodesPerUnitLogPressure: core table resolution (nodes per factor e in pressure).
    ///   - extensionFactor: the core table extends above p_max up to at least this factor times p_max,
    ///     in 1 < factor ≤ ``maximumExtensionFactor``.
    /// - Throws: `PhysicsError` when the transition pressure lies outside the crust table, p_max is below
    ///   ``minimumPressureRatio`` p_cc, the extension factor is out of range, or the integration fails.
    public init(
        vector: SoundSpeedVector, interpolation: SoundSpeedInterpolation = .monotone, nodesPerUnitLogPressure: Int = 100,
        extensionFactor: Double = ReconstructedEOS.extensionFactor
    ) throws {
        guard extensionFactor > 1, extensionFactor <= Self.maximumExtensionFactor else {
            throw PhysicsError.invalidParameter(
                name: "extension factor", value: extensionFactor,
                reason: "must lie in (1, \(Self.maximumExtensionFactor)]")
        }
        self.interpolation = interpolation
        self.nodesPerUnitLogPressure = nodesPerUnitLogPressure
        self.requestedExtensionFactor = extensionFactor
        self.vector = vector
        let crust = SLy4Crust.table
        let pcc = vector.transitionPressure, pmax = vector.maximumPressure
        guard pcc < SLy4Crust.tableTopPressure, pcc > crust.pressureRange.lowerBound else {
            throw PhysicsError.outsideValidity(
                quantity: "p_cc [MeV fm^-3]", value: pcc, range: crust.pressureRange.lowerBound...SLy4Crust.tableTopPressure)
        }
        guard pmax >= Self.minimumPressureRatio * pcc else {
            throw PhysicsError.invalidParameter(
                name: "p_max / p_cc", value: pmax / pcc,
                reason: "must be at least \(Self.minimumPressureRatio) for a neutron-star core")
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
        // The extension's c_s²: the decoded top value, capped at 1 (causal).
        let cs2Top = min(nodes[nodes.count - 1], 1)
        // A uniform ln p grid with p_max on a node.
        let inside = max(Int(((zetaMax - zetaCC) * Double(nodesPerUnitLogPressure)).rounded(.up)), 8)
        let step = (zetaMax - zetaCC) / Double(inside)
        let above = Int((Foundation.log(extensionFactor) / step).rounded(.up))
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
            throw PhysicsError.invalidParameter(
                name: "c_s^2 interpolation", value: 0, reason: "the interpolated sound speed is not positive")
        }
        eps[0] = vector.transitionEnergyDensity
        logN[0] = Foundation.log(vector.transitionDensity)
        var state = SIMD2<Double>(eps[0], logN[0])
        let stepper = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
        var next = 1
        func segment(to end: Double, soundSpeed: @escaping (Double) -> Double) throws {
            let start = zetaCC + Double(next - 1) * step
            let sol = try stepper.integrate(
                from: start, to: end, initial: state,
                onStep: { dense in
                    while next < total, zetaCC + Double(next) * step <= dense.t1 * (1 + 1e-15) + 1e-15 {
                        let y = dense.state(at: min(zetaCC + Double(next) * step, dense.t1))
                        eps[next] = y[0]; logN[next] = y[1]
                        next += 1
                    }
                }
            ) { z, y in
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
        let core = try EOSTable(
            logPressureStart: zetaCC, logPressureStep: step, energyDensity: eps,
            baryonDensity: logN.map { Foundation.exp($0) }, soundSpeedSquared: cs2, soundSpeedSquaredSlope: slope)
        eos = try NeutronStarEOS(crust: crust, core: core)
    }

    /// The same vector rebuilt with a table extending to `factor` p_max (same interpolation and resolution).
    /// Below the old table top the two agree to the integration tolerance (~1e-10 relative).
    public func extended(to factor: Double) throws -> ReconstructedEOS {
        try ReconstructedEOS(
            vector: vector, interpolation: interpolation, nodesPerUnitLogPressure: nodesPerUnitLogPressure,
            extensionFactor: factor)
    }

    /// The table top over the decoded p_max (≥ ``requestedExtensionFactor``, by less than one node).
    public var extendedPressureFactor: Double { eos.maximumPressure / vector.maximumPressure }
}
