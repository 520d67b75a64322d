/// Brent's method for a root of a continuous function on a bracketing interval
/// (inverse quadratic interpolation and secant steps, safeguarded by bisection).
public enum BrentRoot {
    /// Finds x in [a, b] with f(x) = 0.
    ///
    /// - Parameters:
    ///   - a, b: the bracket; f(a) and f(b) must have opposite signs (or one of them be zero).
    ///   - xTolerance: absolute tolerance on x (the result is within it of a sign change).
    ///   - maxIterations: iteration budget.
    /// - Throws: `NumericsError.rootNotBracketed`, `.invalidInput` for non-finite values,
    ///   `.noConvergence`; rethrows errors of `f`.
    public static func solve(
        in a: Double, _ b: Double,
        xTolerance: Double = 1e-12,
        maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        try solve(in: a, b, fa: f(a), fb: f(b), xTolerance: xTolerance, maxIterations: maxIterations, f)
    }

    /// As `solve(in:_:xTolerance:maxIterations:_:)`, with f(a) and f(b) already known.
    public static func solve(
        in a0: Double, _ b0: Double, fa fa0: Double, fb fb0: Double,
        xTolerance: Double = 1e-12,
        maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        var a = a0, b = b0, fa = fa0, fb = fb0
        guard a.isFinite, b.isFinite, fa.isFinite, fb.isFinite else {
            throw NumericsError.invalidInput("Brent root: non-finite bracket or function value (f(\(a)) = \(fa), f(\(b)) = \(fb))")
        }
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else {
            throw NumericsError.rootNotBracketed(a: a, b: b, fa: fa, fb: fb)
        }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<maxIterations {
            if (fb < 0) == (fc < 0) {
                c = a; fc = fa; d = b - a; e = d
            }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + 0.5 * xTolerance
            let m = 0.5 * (c - b)
            if abs(m) <= tol || fb == 0 { return b }
            if abs(e) >= tol, abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) {
                    e = d; d = p / q
                } else {
                    d = m; e = m
                }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = try f(b)
            guard fb.isFinite else {
                throw NumericsError.invalidInput("Brent root: f(\(b)) is not finite")
            }
        }
        throw NumericsError.noConvergence(method: "Brent root", iterations: maxIterations)
    }
}
