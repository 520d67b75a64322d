import Foundation
import NumericalMethods
import Locking

/// One point of an equation of state: baryon density n_B [fm⁻³], energy density ε (with rest mass)
/// and pressure p [MeV fm⁻³], squared sound speed c_s² = dp/dε.
public struct EOSPoint: Sendable, Equatable, Codable {
    public var baryonDensity: Double
    public var energyDensity: Double
    public var pressure: Double
    public var soundSpeedSquared: Double

    public init(baryonDensity: Double, energyDensity: Double, pressure: Double, soundSpeedSquared: Double) {
        self.baryonDensity = baryonDensity
        self.energyDensity = energyDensity
        self.pressure = pressure
        self.soundSpeedSquared = soundSpeedSquared
    }
}

/// A barotropic EOS tabulated on a uniform grid in ln p, interpolated by cubic Hermite polynomials
/// whose slopes come from the thermodynamics itself: dε/d ln p = p / c_s² and
/// d ln n/d ln p = p / ((ε + p) c_s²). With exact node values the interpolation error is O(h⁴).
///
/// The table knows its valid pressure range and throws outside it.
public struct EOSTable: Sendable {
    /// ln p of the first node (p in MeV fm⁻³).
    public let logPressureStart: Double
    /// Node spacing in ln p.
    public let logPressureStep: Double
    /// Pressure at the nodes [MeV fm⁻³].
    public let pressure: [Double]
    /// Energy density at the nodes [MeV fm⁻³].
    public let energyDensity: [Double]
    /// ln n_B at the nodes (n_B in fm⁻³).
    public let logBaryonDensity: [Double]
    /// c_s² at the nodes.
    public let soundSpeedSquared: [Double]
    /// d c_s² / d ln p at the nodes.
    let soundSpeedSquaredSlope: [Double]
    /// The interpolant as polynomials in the fractional position t of each interval: four vectors per interval,
    /// the coefficients of 1, t, t², t³ with lanes (ε, c_s²). Precomputed for the TOV hot path.
    let polynomials: [SIMD2<Double>]
    /// 1 / logPressureStep.
    let inverseStep: Double
    /// The table resampled uniformly in the pseudo-enthalpy, built on first use (the TOV solver integrates the
    /// crust in h) and shared by copies of this table.
    let enthalpyCache = EnthalpyCache()

