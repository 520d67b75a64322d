import Foundation
import NumericalMethods

/// Bulk properties of symmetric nuclear matter at saturation and of the symmetry energy.
public struct NuclearMatterParameters: Sendable, Equatable, Codable {
    /// Saturation density n0 [fm⁻³].
    public var n0: Double
    /// Energy per nucleon at saturation without rest mass, E0 [MeV].
    public var e0: Double
    /// Incompressibility K0 = 9 n0² d²(E/A)/dn² [MeV].
    public var k0: Double
    /// Isoscalar effective mass m*_s/m.
    public var effectiveMassScalar: Double
    /// Isovector effective mass m*_v/m.
    public var effectiveMassVector: Double
    /// Symmetry energy J = S(n0) [MeV].
    public var j: Double
    /// Slope L = 3 n0 S'(n0) [MeV].
    public var l: Double
    /// Curvature K_sym = 9 n0² S''(n0) [MeV] (a consequence of the others for a standard Skyrme functional).
    public var kSym: Double

    public init(
        n0: Double, e0: Double, k0: Double, effectiveMassScalar: Double, effectiveMassVector: Double,
        j: Double, l: Double, kSym: Double = .nan
    ) {
        self.n0 = n0; self.e0 = e0; self.k0 = k0
        self.effectiveMassScalar = effectiveMassScalar; self.effectiveMassVector = effectiveMassVector
        self.j = j; self.l = l; self.kSym = kSym
    }

    /// The seven parameters that fix the uniform-matter EOS, in sampling order.
    public static let samplingNames = ["n0", "E0", "K0", "ms", "mv", "J", "L"]

    /// The seven sampling parameters in `samplingNames` order.
    public var samplingValues: [Double] { [n0, e0, k0, effectiveMassScalar, effectiveMassVector, j, l] }

    /// Builds the parameters from the seven sampling values in `samplingNames` order.
    public init(samplingValues v: [Double]) throws {
        guard v.count == 7 else {
            throw PhysicsError.invalidParameter(name: "nuclear-matter parameters", value: Double(v.count), reason: "expected 7 values")
        }
        self.init(n0: v[0], e0: v[1], k0: v[2], effectiveMassScalar: v[3], effectiveMassVector: v[4], j: v[5], l: v[6])
    }
}

/// Surface couplings C0, C1 [MeV fm⁵] that split Θ_s, Θ_v into t1, t2, x1, x2 (they do not affect uniform matter).
public struct SurfaceCouplings: Sendable, Equatable, Codable {
    public var c0: Double, c1: Double
    public init(c0: Double, c1: Double) { self.c0 = c0; self.c1 = c1 }

    /// The couplings of a Skyrme set.
    public init(of s: SkyrmeParameters) {
        c0 = -9 * s.t1 / 64 + s.t2 * (5 + 4 * s.x2) / 64
        c1 = 3 * s.t1 * (1 + 2 * s.x1) / 64 + s.t2 * (1 + 2 * s.x2) / 64
    }

    /// SLy4's couplings, the default for the inverse map.
    public static let sly4 = SurfaceCouplings(of: .sly4)
}

extension SkyrmeFunctional {
    /// E/A(n) − m of symmetric matter as A1 n^(2/3) + A2 n + A3 n^(5/3) + A4 n^(σ+1), with its coefficients.
    private var symmetricCoefficients: (a1: Double, a2: Double, a3: Double, a4: Double) {
        let kf = Foundation.pow(1.5 * Double.pi * Double.pi, 2.0 / 3.0)
        return (0.6 * hbar2Over2m * kf, 3 * parameters.t0 / 8, 3.0 / 80 * parameters.thetaS * kf, parameters.t3 / 16)
    }

    /// S(n) = A n^(2/3) + D n^(5/3) + B n + C n^(σ+1), with its coefficients.
    private var symmetryCoefficients: (a: Double, b: Double, c: Double, d: Double) {
        let kf = Foundation.pow(1.5 * Double.pi * Double.pi, 2.0 / 3.0)
        let s = parameters
        return (
            hbar2Over2m * kf / 3, -s.t0 * (2 * s.x0 + 1) / 8, -s.t3 * (2 * s.x3 + 1) / 48,
            (s.thetaS / 12 - s.thetaV / 8) * kf
        )
    }

