import Foundation

/// The 107-number representation of a core EOS (paper eqs. 10–11): c_s² at 101 pressures log-spaced from
/// p_cc to p_max (both included), then n_cc, ε_cc, p_cc, n_max, ε_max, p_max (fm⁻³, MeV fm⁻³).
public struct SoundSpeedVector: Sendable, Equatable, Codable {
    /// Number of sound-speed nodes.
    public static let gridCount = 101
    /// Total length of the vector.
    public static let count = 107
    /// Names of the six boundary entries, in order.
    public static let boundaryNames = ["n_cc", "eps_cc", "p_cc", "n_max", "eps_max", "p_max"]

    /// The 107 raw values.
    public let values: [Double]

    /// Wraps and validates 107 values.
    /// - Throws: `PhysicsError.invalidParameter` naming the entry when the length is wrong, a value is not
    ///   finite and positive, or the boundary values are inconsistent (p_max ≤ p_cc, n_max ≤ n_cc, ε_max ≤ ε_cc).
    public init(values: [Double]) throws {
        guard values.count == Self.count else {
            throw PhysicsError.invalidParameter(
                name: "107-vector length", value: Double(values.count), reason: "expected \(Self.count) numbers")
        }
        for (i, v) in values.enumerated() where !(v.isFinite && v > 0) {
            let name = i < Self.gridCount ? "c_s^2[\(i)]" : Self.boundaryNames[i - Self.gridCount]
            throw PhysicsError.invalidParameter(name: name, value: v, reason: "must be finite and positive")
        }
        let v = Array(values[Self.gridCount...])
        guard v[5] > v[2] else { throw PhysicsError.invalidParameter(name: "p_max", value: v[5], reason: "must exceed p_cc = \(v[2])") }
        guard v[3] > v[0] else { throw PhysicsError.invalidParameter(name: "n_max", value: v[3], reason: "must exceed n_cc = \(v[0])") }
        guard v[4] > v[1] else { throw PhysicsError.invalidParameter(name: "eps_max", value: v[4], reason: "must exceed eps_cc = \(v[1])") }
        self.values = values
    }

    /// c_s² at the 101 grid pressures.
    public var soundSpeedSquared: ArraySlice<Double> { values[0..<Self.gridCount] }
    /// n_cc [fm⁻³], ε_cc, p_cc [MeV fm⁻³].
    public var transitionDensity: Double { values[101] }
    public var transitionEnergyDensity: Double { values[102] }
    public var transitionPressure: Double { values[103] }
    /// n_max [fm⁻³], ε_max, p_max [MeV fm⁻³]: the centre of the maximum-mass star.
    public var maximumDensity: Double { values[104] }
    public var maximumEnergyDensity: Double { values[105] }
    public var maximumPressure: Double { values[106] }

    /// The grid pressures p_i = exp(ln p_cc + (i/100)(ln p_max − ln p_cc)), i = 0…100 [MeV fm⁻³].
    public static func gridPressures(transitionPressure pcc: Double, maximumPressure pmax: Double) -> [Double] {
        let a = Foundation.log(pcc), b = Foundation.log(pmax)
        var grid = [Double](repeating: 0, count: gridCount)
        for i in 0..<gridCount {
            let fraction = Double(i) / Double(gridCount - 1)
            grid[i] = Foundation.exp(a + fraction * (b - a))
        }
        grid[0] = pcc
        grid[gridCount - 1] = pmax
        return grid
    }

    /// Whether every grid c_s² is below 1.
    public var isCausal: Bool { soundSpeedSquared.allSatisfy { $0 < 1 } }
}

extension SkyrmeEOS {
    /// The 107-vector of this EOS for the given maximum-mass star, with exact c_s² at every grid pressure.
    public func soundSpeedVector(maximumMassStar: Star) throws -> SoundSpeedVector {
        let pcc = transition.pressure, pmax = maximumMassStar.centralPressure
        let grid = SoundSpeedVector.gridPressures(transitionPressure: pcc, maximumPressure: pmax)
        var cs2 = [transition.state.soundSpeedSquared]
        var top = transition.state
        let newton = NewtonInPressure(beta: betaEquilibrium)
        for p in grid.dropFirst() {
            let guess = try eos.core.point(pressure: p).baryonDensity
            top = try newton.solve(pressure: p, densityGuess: guess, protonFractionGuess: top.protonFraction)
            cs2.append(top.soundSpeedSquared)
        }
        return try SoundSpeedVector(
            values: cs2 + [
                transition.baryonDensity, transition.energyDensity, pcc,
                top.baryonDensity, top.energyDensity, pmax,
            ])
    }
}