    /// Builds a table from node values on the grid ln p_i = logPressureStart + i · logPressureStep.
    ///
    /// - Parameter soundSpeedSquaredSlope: d c_s²/d ln p at the nodes; when nil, second-order finite differences.
    /// - Throws: `PhysicsError.invalidParameter` for fewer than 4 nodes, mismatched arrays, non-finite or
    ///   non-positive values, or c_s² ≤ 0.
    public init(
        logPressureStart: Double, logPressureStep: Double, energyDensity: [Double],
        baryonDensity: [Double], soundSpeedSquared: [Double], soundSpeedSquaredSlope: [Double]? = nil
    ) throws {
        let count = energyDensity.count
        guard count >= 4, baryonDensity.count == count, soundSpeedSquared.count == count,
            soundSpeedSquaredSlope.map({ $0.count == count }) ?? true
        else {
            throw PhysicsError.invalidParameter(
                name: "EOS table size", value: Double(count), reason: "need at least 4 nodes and equal-length columns")
        }
        guard logPressureStart.isFinite, logPressureStep.isFinite, logPressureStep > 0 else {
            throw PhysicsError.invalidParameter(
                name: "EOS table grid", value: logPressureStep, reason: "needs a finite start and a positive step")
        }
        for i in 0..<count {
            guard energyDensity[i].isFinite, energyDensity[i] > 0, baryonDensity[i].isFinite, baryonDensity[i] > 0 else {
                throw PhysicsError.invalidParameter(
                    name: "EOS table node \(i)", value: energyDensity[i], reason: "energy and baryon densities must be positive and finite")
            }
            guard soundSpeedSquared[i].isFinite, soundSpeedSquared[i] > 0 else {
                throw PhysicsError.invalidParameter(
                    name: "c_s^2 at EOS table node \(i)", value: soundSpeedSquared[i], reason: "must be positive and finite")
            }
        }
        self.logPressureStart = logPressureStart
        self.logPressureStep = logPressureStep
        self.inverseStep = 1 / logPressureStep
        self.pressure = (0..<count).map { Foundation.exp(logPressureStart + Double($0) * logPressureStep) }
        self.energyDensity = energyDensity
        self.logBaryonDensity = baryonDensity.map { Foundation.log($0) }
        self.soundSpeedSquared = soundSpeedSquared
        if let slopes = soundSpeedSquaredSlope {
            self.soundSpeedSquaredSlope = slopes
        } else {
            var d = [Double](repeating: 0, count: count)
            let h = logPressureStep
            for i in 1..<(count - 1) { d[i] = (soundSpeedSquared[i + 1] - soundSpeedSquared[i - 1]) / (2 * h) }
            d[0] = (-3 * soundSpeedSquared[0] + 4 * soundSpeedSquared[1] - soundSpeedSquared[2]) / (2 * h)
            d[count - 1] = (3 * soundSpeedSquared[count - 1] - 4 * soundSpeedSquared[count - 2] + soundSpeedSquared[count - 3]) / (2 * h)
            self.soundSpeedSquaredSlope = d
        }
        var polynomials = [SIMD2<Double>]()
        polynomials.reserveCapacity(4 * (count - 1))
        for i in 0..<(count - 1) {
            let y0 = SIMD2(energyDensity[i], soundSpeedSquared[i]), y1 = SIMD2(energyDensity[i + 1], soundSpeedSquared[i + 1])
            let m0 = logPressureStep * SIMD2(pressure[i] / soundSpeedSquared[i], self.soundSpeedSquaredSlope[i])
            let m1 = logPressureStep * SIMD2(pressure[i + 1] / soundSpeedSquared[i + 1], self.soundSpeedSquaredSlope[i + 1])
            polynomials.append(y0)
            polynomials.append(m0)
            polynomials.append(3 * (y1 - y0) - 2 * m0 - m1)
            polynomials.append(2 * (y0 - y1) + m0 + m1)
        }
        self.polynomials = polynomials
    }

    /// Number of nodes.
    public var count: Int { pressure.count }

    /// The table resampled on a uniform grid in h (built once, on first use).
    var enthalpyTable: EnthalpyTable { enthalpyCache.table(for: self) }
    /// ln p of the last node.
    public var logPressureEnd: Double { logPressureStart + Double(count - 1) * logPressureStep }
    /// The tabulated pressure range [MeV fm⁻³].
    public var pressureRange: ClosedRange<Double> { pressure[0]...pressure[count - 1] }

    /// Interval index and fractional position of ln p (clamped to the table).
    @inline(__always)
    func locate(_ logPressure: Double) -> (Int, Double) {
        let u = (logPressure - logPressureStart) * inverseStep
        // Clamp before converting (truncation equals floor for u ≥ 0).
        let i = Int(min(max(u, 0), Double(count - 2)))
        return (i, u - Double(i))
    }

    /// ε and c_s² at ln p without range checks (the hot path of the TOV solver; callers stay in range).
    @inline(__always)
    func energyDensityAndSoundSpeed(logPressure: Double) -> (Double, Double) {
        let v = interpolate(logPressure: logPressure)
        return (v[0], v[1])
    }

    /// (ε, c_s²) at ln p from the precomputed polynomials (no range checks; clamped to the table).
    @inline(__always)
    func interpolate(logPressure: Double) -> SIMD2<Double> {
        let (i, t) = locate(logPressure)
        return polynomials.withUnsafeBufferPointer { c in
            let b = 4 * i
            return c[b] + t * (c[b + 1] + t * (c[b + 2] + t * c[b + 3]))
        }
    }

    /// n_B at ln p without range checks.
    func baryonDensity(logPressure: Double) -> Double {
        let (i, t) = locate(logPressure)
        let d0 = pressure[i] / ((energyDensity[i] + pressure[i]) * soundSpeedSquared[i])
        let d1 = pressure[i + 1] / ((energyDensity[i + 1] + pressure[i + 1]) * soundSpeedSquared[i + 1])
        return Foundation.exp(cubicHermite(y0: logBaryonDensity[i], y1: logBaryonDensity[i + 1], d0: d0, d1: d1, h: logPressureStep, t: t))
    }

