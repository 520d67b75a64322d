import Foundation
import NeuralNetwork
import NeutronStarPhysics

/// A uniform prior over the seven nuclear-matter parameters that fix a Skyrme EOS (n0, E0, K0, m*_s/m, m*_v/m, J, L).
package struct SkyrmePrior: Codable, Sendable, Equatable {
    /// A closed interval [low, high].
    package struct Range: Codable, Sendable, Equatable {
        package var low: Double
        package var high: Double
        package init(_ low: Double, _ high: Double) { self.low = low; self.high = high }
    }

    package var n0: Range, E0: Range, K0: Range, ms: Range, mv: Range, J: Range, L: Range
    /// Surface couplings that split Θ_s, Θ_v into t1, t2, x1, x2 (SLy4's by default; they do not affect uniform matter).
    package var surface: SurfaceCouplings

    /// The physics note's recommended ranges, which contain SLy4.
    package static let standard = SkyrmePrior(
        n0: Range(0.150, 0.170), E0: Range(-16.5, -15.5), K0: Range(220, 280), ms: Range(0.55, 0.85),
        mv: Range(0.65, 1.00), J: Range(28, 36), L: Range(30, 90), surface: .sly4)

    package init(n0: Range, E0: Range, K0: Range, ms: Range, mv: Range, J: Range, L: Range, surface: SurfaceCouplings) {
        self.n0 = n0; self.E0 = E0; self.K0 = K0; self.ms = ms; self.mv = mv; self.J = J; self.L = L; self.surface = surface
    }

    /// Decodes a prior in which every key is optional: missing ranges keep the standard prior's.
    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Self.standard
        self.init(
            n0: try c.decodeIfPresent(Range.self, forKey: .n0) ?? d.n0,
            E0: try c.decodeIfPresent(Range.self, forKey: .E0) ?? d.E0,
            K0: try c.decodeIfPresent(Range.self, forKey: .K0) ?? d.K0,
            ms: try c.decodeIfPresent(Range.self, forKey: .ms) ?? d.ms,
            mv: try c.decodeIfPresent(Range.self, forKey: .mv) ?? d.mv,
            J: try c.decodeIfPresent(Range.self, forKey: .J) ?? d.J,
            L: try c.decodeIfPresent(Range.self, forKey: .L) ?? d.L,
            surface: try c.decodeIfPresent(SurfaceCouplings.self, forKey: .surface) ?? d.surface)
    }

    /// The ranges in `NuclearMatterParameters.samplingNames` order.
    package var ranges: [Range] { [n0, E0, K0, ms, mv, J, L] }

    /// Throws unless every range is finite with low ≤ high.
    package func validate() throws {
        for (name, r) in zip(NuclearMatterParameters.samplingNames, ranges) {
            guard r.low.isFinite, r.high.isFinite, r.low <= r.high else {
                throw PhysicsError.invalidParameter(
                    name: "prior range of \(name)", value: r.low, reason: "needs finite low <= high (got [\(r.low), \(r.high)])")
            }
        }
    }

    /// The nuclear-matter parameters of draw number `index` for `seed`: each draw has its own generator, so the
    /// draws do not depend on how they are spread over workers.
    package func draw(seed: UInt64, index: Int) -> NuclearMatterParameters {
        var rng = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let v = ranges.map { $0.low + ($0.high - $0.low) * rng.nextUniform() }
        return NuclearMatterParameters(n0: v[0], e0: v[1], k0: v[2], effectiveMassScalar: v[3], effectiveMassVector: v[4], j: v[5], l: v[6])
    }
}

/// The (M_max, R_1.4) window of the training set: lower < M_max < upper and 3·M_max + 4 < R_1.4/km < radiusUpper.
package struct TrainingWindow: Codable, Sendable, Equatable {
    package var massLower = 1.95
    package var massUpper = 2.5
    /// R_1.4 must exceed radiusSlope · M_max + radiusIntercept [km].
    package var radiusSlope = 3.0
    package var radiusIntercept = 4.0
    package var radiusUpper = 15.0

    package init() {}

    /// Whether a model with these labels is inside the window.
    package func contains(mMax: Double, r14: Double) -> Bool {
        mMax > massLower && mMax < massUpper && r14 > radiusSlope * mMax + radiusIntercept && r14 < radiusUpper
    }
}
