/// Brent's method for the minimum of a function on a bounded interval
/// (golden-section search accelerated by parabolic interpolation).
public enum BrentMinimize {
    /// The location and value of a minimum.
    public struct Minimum: Sendable, Equatable {
        public let x: Double
        public let value: Double
        public let evaluations: Int
    }

    /// Minimises f on [a, b].
    ///
    /// - Parameters:
    ///   - xTolerance: absolute tolerance on the location of the minimum.
    /// - Throws: `.invalidInput` for a bad interval or non-finite values, `.noConvergence`; rethrows errors of `f`.
    public static func minimize(
        in a0: Double, _ b0: Double,
        xTolerance: Double = 1e-8,
        maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Minimum {
        guard a0.isFinite, b0.isFinite, a0 < b0 else {
            throw NumericsError.invalidInput("Brent minimize: need a finite interval with a < b (got [\(a0), \(b0)])")
        }
        let x = a0 + golden * (b0 - a0)
        let fx = try f(x)
        guard fx.isFinite else { throw NumericsError.invalidInput("Brent minimize: f(\(x)) is not finite") }
        return try minimize(in: a0, b0, start: x, value: fx, xTolerance: xTolerance, maxIterations: maxIterations, evaluations: 1, f)
    }

    static let golden = 0.3819660112501051

    /// Minimises f on [a, b] starting from an interior point whose value is already known (for example the best
    /// point of a coarse scan), which saves the first evaluation and starts the parabolic steps from a good guess.
    ///
    /// - Parameters:
    ///   - start: a point strictly inside (a, b); `value` = f(start).
    /// - Throws: as `minimize(in:_:xTolerance:maxIterations:_:)`.
    public static func minimize(
        in a0: Double, _ b0: Double,
        start: Double, value: Double,
        xTolerance: Double = 1e-8,
        maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Minimum {
        guard a0.isFinite, b0.isFinite, a0 < b0, start > a0, start < b0, value.isFinite else {
            throw NumericsError.invalidInput(
                "Brent minimize: need a finite interval with a < start < b and a finite f(start) (got [\(a0), \(b0)], start \(start))")
        }
        return try minimize(in: a0, b0, start: start, value: value, xTolerance: xTolerance, maxIterations: maxIterations, evaluations: 0, f)
    }

    static func minimize(
        in a0: Double, _ b0: Double, start: Double, value: Double,
        xTolerance: Double, maxIterations: Int, evaluations initialEvaluations: Int,
        _ f: (Double) throws -> Double
    ) throws -> Minimum {
        var a = a0, b = b0
        var x = start
        var w = x, v = x
        var fx = value
        var fw = fx, fv = fx
        var d = 0.0, e = 0.0
        var evaluations = initialEvaluations
        for _ in 0..<maxIterations {
            let xm = 0.5 * (a + b)
            let tol1 = 1.4901161193847656e-8 * abs(x) + xTolerance / 3
            let tol2 = 2 * tol1
            if abs(x - xm) <= tol2 - 0.5 * (b - a) {
                return Minimum(x: x, value: fx, evaluations: evaluations)
            }
            var useGolden = true
            if abs(e) > tol1 {
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p } else { q = -q }
                r = e
                e = d
                if abs(p) < abs(0.5 * q * r), p > q * (a - x), p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = xm >= x ? tol1 : -tol1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = (x >= xm ? a : b) - x
                d = golden * e
            }
            let u = x + (abs(d) >= tol1 ? d : (d > 0 ? tol1 : -tol1))
            let fu = try f(u)
            evaluations += 1
            guard fu.isFinite else { throw NumericsError.invalidInput("Brent minimize: f(\(u)) is not finite") }
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                v = w; fv = fw
                w = x; fw = fx
                x = u; fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w; fv = fw
                    w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        throw NumericsError.noConvergence(method: "Brent minimize", iterations: maxIterations)
    }
}