    /// The EOS point at pressure `p` [MeV fm⁻³].
    /// - Throws: `PhysicsError.outsideValidity` outside the tabulated range (a relative slack of 1e-12 is allowed).
    public func point(pressure p: Double) throws -> EOSPoint {
        let range = pressureRange
        guard p.isFinite, p >= range.lowerBound * (1 - 1e-12), p <= range.upperBound * (1 + 1e-12) else {
            throw PhysicsError.outsideValidity(quantity: "pressure [MeV fm^-3]", value: p, range: range)
        }
        let lp = Foundation.log(p)
        let (e, c) = energyDensityAndSoundSpeed(logPressure: lp)
        return EOSPoint(baryonDensity: baryonDensity(logPressure: lp), energyDensity: e, pressure: p, soundSpeedSquared: c)
    }
}

/// Holds the lazily built `EnthalpyTable` of an `EOSTable`.
final class EnthalpyCache: Sendable {
    private let storage = Locked<EnthalpyTable?>(nil)

    func table(for source: EOSTable) -> EnthalpyTable {
        storage.withLock { cached in
            if let table = cached { return table }
            let table = EnthalpyTable(source: source, nodes: EnthalpyTable.nodesPerSourceNode * source.count)
            cached = table
            return table
        }
    }
}

extension EOSTable {
    /// The baryon densities of the first and last nodes [fm⁻³].
    public var baryonDensityRange: ClosedRange<Double> {
        Foundation.exp(logBaryonDensity[0])...Foundation.exp(logBaryonDensity[count - 1])
    }

    /// The EOS point at baryon density exp(`logBaryonDensity`) [fm⁻³]: the inverse of the table's own ln n(ln p)
    /// interpolant (so p, ε and c_s² are exactly those the TOV solver sees at that pressure). Clamped to the table;
    /// callers check the range.
    ///
    /// ln n(ln p) is a cubic Hermite with the thermodynamic slopes p/((ε + p) c_s²) > 0 on each interval, monotone when
    /// the slopes are within the Fritsch–Carlson bounds of the interval's secant (for smooth tables both ratios are
    /// ≈ 1, far inside): then p(n) and ε(n) are monotone and dε/dn = (ε + p)/n holds to the interpolation's O(h³).
    func point(logBaryonDensity x: Double) -> EOSPoint {
        let nodes = logBaryonDensity
        // The interval of ln n (the nodes increase).
        var lo = 0, hi = count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if nodes[mid] <= x { lo = mid } else { hi = mid }
        }
        let i = lo, h = logPressureStep
        let d0 = pressure[i] / ((energyDensity[i] + pressure[i]) * soundSpeedSquared[i])
        let d1 = pressure[i + 1] / ((energyDensity[i + 1] + pressure[i + 1]) * soundSpeedSquared[i + 1])
        // Newton in the fractional position t, kept inside a shrinking bracket (bisection when a step leaves it).
        var a = 0.0, b = 1.0
        let secant = nodes[i + 1] - nodes[i]
        var t = secant > 0 ? min(max((x - nodes[i]) / secant, 0), 1) : 0.5
        for _ in 0..<100 {
            let value = cubicHermite(y0: nodes[i], y1: nodes[i + 1], d0: d0, d1: d1, h: h, t: t) - x
            if value == 0 { break }
            if value < 0 { a = t } else { b = t }
            let slope = cubicHermiteSlope(y0: nodes[i], y1: nodes[i + 1], d0: d0, d1: d1, h: h, t: t) * h
            var next = t - value / slope
            if !(next > a && next < b) { next = 0.5 * (a + b) }
            if abs(next - t) <= 1e-15 || b - a <= 1e-15 { t = next; break }
            t = next
        }
        let logPressure = logPressureStart + (Double(i) + t) * h
        let (e, c) = energyDensityAndSoundSpeed(logPressure: logPressure)
        return EOSPoint(baryonDensity: Foundation.exp(x), energyDensity: e, pressure: Foundation.exp(logPressure), soundSpeedSquared: c)
    }
}
