#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS loaded at run time with `dlopen`, so that building and serving need no BLAS installed.
///
/// Only `cblas_sgemm` is used (training's matrix products); each process loads the library at most once,
/// restricted to the calling thread. Loading is skipped when the environment variable `EOS_BLAS` is `simd`.
final class OpenBLASLibrary: @unchecked Sendable {  // immutable after init
    /// `cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)` (LP64: 32-bit ints).
    typealias SGEMM =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
            UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void
    /// CBLAS enumeration values.
    static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112

    /// The shared object's name (Debian: packages libopenblas0-pthread or libopenblas0-openmp).
    static let soname = "libopenblas.so.0"

    let sgemm: SGEMM
    /// Version and the CPU kernel set OpenBLAS selected, e.g. `OpenBLAS 0.3.21, core Haswell`.
    let description: String

    /// The loaded library, or why there is none.
    static let shared: Result<OpenBLASLibrary, LoadFailure> = load()

    /// Why OpenBLAS is not in use.
    struct LoadFailure: Error, CustomStringConvertible {
        let description: String
    }

    private init(sgemm: SGEMM, description: String) {
        self.sgemm = sgemm
        self.description = description
    }

    private static func load() -> Result<OpenBLASLibrary, LoadFailure> {
        if getenv("EOS_BLAS").map({ String(cString: $0) }) == "simd" {
            return .failure(LoadFailure(description: "EOS_BLAS=simd"))
        }
        guard let handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            return .failure(LoadFailure(description: dlerror().map { String(cString: $0) } ?? "\(soname) not found"))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        typealias SetThreads = @convention(c) (Int32) -> Void
        typealias Shutdown = @convention(c) () -> Int32
        typealias CString = @convention(c) () -> UnsafePointer<CChar>?
        guard let sgemm = symbol("cblas_sgemm", as: SGEMM.self) else {
            return .failure(LoadFailure(description: "\(soname) has no cblas_sgemm"))
        }
        // One thread per caller (one training run, one request); stop the worker threads started at load,
        // which would otherwise only spin. `blas_thread_shutdown_` is exported but not declared in cblas.h.
        symbol("openblas_set_num_threads", as: SetThreads.self)?(1)
        _ = symbol("blas_thread_shutdown_", as: Shutdown.self)?()
        let configuration = symbol("openblas_get_config", as: CString.self)?().map { String(cString: $0) } ?? "OpenBLAS"
        let core = symbol("openblas_get_corename", as: CString.self)?().map { String(cString: $0) } ?? "unknown"
        let version = configuration.split(separator: " ").prefix(2).joined(separator: " ")
        return .success(OpenBLASLibrary(sgemm: sgemm, description: "\(version), core \(core)"))
    }
}
