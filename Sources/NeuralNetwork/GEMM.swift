/// Single-precision matrix multiplication `C = alpha · op(A) · op(B) + beta · C` on row-major storage.
///
/// `op(X)` is `X` or its transpose. `A` is `m × k` after `op`, `B` is `k × n` after `op`, `C` is `m × n`.
/// Leading dimensions are the row strides of the stored (untransposed) arrays. Everything runs on the calling
/// thread, so each caller (one training run, one request) uses exactly one core.
/// ``multiply`` uses OpenBLAS's `cblas_sgemm` when `libopenblas.so.0` can be loaded at run time (faster training),
/// else ``multiplyBatchInvariant``; ``referenceMultiply`` is a plain triple loop used to check both.
public enum GEMM {
    /// Fast multiplication: OpenBLAS (single-threaded) when loaded, else the SIMD kernel.
    ///
    /// OpenBLAS blocks differently for different `m`, so a row's result may change in the last bits with the
    /// number of rows; inference uses ``multiplyBatchInvariant`` instead.
    public static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard case .success(let blas) = OpenBLASLibrary.shared else {
            multiplyBatchInvariant(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        blas.sgemm(
            OpenBLASLibrary.rowMajor,
            transposeA ? OpenBLASLibrary.transpose : OpenBLASLibrary.noTranspose,
            transposeB ? OpenBLASLibrary.transpose : OpenBLASLibrary.noTranspose,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// SIMD multiplication in which each element of `C` is computed by the same operations whatever `m`:
    /// `alpha · (Σ_p op(A)[i, p] · op(B)[p, j], accumulated in ascending p) + beta · C[i, j]`, so a row's result is
    /// bit-identical in a batch of any size. With `transposeB`, `B` is first copied transposed (k·n floats).
    public static func multiplyBatchInvariant(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        let (aRowStride, aColumnStride) = transposeA ? (1, lda) : (lda, 1)
        guard transposeB else {
            RowKernel.multiply(
                m: m, n: n, k: k, alpha: alpha, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let packed = UnsafeMutablePointer<Float>.allocate(capacity: max(k * n, 1))
        defer { packed.deallocate() }
        for j in 0..<n {
            for p in 0..<k { packed[p * n + j] = b[j * ldb + p] }
        }
        RowKernel.multiply(
            m: m, n: n, k: k, alpha: alpha, a: a, aRowStride: aRowStride, aColumnStride: aColumnStride,
            b: packed, ldb: n, beta: beta, c: c, ldc: ldc)
    }

    /// Reference multiplication: a straightforward triple loop accumulating in `Double`.
    public static func referenceMultiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let aValue = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bValue = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += Double(aValue) * Double(bValue)
                }
                let previous = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
                c[i * ldc + j] = Float(Double(alpha) * sum + previous)
            }
        }
    }

    /// Fast multiplication of whole matrices: `op(a) · op(b)`.
    public static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        let (m, k) = transposeA ? (a.columnCount, a.rowCount) : (a.rowCount, a.columnCount)
        let n = transposeB ? b.rowCount : b.columnCount
        precondition(k == (transposeB ? b.columnCount : b.rowCount), "inner dimensions differ")
        var result = Matrix(rowCount: m, columnCount: n)
        guard m > 0, n > 0, k > 0 else { return result }
        result.values.withUnsafeMutableBufferPointer { c in
            a.values.withUnsafeBufferPointer { aBuffer in
                b.values.withUnsafeBufferPointer { bBuffer in
                    multiply(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: 1, a: aBuffer.baseAddress!, lda: a.columnCount,
                        b: bBuffer.baseAddress!, ldb: b.columnCount,
                        beta: 0, c: c.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }

    /// The kernels ``multiply`` uses: e.g. `OpenBLAS 0.3.21, core Haswell`, or
    /// `SIMD (no OpenBLAS: libopenblas.so.0: cannot open shared object file: …)`.
    ///
    /// OpenBLAS 0.3.21 falls back to the slow `Prescott` (SSE3) kernels on CPUs newer than it knows;
    /// setting the environment variable `OPENBLAS_CORETYPE` (e.g. `Haswell` or `SkylakeX`) before the
    /// process starts selects the right kernels and roughly doubles training throughput.
    /// `EOS_BLAS=simd` keeps OpenBLAS unloaded.
    public static var backendDescription: String {
        switch OpenBLASLibrary.shared {
        case .success(let blas): blas.description
        case .failure(let failure): "SIMD (no OpenBLAS: \(failure))"
        }
    }
}