    /// Derivatives of E/A of symmetric matter: order 0, 1 or 2 in n.
    private func symmetricEnergy(_ n: Double, derivative k: Int) -> Double {
        let (a1, a2, a3, a4) = symmetricCoefficients
        let sg = parameters.sigma
        switch k {
        case 0: return a1 * Foundation.pow(n, 2.0 / 3) + a2 * n + a3 * Foundation.pow(n, 5.0 / 3) + a4 * Foundation.pow(n, sg + 1)
        case 1:
            return 2.0 / 3 * a1 * Foundation.pow(n, -1.0 / 3) + a2 + 5.0 / 3 * a3 * Foundation.pow(n, 2.0 / 3)
                + (sg + 1) * a4 * Foundation.pow(n, sg)
        default:
            return -2.0 / 9 * a1 * Foundation.pow(n, -4.0 / 3) + 10.0 / 9 * a3 * Foundation.pow(n, -1.0 / 3)
                + (sg + 1) * sg * a4 * Foundation.pow(n, sg - 1)
        }
    }

    /// Derivatives of the symmetry energy S(n): order 0, 1 or 2.
    private func symmetryEnergy(_ n: Double, derivative k: Int) -> Double {
        let (a, b, c, d) = symmetryCoefficients
        let sg = parameters.sigma
        switch k {
        case 0: return a * Foundation.pow(n, 2.0 / 3) + b * n + c * Foundation.pow(n, sg + 1) + d * Foundation.pow(n, 5.0 / 3)
        case 1:
            return 2.0 / 3 * a * Foundation.pow(n, -1.0 / 3) + b + (sg + 1) * c * Foundation.pow(n, sg)
                + 5.0 / 3 * d * Foundation.pow(n, 2.0 / 3)
        default:
            return -2.0 / 9 * a * Foundation.pow(n, -4.0 / 3) + (sg + 1) * sg * c * Foundation.pow(n, sg - 1)
                + 10.0 / 9 * d * Foundation.pow(n, -1.0 / 3)
        }
    }

    /// The nuclear-matter parameters of this functional. Saturation is the zero of dE/dn in [0.05, 0.4] fm⁻³.
    public func nuclearMatterParameters() throws -> NuclearMatterParameters {
        let n0: Double
        do {
            n0 = try BrentRoot.solve(in: 0.05, 0.4, xTolerance: 1e-15) { symmetricEnergy($0, derivative: 1) }
        } catch {
            throw PhysicsError.numerical("no saturation point in [0.05, 0.4] fm^-3 (\(error))")
        }
        let h = hbar2Over2m
        return NuclearMatterParameters(
            n0: n0,
            e0: symmetricEnergy(n0, derivative: 0),
            k0: 9 * n0 * n0 * symmetricEnergy(n0, derivative: 2),
            effectiveMassScalar: 1 / (1 + parameters.thetaS * n0 / (16 * h)),
            effectiveMassVector: 1 / (1 + parameters.thetaV * n0 / (8 * h)),
            j: symmetryEnergy(n0, derivative: 0),
            l: 3 * n0 * symmetryEnergy(n0, derivative: 1),
            kSym: 9 * n0 * n0 * symmetryEnergy(n0, derivative: 2))
    }
}

