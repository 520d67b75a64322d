/// A piecewise cubic Hermite interpolant: knots, values and slopes at the knots.
///
/// The spline types (`CubicSpline`, `MonotoneCubic`) differ only in how they choose the slopes;
/// evaluation is shared here. Outside the knot range the end cubic is extrapolated.
public struct PiecewiseCubic: Sendable {
    /// Knots, strictly increasing.
    public let x: [Double]
    /// Values at the knots.
    public let y: [Double]
    /// Slopes dy/dx at the knots.
    public let slopes: [Double]

    /// Builds the interpolant; throws unless the knots are finite and strictly increasing and the arrays match.
    public init(x: [Double], y: [Double], slopes: [Double]) throws {
        try PiecewiseCubic.validate(x: x, y: y)
        guard slopes.count == x.count, slopes.allSatisfy(\.isFinite) else {
            throw NumericsError.invalidInput("slopes must be finite, one per knot")
        }
        self.x = x
        self.y = y
        self.slopes = slopes
    }

    /// Checks knots and values shared by every spline: at least two points, finite, strictly increasing x.
    static func validate(x: [Double], y: [Double]) throws {
        guard x.count >= 2, x.count == y.count else {
            throw NumericsError.invalidInput("need at least 2 points and as many values as knots (got \(x.count) knots, \(y.count) values)")
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw NumericsError.invalidInput("knots and values must be finite")
        }
        for i in 1..<x.count where !(x[i] > x[i - 1]) {
            throw NumericsError.invalidInput("knots must be strictly increasing (x[\(i - 1)] = \(x[i - 1]), x[\(i)] = \(x[i]))")
        }
    }

    /// The interpolated value at `t`.
    public func value(at t: Double) -> Double {
        let i = intervalIndex(of: t, in: x)
        let h = x[i + 1] - x[i]
        return cubicHermite(y0: y[i], y1: y[i + 1], d0: slopes[i], d1: slopes[i + 1], h: h, t: (t - x[i]) / h)
    }

    /// The derivative of the interpolant at `t`.
    public func derivative(at t: Double) -> Double {
        let i = intervalIndex(of: t, in: x)
        let h = x[i + 1] - x[i]
        return cubicHermiteSlope(y0: y[i], y1: y[i + 1], d0: slopes[i], d1: slopes[i + 1], h: h, t: (t - x[i]) / h)
    }
}
