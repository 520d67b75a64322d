import Foundation
import NumericalMethods

/// An `EOSTable` resampled on a uniform grid in the pseudo-enthalpy h = ∫ dp/(ε + p) (Lindblom 1992), with h
/// measured from the table's first node, for the TOV integration in h.
///
/// Per interval it holds cubic polynomials in the fractional position t of the pressure p, the energy density ε
/// and D = dε/dh = (ε + p)/c_s², in geometrized units (km⁻²), whose node values and slopes come from the source
/// table with the exact thermodynamic relations dp/dh = ε + p, dε/dh = D and
/// dD/dh = (D + ε + p)/c_s² − (D/c_s²) (dc_s²/d ln p)(ε + p)/p. Evaluating it costs three Horner steps and no
/// transcendental function.
struct EnthalpyTable: Sendable {
    /// The source grid (uniform in ln p): ln p of the first node, spacing, and node values (not the `EOSTable`
    /// itself, which caches this table).
    let sourceStart: Double, sourceStep: Double
    let sourcePressure: [Double], sourceEnergyDensity: [Double], sourceSoundSpeedSquared: [Double]
    /// h at the nodes of the source table (0 at its first node).
    let sourceEnthalpy: [Double]
    /// Node spacing in h.
    let step: Double
    /// 1 / step.
    let inverseStep: Double
    /// Number of intervals.
    let intervals: Int
    /// Four SIMD vectors per interval: the polynomial coefficients c0…c3 in t with lanes (p, ε, D, 0).
    let coefficients: [SIMD4<Double>]

    /// Resampling density: h nodes per node of the source table.
    static let nodesPerSourceNode = 2

    /// The highest h of the table.
    var upperBound: Double { Double(intervals) * step }

    /// Resamples `source` on `nodes` nodes uniform in h.
    init(source: EOSTable, nodes: Int) {
        sourceStart = source.logPressureStart
        sourceStep = source.logPressureStep
        sourcePressure = source.pressure
        sourceEnergyDensity = source.energyDensity
        sourceSoundSpeedSquared = source.soundSpeedSquared
        let n = source.count
        let dx = source.logPressureStep
        // h at the source nodes: 4-point Gauss–Legendre on each interval of the Hermite interpolant (degree-7 exact).
        var hs = [Double](repeating: 0, count: n)
        for i in 1..<n {
            hs[i] = hs[i - 1] + Self.integral(source, interval: i - 1, from: 0, to: dx)
        }
        sourceEnthalpy = hs
        let count = max(nodes, 4)
        let step = hs[n - 1] / Double(count - 1)
        self.step = step
        inverseStep = 1 / step
        intervals = count - 1
        let g = PhysicalConstants.mevFm3ToKmMinus2
        var values = [SIMD4<Double>](repeating: .zero, count: count)
        var slopes = values
        var i = 0
        for j in 0..<count {
            let target = j == count - 1 ? hs[n - 1] : Double(j) * step
            while i < n - 2, hs[i + 1] <= target { i += 1 }
            let x =
                j == count - 1
                ? source.logPressureStart + Double(n - 1) * dx : Self.invert(source, interval: i, h0: hs[i], h1: hs[i + 1], target: target)
            let (i2, t) = source.locate(x)
            let p = Foundation.exp(x)
            let e = cubicHermite(
                y0: source.energyDensity[i2], y1: source.energyDensity[i2 + 1],
                d0: source.pressure[i2] / source.soundSpeedSquared[i2], d1: source.pressure[i2 + 1] / source.soundSpeedSquared[i2 + 1],
                h: dx, t: t)
            let c = cubicHermite(
                y0: source.soundSpeedSquared[i2], y1: source.soundSpeedSquared[i2 + 1],
                d0: source.soundSpeedSquaredSlope[i2], d1: source.soundSpeedSquaredSlope[i2 + 1], h: dx, t: t)
            let dc = cubicHermiteSlope(
                y0: source.soundSpeedSquared[i2], y1: source.soundSpeedSquared[i2 + 1],
                d0: source.soundSpeedSquaredSlope[i2], d1: source.soundSpeedSquaredSlope[i2 + 1], h: dx, t: t)
            let pg = p * g, eg = e * g
            let d = (eg + pg) / c
            values[j] = SIMD4(pg, eg, d, 0)
            slopes[j] = SIMD4(eg + pg, d, (d + eg + pg) / c - d / c * dc * (e + p) / p, 0)
        }
        var coefficients = [SIMD4<Double>]()
        coefficients.reserveCapacity(4 * intervals)
        for j in 0..<intervals {
            let y0 = values[j], y1 = values[j + 1]
            let m0 = step * slopes[j], m1 = step * slopes[j + 1]
            coefficients.append(y0)
            coefficients.append(m0)
            coefficients.append(3 * (y1 - y0) - 2 * m0 - m1)
            coefficients.append(2 * (y0 - y1) + m0 + m1)
        }
        self.coefficients = coefficients
    }