extension SkyrmeParameters {
    /// The Skyrme parameters with the given nuclear-matter parameters (Chabanat et al. 1997 relations),
    /// splitting Θ_s and Θ_v into t1, t2, x1, x2 with the given surface couplings.
    ///
    /// - Throws: `PhysicsError.invalidParameter` when the parameters admit no standard Skyrme set (σ ≤ 0)
    ///   or are non-finite.
    public init(
        nuclearMatter p: NuclearMatterParameters, surface: SurfaceCouplings = .sly4,
        hbar2Over2m h: Double = PhysicalConstants.hbar2Over2mMeVfm2
    ) throws {
        for (name, value) in zip(NuclearMatterParameters.samplingNames, p.samplingValues) where !value.isFinite {
            throw PhysicsError.invalidParameter(name: name, value: value, reason: "must be finite")
        }
        guard p.n0 > 0, p.effectiveMassScalar > 0, p.effectiveMassVector > 0 else {
            throw PhysicsError.invalidParameter(
                name: "n0, ms, mv", value: min(p.n0, p.effectiveMassScalar, p.effectiveMassVector),
                reason: "must be positive")
        }
        let a = Foundation.pow(1.5 * Double.pi * Double.pi, 2.0 / 3.0)
        let n0 = p.n0
        let t0kin = 0.6 * h * a * Foundation.pow(n0, 2.0 / 3.0)
        let ks = 1 / p.effectiveMassScalar - 1
        let thetaS = 16 * h * ks / n0
        let thetaV = 8 * h * (1 / p.effectiveMassVector - 1) / n0
        let denominator = -p.e0 + t0kin / 3 - 2 * t0kin * ks / 3
        let sigma = (p.k0 / 9 + 2 * t0kin / 9 - 10 * t0kin * ks / 9) / denominator - 1
        guard sigma > 0, sigma.isFinite else {
            throw PhysicsError.invalidParameter(name: "sigma", value: sigma, reason: "these nuclear-matter parameters need sigma <= 0")
        }
        let bCoef = denominator / sigma
        let aCoef = p.e0 - t0kin * (1 + ks) - bCoef
        let t0 = 8 * aCoef / (3 * n0)
        let t3 = 16 * bCoef / Foundation.pow(n0, sigma + 1)
        let d = (thetaS / 12 - thetaV / 8) * a
        let r1 = p.j - h * a / 3 * Foundation.pow(n0, 2.0 / 3.0) - d * Foundation.pow(n0, 5.0 / 3.0)
        let r2 = p.l - 2 * h * a / 3 * Foundation.pow(n0, 2.0 / 3.0) - 5 * d * Foundation.pow(n0, 5.0 / 3.0)
        let c = (r2 - 3 * r1) / (3 * sigma * Foundation.pow(n0, sigma + 1))
        let b = (r1 - c * Foundation.pow(n0, sigma + 1)) / n0
        let x0 = -(8 * b / t0 + 1) / 2
        let x3 = -(48 * c / t3 + 1) / 2
        // Unknowns u = (t1, t1 x1, t2, t2 x2).
        let matrix: [[Double]] = [
            [3, 0, 5, 4],
            [2, 1, 2, 1],
            [-9.0 / 64, 0, 5.0 / 64, 4.0 / 64],
            [3.0 / 64, 6.0 / 64, 1.0 / 64, 2.0 / 64],
        ]
        let u = try solveLinear(matrix, [thetaS, thetaV, surface.c0, surface.c1])
        guard u[0] != 0, u[2] != 0 else {
            throw PhysicsError.invalidParameter(
                name: "surface couplings", value: u[0] == 0 ? u[0] : u[2],
                reason: "t1 or t2 vanishes, so x1 or x2 is undefined")
        }
        self.init(t0: t0, t1: u[0], t2: u[2], t3: t3, x0: x0, x1: u[1] / u[0], x2: u[3] / u[2], x3: x3, sigma: sigma)
        try validate()
    }
}

/// Gaussian elimination with partial pivoting for a small dense system.
func solveLinear(_ a: [[Double]], _ b: [Double]) throws -> [Double] {
    var m = a, r = b
    let n = r.count
    for col in 0..<n {
        let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
        guard abs(m[pivot][col]) > 1e-300 else { throw PhysicsError.numerical("singular linear system") }
        m.swapAt(col, pivot); r.swapAt(col, pivot)
        for row in (col + 1)..<n {
            let f = m[row][col] / m[col][col]
            for k in col..<n { m[row][k] -= f * m[col][k] }
            r[row] -= f * r[col]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
        var s = r[row]
        for k in (row + 1)..<n { s -= m[row][k] * x[k] }
        x[row] = s / m[row][row]
    }
    return x
}
