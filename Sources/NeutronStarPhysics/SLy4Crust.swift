import Foundation
import NumericalMethods

/// The SLy4 crust from the analytic fit of Haensel & Potekhin (2004, A&A 428, 191) to the unified
/// SLy EOS of Douchin & Haensel (2001): ζ = log10(P [dyn cm⁻²]) as a function of ξ = log10(ρ [g cm⁻³]),
/// with ρc² the energy density. The baryon density follows from the first law, starting from cold ⁵⁶Fe.
public enum SLy4Crust {
    /// The published fit coefficients a1…a18.
    static let a: [Double] = [
        6.22, 6.121, 0.005925, 0.16326, 6.48, 11.4971,
        19.105, 0.8938, 6.54, 11.4950, -22.775, 1.5707,
        4.3, 14.08, 27.80, -1.653, 1.50, 14.67,
    ]

    /// ξ range of the table: from ρ = 10⁵ g cm⁻³ up to where p exceeds `tableTopPressure`.
    static let xiStart = 5.0
    /// Highest crust pressure tabulated [MeV fm⁻³]; above every crust–core transition pressure.
    public static let tableTopPressure = 5.0
    /// Number of table nodes (uniform in ln p).
    static let nodeCount = 4000

    /// ζ(ξ) and dζ/dξ of the fit.
    static func zeta(_ xi: Double) -> (Double, Double) {
        func f0(_ z: Double) -> Double { 1 / (Foundation.exp(z) + 1) }
        func df0(_ z: Double) -> Double { let f = f0(z); return -f * (1 - f) }
        let pNum = a[0] + a[1] * xi + a[2] * xi * xi * xi
        let q = 1 + a[3] * xi
        let t1 = pNum / q
        let dt1 = ((a[1] + 3 * a[2] * xi * xi) * q - pNum * a[3]) / (q * q)
        let z1 = a[4] * (xi - a[5]), z2 = a[8] * (a[9] - xi), z3 = a[12] * (a[13] - xi), z4 = a[16] * (a[17] - xi)
        let value = t1 * f0(z1) + (a[6] + a[7] * xi) * f0(z2) + (a[10] + a[11] * xi) * f0(z3) + (a[14] + a[15] * xi) * f0(z4)
        let slope =
            dt1 * f0(z1) + t1 * a[4] * df0(z1)
            + a[7] * f0(z2) - (a[6] + a[7] * xi) * a[8] * df0(z2)
            + a[11] * f0(z3) - (a[10] + a[11] * xi) * a[12] * df0(z3)
            + a[15] * f0(z4) - (a[14] + a[15] * xi) * a[16] * df0(z4)
        return (value, slope)
    }

    /// ξ with ζ(ξ) = target (ζ is strictly increasing), by Newton's method safeguarded with bisection.
    static func xi(forZeta target: Double, guess: Double) throws -> Double {
        var lo = 0.0, hi = 17.0
        var x = min(max(guess, lo), hi)
        for _ in 0..<200 {
            let (z, dz) = zeta(x)
            let f = z - target
            if f < 0 { lo = x } else { hi = x }
            var next = x - f / dz
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - x) < 1e-14 { return next }
            x = next
        }
        throw PhysicsError.numerical("SLy4 crust: cannot invert the Haensel-Potekhin fit at zeta = \(target)")
    }

    /// The crust table, built once from the published coefficients (uniform in ln p, 4000 nodes from
    /// ρ = 10⁵ g cm⁻³ to p = `tableTopPressure`).
    public static let table: EOSTable = {
        do { return try buildTable() } catch { preconditionFailure("SLy4 crust construction failed: \(error)") }
    }()

    static func buildTable() throws -> EOSTable {
        let ln10 = Foundation.log(10.0)
        let pUnit = PhysicalConstants.dynPerCm2ToMeVfm3, eUnit = PhysicalConstants.gramPerCm3ToMeVfm3
        let lnPStart = zeta(xiStart).0 * ln10 + Foundation.log(pUnit)
        let lnPEnd = Foundation.log(tableTopPressure)
        let step = (lnPEnd - lnPStart) / Double(nodeCount - 1)
        var xis = [Double](repeating: 0, count: nodeCount)
        var eps = xis, cs2 = xis
        var guess = xiStart
        for i in 0..<nodeCount {
            let lnP = lnPStart + Double(i) * step
            let x = i == 0 ? xiStart : try xi(forZeta: (lnP - Foundation.log(pUnit)) / ln10, guess: guess)
            let (_, dz) = zeta(x)
            xis[i] = x
            eps[i] = Foundation.pow(10, x) * eUnit
            cs2[i] = Foundation.exp(lnP) / eps[i] * dz
            guess = x
        }
        // First law: d ln n / dξ = ln 10 · ε / (ε + p), from cold iron at ξ = 5.
        func energyAndPressure(_ x: Double) -> (Double, Double) {
            (Foundation.pow(10, x) * eUnit, Foundation.pow(10, zeta(x).0) * pUnit)
        }
        let (e0, p0) = energyAndPressure(xiStart)
        let n0 = (e0 + p0) / (PhysicalConstants.ironEnergyPerBaryonMeV * Foundation.exp(4 * p0 / e0))
        var logN = [Double](repeating: Foundation.log(n0), count: nodeCount)
        var next = 1
        let solver = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-12, absoluteTolerance: 1e-14)
        _ = try solver.integrate(
            from: xiStart, to: xis[nodeCount - 1], initial: SIMD2(Foundation.log(n0), 0),
            onStep: { step in
                while next < nodeCount, xis[next] <= step.t1 {
                    logN[next] = step.state(at: xis[next])[0]
                    next += 1
                }
            }
        ) { x, _ in
            let (e, p) = energyAndPressure(x)
            return SIMD2(ln10 * e / (e + p), 0)
        }
        return try EOSTable(
            logPressureStart: lnPStart, logPressureStep: step, energyDensity: eps,
            baryonDensity: logN.map { Foundation.exp($0) }, soundSpeedSquared: cs2)
    }
}