    /// (p, ε, D) in km⁻² at enthalpy h (clamped to the table).
    @inline(__always)
    func evaluate(_ h: Double) -> SIMD4<Double> {
        let u = h * inverseStep
        let i = min(max(Int(u), 0), intervals - 1)
        let t = u - Double(i)
        return coefficients.withUnsafeBufferPointer { c in
            let b = 4 * i
            return c[b] + t * (c[b + 1] + t * (c[b + 2] + t * c[b + 3]))
        }
    }

    /// h at ln p (p in MeV fm⁻³), from the source interpolant (exact up to the quadrature, ~1e-15).
    func enthalpy(logPressure x: Double) -> Double {
        let u = (x - sourceStart) / sourceStep
        let i = min(max(Int(u.rounded(.down)), 0), sourcePressure.count - 2)
        let offset = x - (sourceStart + Double(i) * sourceStep)
        return sourceEnthalpy[i]
            + Self.integral(
                sourceStart, sourceStep, sourcePressure, sourceEnergyDensity, sourceSoundSpeedSquared,
                interval: i, from: 0, to: offset)
    }

    static func integral(_ table: EOSTable, interval i: Int, from a: Double, to b: Double) -> Double {
        integral(
            table.logPressureStart, table.logPressureStep, table.pressure, table.energyDensity, table.soundSpeedSquared, interval: i,
            from: a, to: b)
    }

    /// ∫ p/(ε + p) d ln p over [x_i + a, x_i + b] of interval i of the source (4-point Gauss–Legendre).
    static func integral(
        _ start: Double, _ dx: Double, _ pressure: [Double], _ energyDensity: [Double], _ cs2: [Double],
        interval i: Int, from a: Double, to b: Double
    ) -> Double {
        let nodes: [Double] = [-0.861136311594052575, -0.339981043584856265, 0.339981043584856265, 0.861136311594052575]
        let weights: [Double] = [0.347854845137453857, 0.652145154862546143, 0.652145154862546143, 0.347854845137453857]
        let mid = 0.5 * (a + b), half = 0.5 * (b - a)
        var sum = 0.0
        for k in 0..<4 {
            let u = mid + half * nodes[k]
            let t = u / dx
            let e = cubicHermite(
                y0: energyDensity[i], y1: energyDensity[i + 1],
                d0: pressure[i] / cs2[i], d1: pressure[i + 1] / cs2[i + 1], h: dx, t: t)
            let p = Foundation.exp(start + Double(i) * dx + u)
            sum += weights[k] * p / (e + p)
        }
        return sum * half
    }

    /// p/(ε + p) at ln p = x_i + offset.
    @inline(__always)
    static func integrand(_ table: EOSTable, interval i: Int, offset: Double) -> Double {
        let dx = table.logPressureStep
        let t = offset / dx
        let e = cubicHermite(
            y0: table.energyDensity[i], y1: table.energyDensity[i + 1],
            d0: table.pressure[i] / table.soundSpeedSquared[i], d1: table.pressure[i + 1] / table.soundSpeedSquared[i + 1], h: dx, t: t)
        let p = Foundation.exp(table.logPressureStart + Double(i) * dx + offset)
        return p / (e + p)
    }

    /// ln p in interval i of the source where h = target (h0 ≤ target ≤ h1 at the interval ends), by Newton's method.
    static func invert(_ table: EOSTable, interval i: Int, h0: Double, h1: Double, target: Double) -> Double {
        let dx = table.logPressureStep
        let x0 = table.logPressureStart + Double(i) * dx
        // Start from the cubic Hermite inverse, x(h), with slopes dx/dh = (ε + p)/p.
        let g0 = integrand(table, interval: i, offset: 0), g1 = integrand(table, interval: i, offset: dx)
        let span = h1 - h0
        guard span > 0 else { return x0 }
        var offset = dx * cubicHermite(y0: 0, y1: 1, d0: 1 / (g0 * dx), d1: 1 / (g1 * dx), h: span, t: (target - h0) / span)
        offset = min(max(offset, 0), dx)
        for _ in 0..<8 {
            let f = h0 + integral(table, interval: i, from: 0, to: offset) - target
            let next = min(max(offset - f / integrand(table, interval: i, offset: offset), 0), dx)
            let change = abs(next - offset)
            offset = next
            if change < 1e-15 * max(1, abs(x0)) { break }
        }
        return x0 + offset
    }
}
