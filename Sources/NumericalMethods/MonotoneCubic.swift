/// Monotone piecewise cubic Hermite interpolation (PCHIP, Fritsch & Carlson 1980 with the
/// Fritsch & Butland weighted harmonic mean at interior knots and a shape-preserving
/// three-point formula at the ends).
///
/// The interpolant never overshoots the data: between two knots it stays within their values,
/// so a PCHIP of values in (0, 1) stays in (0, 1).
public enum MonotoneCubic {
    /// Builds the monotone interpolant of (x, y).
    public static func interpolant(x: [Double], y: [Double]) throws -> PiecewiseCubic {
        try PiecewiseCubic.validate(x: x, y: y)
        let n = x.count
        if n == 2 {
            let s = (y[1] - y[0]) / (x[1] - x[0])
            return try PiecewiseCubic(x: x, y: y, slopes: [s, s])
        }
        var h = [Double](repeating: 0, count: n - 1)
        var delta = [Double](repeating: 0, count: n - 1)
        for i in 0..<(n - 1) {
            h[i] = x[i + 1] - x[i]
            delta[i] = (y[i + 1] - y[i]) / h[i]
        }
        var d = [Double](repeating: 0, count: n)
        for k in 1..<(n - 1) {
            let a = delta[k - 1], b = delta[k]
            if a * b > 0 {
                let w1 = 2 * h[k] + h[k - 1]
                let w2 = h[k] + 2 * h[k - 1]
                d[k] = (w1 + w2) / (w1 / a + w2 / b)
            }
        }
        d[0] = endSlope(h0: h[0], h1: h[1], delta0: delta[0], delta1: delta[1])
        d[n - 1] = endSlope(h0: h[n - 2], h1: h[n - 3], delta0: delta[n - 2], delta1: delta[n - 3])
        return try PiecewiseCubic(x: x, y: y, slopes: d)
    }

    /// Shape-preserving three-point end slope.
    static func endSlope(h0: Double, h1: Double, delta0: Double, delta1: Double) -> Double {
        var d = ((2 * h0 + h1) * delta0 - h0 * delta1) / (h0 + h1)
        if d * delta0 <= 0 {
            d = 0
        } else if delta0 * delta1 <= 0, abs(d) > abs(3 * delta0) {
            d = 3 * delta0
        }
        return d
    }
}
