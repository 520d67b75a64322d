/// Interpolating cubic splines (twice continuously differentiable).
public enum CubicSpline {
    /// End conditions of the spline.
    public enum Boundary: Sendable {
        /// Zero second derivative at both ends.
        case natural
        /// Third derivative continuous across the second and the second-to-last knots.
        case notAKnot
    }

    /// Builds the cubic spline of (x, y) with the given end conditions.
    /// Not-a-knot needs at least 4 points; with fewer it falls back to the natural spline
    /// for 3 points and the straight line for 2.
    public static func interpolant(x: [Double], y: [Double], boundary: Boundary = .notAKnot) throws -> PiecewiseCubic {
        try PiecewiseCubic.validate(x: x, y: y)
        let n = x.count
        if n == 2 {
            let s = (y[1] - y[0]) / (x[1] - x[0])
            return try PiecewiseCubic(x: x, y: y, slopes: [s, s])
        }
        let useNotAKnot = boundary == .notAKnot && n >= 4
        // Unknowns: slopes d[0..n-1]; tridiagonal system (sub, diag, sup) * d = rhs.
        var sub = [Double](repeating: 0, count: n)
        var diag = [Double](repeating: 0, count: n)
        var sup = [Double](repeating: 0, count: n)
        var rhs = [Double](repeating: 0, count: n)
        var h = [Double](repeating: 0, count: n - 1)
        var delta = [Double](repeating: 0, count: n - 1)
        for i in 0..<(n - 1) {
            h[i] = x[i + 1] - x[i]
            delta[i] = (y[i + 1] - y[i]) / h[i]
        }
        for i in 1..<(n - 1) {
            sub[i] = h[i]
            diag[i] = 2 * (h[i - 1] + h[i])
            sup[i] = h[i - 1]
            rhs[i] = 3 * (h[i] * delta[i - 1] + h[i - 1] * delta[i])
        }
        if useNotAKnot {
            // Eliminated forms of the not-a-knot conditions, kept tridiagonal.
            diag[0] = h[1]
            sup[0] = h[0] + h[1]
            rhs[0] = ((h[0] + 2 * (h[0] + h[1])) * h[1] * delta[0] + h[0] * h[0] * delta[1]) / (h[0] + h[1])
            let a = h[n - 2], b = h[n - 3]
            diag[n - 1] = b
            sub[n - 1] = a + b
            rhs[n - 1] = (a * a * delta[n - 3] + (2 * (a + b) + a) * b * delta[n - 2]) / (a + b)
        } else {
            diag[0] = 2
            sup[0] = 1
            rhs[0] = 3 * delta[0]
            sub[n - 1] = 1
            diag[n - 1] = 2
            rhs[n - 1] = 3 * delta[n - 2]
        }
        let d = try solveTridiagonal(sub: sub, diag: diag, sup: sup, rhs: rhs)
        return try PiecewiseCubic(x: x, y: y, slopes: d)
    }

    /// Thomas algorithm for a tridiagonal system; `sub[0]` and `sup[n-1]` are ignored.
    static func solveTridiagonal(sub: [Double], diag: [Double], sup: [Double], rhs: [Double]) throws -> [Double] {
        let n = diag.count
        var c = [Double](repeating: 0, count: n)
        var d = [Double](repeating: 0, count: n)
        guard diag[0] != 0 else { throw NumericsError.invalidInput("singular spline system") }
        c[0] = sup[0] / diag[0]
        d[0] = rhs[0] / diag[0]
        for i in 1..<n {
            let m = diag[i] - sub[i] * c[i - 1]
            guard m != 0 else { throw NumericsError.invalidInput("singular spline system") }
            c[i] = i < n - 1 ? sup[i] / m : 0
            d[i] = (rhs[i] - sub[i] * d[i - 1]) / m
        }
        var out = d
        for i in stride(from: n - 2, through: 0, by: -1) {
            out[i] = d[i] - c[i] * out[i + 1]
        }
        return out
    }
}
