import COpenBLAS

/// Single-precision matrix multiplication `C = alpha · op(A) · op(B) + beta · C` on row-major storage.
///
/// `op(X)` is `X` or its transpose. `A` is `m × k` after `op`, `B` is `k × n` after `op`, `C` is `m × n`.
/// Leading dimensions are the row strides of the stored (untransposed) arrays.
/// The fast path calls OpenBLAS's `cblas_sgemm` restricted to one thread, so each caller
/// (one training run, one request) uses exactly one core; ``referenceMultiply`` is a plain
/// triple loop used to check it.
public enum GEMM {
    /// Fast multiplication through OpenBLAS (single-threaded).
    public static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        _ = singleThreaded
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
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
                    multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                             alpha: 1, a: aBuffer.baseAddress!, lda: a.columnCount,
                             b: bBuffer.baseAddress!, ldb: b.columnCount,
                             beta: 0, c: c.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }

    /// Restricts OpenBLAS to the calling thread and stops its idle worker threads, once per process
    /// (a thread-safe lazy global).
    private static let singleThreaded: Void = {
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
    }()

    /// The BLAS in use and the CPU kernel set it selected, e.g. `OpenBLAS 0.3.21 … core Haswell`.
    ///
    /// OpenBLAS 0.3.21 falls back to the slow `Prescott` (SSE3) kernels on CPUs newer than it knows;
    /// setting the environment variable `OPENBLAS_CORETYPE` (e.g. `Haswell` or `SkylakeX`) before the
    /// process starts selects the right kernels and roughly doubles training throughput.
    public static var backendDescription: String {
        _ = singleThreaded
        let configuration = String(cString: openblas_get_config())
        let core = String(cString: openblas_get_corename())
        return "\(configuration.split(separator: " ").prefix(2).joined(separator: " ")), core \(core)"
    }
}
