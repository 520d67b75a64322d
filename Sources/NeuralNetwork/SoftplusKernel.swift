import Foundation

/// The sound-speed part of the reconstruction loss, eight columns at a time.
///
/// For raw outputs a: ln c_s² = −softplus(a) = −(max(a, 0) + ln(1 + e)), and its derivative −σ(a),
/// both from one e = exp(−|a|). exp and ln(1 + ·) are evaluated with polynomials in vector registers
/// (libm has no vector entry points Swift can call); relative error ≲ 3e-7, a few Float ulps.
enum SoftplusKernel {
    typealias Vector = VectorKernels.Vector

    /// exp(x) for x ≤ 0: x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by its Taylor polynomial to r⁷, times 2^k.
    /// Arguments below −87 return exp(−87) ≈ 1.6e-38 (the smallest normal Float is 1.2e-38).
    @inline(__always)
    static func expNonPositive(_ x: Vector) -> Vector {
        let clamped = pointwiseMaxNonGeneric(x, Vector(repeating: -87))
        let roundingShift: Float = 12_582_912  // 1.5·2²³: adding it rounds to an integer kept in the low mantissa bits
        let shifted = clamped * 1.442_695_04 + roundingShift
        let k = shifted - roundingShift
        let r = clamped - k * 0.693_145_75 - k * 1.428_606_8e-6  // ln 2 split into a short head and a tail
        var p = Vector(repeating: 1.0 / 5040)
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let exponent = (shifted.bitPattern(as: UInt32.self) &- 0x4B40_0000 &+ 127) &<< 23
        return p * Vector(bitPattern: exponent)
    }

    /// ln(1 + e) for 0 ≤ e ≤ 1: with u = e/(2 + e) ≤ 1/3, ln(1 + e) = 2·atanh(u) = 2u(1 + u²/3 + u⁴/5 + … + u¹²/13).
    @inline(__always)
    static func log1pUnit(_ e: Vector) -> Vector {
        let u = e / (2 + e)
        let u2 = u * u
        var p = Vector(repeating: 1.0 / 13)
        p = p * u2 + 1.0 / 11
        p = p * u2 + 1.0 / 9
        p = p * u2 + 1.0 / 7
        p = p * u2 + 1.0 / 5
        p = p * u2 + 1.0 / 3
        p = p * u2 + 1
        return 2 * u * p
    }

    @inline(__always)
    static func pointwiseMaxNonGeneric(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: b, where: a .< b)
    }

    /// For columns [0, count) of one row: writes ∂loss/∂a into `delta` (already multiplied by `scale`)
    /// and returns Σ (scaled reconstruction − target)² over those columns.
    static func rowLoss(
        raw: UnsafePointer<Float>, target: UnsafePointer<Float>, means: UnsafePointer<Float>,
        inverseDeviations: UnsafePointer<Float>, scale: Float, count: Int,
        delta: UnsafeMutablePointer<Float>
    ) -> Float {
        var sums = Vector(repeating: 0)
        var column = 0
        let zero = Vector(repeating: 0)
        while column + Vector.scalarCount <= count {
            let a = VectorKernels.load(raw + column)
            let magnitude = a.replacing(with: -a, where: a .< zero)
            let e = expNonPositive(-magnitude)
            let logValue = -(pointwiseMaxNonGeneric(a, zero) + log1pUnit(e))
            let onePlusE = 1 + e
            let sigmoid = (1 / onePlusE).replacing(with: e / onePlusE, where: a .< zero)
            let inverseDeviation = VectorKernels.load(inverseDeviations + column)
            let difference =
                (logValue - VectorKernels.load(means + column)) * inverseDeviation
                - VectorKernels.load(target + column)
            sums += difference * difference
            VectorKernels.store(-scale * difference * inverseDeviation * sigmoid, delta + column)
            column += Vector.scalarCount
        }
        var sum = sums.sum()
        while column < count {
            let a = raw[column]
            let e = exp(-abs(a))
            let logValue = -(max(a, 0) + log1p(e))
            let sigmoid = a >= 0 ? 1 / (1 + e) : e / (1 + e)
            let difference = (logValue - means[column]) * inverseDeviations[column] - target[column]
            sum += difference * difference
            delta[column] = -scale * difference * inverseDeviations[column] * sigmoid
            column += 1
        }
        return sum
    }
}
