import Foundation

/// Where the training set lies in latent space (M_max [M☉], R_1.4 [km], z_1 … z_d): a Gaussian kernel density
/// estimate on whitened coordinates, with a calibrated score.
///
/// Coordinates x (length D = 2 + d) are whitened by the training mean c and the Cholesky factor L of the training
/// covariance (Σ = L Lᵀ): u = L⁻¹ (x − c), so the training set has unit covariance in u. The unnormalised log-density is
///
///     log f(x) = log( (1/n) Σ_i exp(−|u − u_i|² / (2 h²)) )
///
/// over n support points u_i (a random subsample of the training set, stored whitened) with bandwidth h.
/// The score of x is the fraction of calibration points (other training points, never support points) whose
/// log f is lower than x's: ~ uniform on [0, 1] for points drawn like the training set, 0 far from it;
/// a score of 0.01 marks the outer 1 % contour.
public struct TrainingSupport: Sendable, Equatable, Codable {
    /// Training mean c of (M_max, R_1.4, z…).
    public var center: [Double]
    /// Lower-triangular Cholesky factor L of the training covariance, rows of length D (zeros above the diagonal).
    public var choleskyFactor: [[Double]]
    /// Kernel standard deviation h in whitened units (the kernel covariance in x is h² L Lᵀ).
    public var bandwidth: Double
    /// Support points u_i = L⁻¹ (x_i − c), whitened.
    public var whitenedPoints: [[Double]]
    /// log f of the calibration points, ascending.
    public var calibrationLogDensities: [Double]
    /// Score at or above which a point counts as inside (e.g. 0.01: all but the outer 1 %).
    public var threshold: Double

    /// A support model from its parts (check it with ``problem(dimension:)``).
    public init(
        center: [Double], choleskyFactor: [[Double]], bandwidth: Double, whitenedPoints: [[Double]],
        calibrationLogDensities: [Double], threshold: Double
    ) {
        self.center = center
        self.choleskyFactor = choleskyFactor
        self.bandwidth = bandwidth
        self.whitenedPoints = whitenedPoints
        self.calibrationLogDensities = calibrationLogDensities
        self.threshold = threshold
    }

    /// Number D of coordinates (2 labels + d latents).
    public var dimension: Int { center.count }

    /// The first unusable field and why, for a model with `dimension` coordinates, or nil.
    public func problem(dimension expected: Int) -> (field: String, reason: String)? {
        let d = center.count
        if d != expected { return ("center", "has \(d) entries, expected \(expected) (2 labels + latent dimension)") }
        if let i = center.firstIndex(where: { !$0.isFinite }) { return ("center[\(i)]", "not finite") }
        if choleskyFactor.count != d { return ("choleskyFactor", "has \(choleskyFactor.count) rows, expected \(d)") }
        for (i, row) in choleskyFactor.enumerated() {
            if row.count != d { return ("choleskyFactor[\(i)]", "has \(row.count) entries, expected \(d)") }
            if let j = row.firstIndex(where: { !$0.isFinite }) { return ("choleskyFactor[\(i)][\(j)]", "not finite") }
            if !(row[i] > 0) { return ("choleskyFactor[\(i)][\(i)]", "diagonal entry \(row[i]) must be positive") }
            if let j = row.indices.first(where: { $0 > i && row[$0] != 0 }) {
                return ("choleskyFactor[\(i)][\(j)]", "must be 0 (the factor is lower-triangular)")
            }
        }
        if !(bandwidth > 0 && bandwidth.isFinite) { return ("bandwidth", "\(bandwidth) must be positive and finite") }
        if whitenedPoints.isEmpty { return ("whitenedPoints", "is empty") }
        for (i, point) in whitenedPoints.enumerated() {
            if point.count != d { return ("whitenedPoints[\(i)]", "has \(point.count) entries, expected \(d)") }
            if point.contains(where: { !$0.isFinite }) { return ("whitenedPoints[\(i)]", "not finite") }
        }
        if calibrationLogDensities.isEmpty { return ("calibrationLogDensities", "is empty") }
        if let i = calibrationLogDensities.firstIndex(where: { !$0.isFinite }) { return ("calibrationLogDensities[\(i)]", "not finite") }
        if let i = calibrationLogDensities.indices.dropFirst().first(where: {
            calibrationLogDensities[$0] < calibrationLogDensities[$0 - 1]
        }) {
            return ("calibrationLogDensities[\(i)]", "not in ascending order")
        }
        if !(threshold >= 0 && threshold <= 1) { return ("threshold", "\(threshold) must lie in [0, 1]") }
        return nil
    }

    /// u = L⁻¹ (x − c) by forward substitution.
    public func whiten(_ x: [Double]) -> [Double] {
        var u = [Double](repeating: 0, count: dimension)
        for i in 0..<dimension {
            var sum = x[i] - center[i]
            for j in 0..<i { sum -= choleskyFactor[i][j] * u[j] }
            u[i] = sum / choleskyFactor[i][i]
        }
        return u
    }

    /// x = c + L u (the inverse of ``whiten(_:)``).
    public func unwhiten(_ u: [Double]) -> [Double] {
        (0..<dimension).map { i in center[i] + (0...i).reduce(0) { $0 + choleskyFactor[i][$1] * u[$1] } }
    }

    /// log f(x) (see the type's documentation); `x` has ``dimension`` entries.
    public func logDensity(_ x: [Double]) -> Double {
        Self.logDensity(whitened: whiten(x), points: whitenedPoints, bandwidth: bandwidth)
    }

    /// The fraction of calibration points with log f below x's, in [0, 1].
    public func score(_ x: [Double]) -> Double {
        let value = logDensity(x)
        var low = 0, high = calibrationLogDensities.count
        while low < high {
            let mid = (low + high) / 2
            if calibrationLogDensities[mid] < value { low = mid + 1 } else { high = mid }
        }
        return Double(low) / Double(calibrationLogDensities.count)
    }

    /// Whether ``score(_:)`` reaches ``threshold``.
    public func contains(_ x: [Double]) -> Bool { score(x) >= threshold }

    /// log( (1/n) Σ_i exp(−|u − u_i|² / (2 h²)) ), summed stably (largest term factored out).
    static func logDensity(whitened u: [Double], points: [[Double]], bandwidth: Double) -> Double {
        let scale = -0.5 / (bandwidth * bandwidth)
        var exponents = [Double](repeating: 0, count: points.count)
        var largest = -Double.infinity
        for (k, point) in points.enumerated() {
            var squared = 0.0
            for i in 0..<u.count {
                let delta = u[i] - point[i]
                squared += delta * delta
            }
            exponents[k] = scale * squared
            largest = max(largest, exponents[k])
        }
        let sum = exponents.reduce(0) { $0 + exp($1 - largest) }
        return largest + log(sum / Double(points.count))
    }
}
