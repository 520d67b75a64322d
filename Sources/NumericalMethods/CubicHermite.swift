/// Cubic Hermite interpolation on one interval from end values and end slopes.
///
/// - Parameters:
///   - y0, y1: values at the left and right ends.
///   - d0, d1: slopes dy/dx at the ends.
///   - h: interval width x1 - x0.
///   - t: position in the interval as a fraction, (x - x0)/h, in [0, 1].
/// - Returns: the interpolated value; exact for cubics.
@inlinable
public func cubicHermite(y0: Double, y1: Double, d0: Double, d1: Double, h: Double, t: Double) -> Double {
    let t2 = t * t
    let t3 = t2 * t
    let h00 = 2 * t3 - 3 * t2 + 1
    let h10 = t3 - 2 * t2 + t
    let h01 = -2 * t3 + 3 * t2
    let h11 = t3 - t2
    return h00 * y0 + h10 * h * d0 + h01 * y1 + h11 * h * d1
}

/// Derivative dy/dx of the cubic Hermite interpolant of `cubicHermite(y0:y1:d0:d1:h:t:)`.
@inlinable
public func cubicHermiteSlope(y0: Double, y1: Double, d0: Double, d1: Double, h: Double, t: Double) -> Double {
    let t2 = t * t
    let dh00 = 6 * t2 - 6 * t
    let dh10 = 3 * t2 - 4 * t + 1
    let dh01 = -6 * t2 + 6 * t
    let dh11 = 3 * t2 - 2 * t
    return (dh00 * y0 + dh01 * y1) / h + dh10 * d0 + dh11 * d1
}

/// Index of the interval of a sorted array `xs` that holds `x` (clamped to the first/last interval).
@inlinable
public func intervalIndex(of x: Double, in xs: [Double]) -> Int {
    var lo = 0
    var hi = xs.count - 1
    if x <= xs[0] { return 0 }
    if x >= xs[hi] { return hi - 1 }
    while hi - lo > 1 {
        let mid = (lo + hi) >> 1
        if xs[mid] <= x { lo = mid } else { hi = mid }
    }
    return lo
}
