/// A SIMD matrix product whose result for each element does not depend on the number of rows.
///
/// `C[i, j] = alpha · Σ_p A[i, p] · B[p, j] + beta · C[i, j]`, with the sum accumulated in `Float` in ascending
/// `p` from 0 (one multiply, then one add per term; no fused multiply-add) and `alpha`, `beta` applied after.
/// Every element goes through exactly these operations whatever `m`, the row's place in the batch or the column
/// block it falls in (8-wide lanes and the scalar tail do the same arithmetic), so a row's result is bit-identical
/// in any batch. `B` is `k × n` row-major (row stride `ldb`); `A` is read through strides, so it may be transposed.
enum RowKernel {
    typealias Vector = SIMD8<Float>

    static func multiply(
        m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let width = Vector.scalarCount
        for i in 0..<m {
            let aRow = a + i &* aRowStride, cRow = c + i &* ldc
            var j = 0
            while j &+ 4 &* width <= n {
                var s0 = Vector(repeating: 0), s1 = s0, s2 = s0, s3 = s0
                var aElement = aRow, bRow = b + j
                for _ in 0..<k {
                    let x = Vector(repeating: aElement.pointee)
                    s0 = s0 + x * load(bRow)
                    s1 = s1 + x * load(bRow + width)
                    s2 = s2 + x * load(bRow + 2 &* width)
                    s3 = s3 + x * load(bRow + 3 &* width)
                    aElement += aColumnStride
                    bRow += ldb
                }
                finish(s0, alpha: alpha, beta: beta, c: cRow + j)
                finish(s1, alpha: alpha, beta: beta, c: cRow + (j &+ width))
                finish(s2, alpha: alpha, beta: beta, c: cRow + (j &+ 2 &* width))
                finish(s3, alpha: alpha, beta: beta, c: cRow + (j &+ 3 &* width))
                j &+= 4 &* width
            }
            while j &+ width <= n {
                var s = Vector(repeating: 0)
                var aElement = aRow, bRow = b + j
                for _ in 0..<k {
                    s = s + Vector(repeating: aElement.pointee) * load(bRow)
                    aElement += aColumnStride
                    bRow += ldb
                }
                finish(s, alpha: alpha, beta: beta, c: cRow + j)
                j &+= width
            }
            while j < n {
                var s: Float = 0
                var aElement = aRow, bElement = b + j
                for _ in 0..<k {
                    s = s + aElement.pointee * bElement.pointee
                    aElement += aColumnStride
                    bElement += ldb
                }
                cRow[j] = beta == 0 ? alpha * s : alpha * s + beta * cRow[j]
                j &+= 1
            }
        }
    }

    // Local copies of the load and store (rather than ``VectorKernels``'), so that they inline in builds without
    // whole-module optimisation too.
    @inline(__always)
    private static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    /// c = alpha·s + beta·c lane-wise (c is not read when beta is 0, so it may hold anything).
    @inline(__always)
    private static func finish(_ s: Vector, alpha: Float, beta: Float, c: UnsafeMutablePointer<Float>) {
        let scaled = alpha * s
        let result = beta == 0 ? scaled : scaled + beta * load(c)
        UnsafeMutableRawPointer(c).storeBytes(of: result, as: Vector.self)
    }
}
