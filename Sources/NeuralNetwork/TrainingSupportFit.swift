import Foundation

/// Fits a ``TrainingSupport`` to training points: whitening from all points, a seeded random subsample as the
/// kernel centres, and other points (disjoint from them) to choose the bandwidth and calibrate the score.
public struct TrainingSupportFit: Sendable, Equatable, Codable {
    /// The held-out log-likelihood of one candidate bandwidth.
    public struct Candidate: Sendable, Equatable, Codable {
        /// Kernel standard deviation h in whitened units.
        public var bandwidth: Double
        /// Mean over the held-out points of the normalised log-density in whitened coordinates
        /// (log f − D ln h − (D/2) ln 2π): larger is better.
        public var heldOutLogLikelihood: Double
    }

    /// The fitted model (bandwidth with the largest held-out log-likelihood).
    public var support: TrainingSupport
    /// Every candidate bandwidth with its held-out log-likelihood, in the order tried.
    public var candidates: [Candidate]
    /// Seed of the subsample.
    public var seed: UInt64

    /// Fits the model to `points` (rows of (M_max, R_1.4, z…)).
    /// - Parameters:
    ///   - supportCount: kernel centres n drawn from the points.
    ///   - calibrationCount: further points (disjoint from the centres) that choose h and calibrate the score.
    ///   - bandwidths: candidate h values (whitened units); the one with the largest held-out log-likelihood is kept.
    ///   - threshold: score at or above which a point is inside.
    ///   - progress: called after each candidate with a line of text.
    /// - Throws: ``NeuralNetworkError/invalidConfiguration(_:)`` for unusable counts or bandwidths,
    ///   a singular covariance, and ``NeuralNetworkError/emptyDataset(dataset:)``,
    ///   ``NeuralNetworkError/wrongColumnCount(dataset:row:expected:actual:)`` or
    ///   ``NeuralNetworkError/nonFiniteValue(dataset:row:column:)`` for bad points.
    public init(
        points: [[Double]], supportCount: Int, calibrationCount: Int, bandwidths: [Double], threshold: Double,
        seed: UInt64, progress: (String) -> Void = { _ in }
    ) throws(NeuralNetworkError) {
        guard let dimension = points.first?.count, dimension > 0 else { throw .emptyDataset(dataset: "support") }
        for (row, point) in points.enumerated() {
            guard point.count == dimension else {
                throw .wrongColumnCount(dataset: "support", row: row, expected: dimension, actual: point.count)
            }
            if let column = point.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(dataset: "support", row: row, column: column)
            }
        }
        guard supportCount >= 1, calibrationCount >= 1, supportCount + calibrationCount <= points.count else {
            throw .invalidConfiguration(
                "support (\(supportCount)) and calibration (\(calibrationCount)) counts must be positive and together at most the \(points.count) points"
            )
        }
        guard !bandwidths.isEmpty, bandwidths.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidConfiguration("candidate bandwidths must be positive and finite, at least one")
        }
        guard threshold >= 0, threshold <= 1 else { throw .invalidConfiguration("threshold \(threshold) must lie in [0, 1]") }
        let (center, factor) = try Self.whitening(points)
        var generator = SeededGenerator(seed: seed)
        var order = Array(points.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(generator.next() % UInt64(i + 1)))
        }
        let shell = TrainingSupport(
            center: center, choleskyFactor: factor, bandwidth: 1, whitenedPoints: [],
            calibrationLogDensities: [], threshold: threshold)
        let centres = order.prefix(supportCount).map { shell.whiten(points[$0]) }
        let heldOut = order.dropFirst(supportCount).prefix(calibrationCount).map { shell.whiten(points[$0]) }
        let constant = 0.5 * Double(dimension) * log(2 * Double.pi)
        var candidates: [Candidate] = []
        var best: (bandwidth: Double, logDensities: [Double], likelihood: Double)?
        for h in bandwidths {
            let logDensities = heldOut.map { TrainingSupport.logDensity(whitened: $0, points: centres, bandwidth: h) }
            let likelihood = logDensities.reduce(0, +) / Double(logDensities.count) - Double(dimension) * log(h) - constant
            candidates.append(Candidate(bandwidth: h, heldOutLogLikelihood: likelihood))
            progress(String(format: "bandwidth %.3f: held-out log-likelihood %.4f", h, likelihood))
            if best == nil || likelihood > best!.likelihood { best = (h, logDensities, likelihood) }
        }
        support = TrainingSupport(
            center: center, choleskyFactor: factor, bandwidth: best!.bandwidth, whitenedPoints: centres,
            calibrationLogDensities: best!.logDensities.sorted(), threshold: threshold)
        self.candidates = candidates
        self.seed = seed
    }

    /// Mean and lower Cholesky factor of the population covariance of `points`.
    static func whitening(_ points: [[Double]]) throws(NeuralNetworkError) -> (center: [Double], factor: [[Double]]) {
        let d = points[0].count, n = Double(points.count)
        var mean = [Double](repeating: 0, count: d)
        for point in points { for i in 0..<d { mean[i] += point[i] / n } }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for point in points {
            for i in 0..<d { for j in 0...i { covariance[i][j] += (point[i] - mean[i]) * (point[j] - mean[j]) / n } }
        }
        var factor = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for i in 0..<d {
            for j in 0...i {
                var sum = covariance[i][j]
                for k in 0..<j { sum -= factor[i][k] * factor[j][k] }
                if i == j {
                    guard sum > 1e-12 * max(covariance[i][i], .leastNormalMagnitude) else {
                        throw .invalidConfiguration(
                            "the support points' covariance is singular (coordinate \(i) is a linear function of the others or constant)")
                    }
                    factor[i][i] = sum.squareRoot()
                } else {
                    factor[i][j] = sum / factor[j][j]
                }
            }
        }
        return (mean, factor)
    }
}
