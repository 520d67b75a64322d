import Foundation
import NeuralNetwork
import Testing

@Suite("Training support (kernel density of the training set)")
struct TrainingSupportTests {
    /// A narrow curved band in 3-D: t uniform in [−1, 1], x = (t, t² + 0.05 ε₁, 0.5 t + 0.3 ε₂).
    static func band(count: Int, seed: UInt64) -> [[Double]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let t = 2 * generator.nextUniform() - 1
            return [t, t * t + 0.05 * generator.nextStandardNormal(), 0.5 * t + 0.3 * generator.nextStandardNormal()]
        }
    }

    static let bandFit = try! TrainingSupportFit(
        points: band(count: 3000, seed: 1), supportCount: 600, calibrationCount: 2000,
        bandwidths: [0.05, 0.1, 0.2, 0.4], threshold: 0.01, seed: 3)

    /// Fresh points drawn like the training set score ~ uniformly on [0, 1]. With 2,000 calibration and 4,000 test
    /// points the fraction below a level q has a standard deviation of at most sqrt(q(1 − q)(1/2000 + 1/4000)) ≤ 0.014,
    /// so 0.05 is a > 3.5σ allowance.
    @Test func scoreIsCalibratedOnFreshTrainingLikePoints() {
        let support = Self.bandFit.support
        let scores = Self.band(count: 4000, seed: 2).map { support.score($0) }
        for level in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let fraction = Double(scores.filter { $0 < level }.count) / Double(scores.count)
            #expect(abs(fraction - level) < 0.05, "fraction below \(level): \(fraction)")
        }
        #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    /// Far away the score is exactly 0; so is a point inside the band's bounding box but 16 noise widths off the band
    /// (a box region would call it inside), while the band's own centre line is well inside.
    @Test func pointsOffTheBandScoreZero() {
        let support = Self.bandFit.support
        #expect(support.score([10, -10, 10]) == 0)
        #expect(support.logDensity([10, -10, 10]).isFinite, "log-sum-exp keeps far densities finite")
        #expect(support.score([0, 0.8, 0]) == 0)
        #expect(!support.contains([0, 0.8, 0]))
        #expect(support.score([0.5, 0.25, 0.25]) > 0.3)
        #expect(support.contains([0.5, 0.25, 0.25]))
    }

    /// The whitened training points have mean 0 and unit covariance; whitening inverts exactly.
    @Test func whiteningHasUnitCovariance() {
        let points = Self.band(count: 3000, seed: 1)
        let support = Self.bandFit.support
        let whitened = points.map { support.whiten($0) }
        let n = Double(points.count)
        for i in 0..<3 {
            #expect(abs(whitened.reduce(0) { $0 + $1[i] } / n) < 1e-10)
            for j in 0..<3 {
                let covariance = whitened.reduce(0) { $0 + $1[i] * $1[j] } / n
                #expect(abs(covariance - (i == j ? 1 : 0)) < 1e-9, "covariance[\(i)][\(j)] = \(covariance)")
            }
        }
        let x = [0.3, -0.7, 2.5]
        #expect(zip(support.unwhiten(support.whiten(x)), x).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// For a standard normal sample in 2-D the expected log-density of the true density is −ln(2π) − 1 = −2.8379.
    /// The chosen kernel estimate's held-out log-likelihood must come close (it lies below in expectation by the
    /// KL divergence, a few hundredths at n = 1,000; its sampling error over 2,000 points is ~0.02).
    @Test func heldOutLikelihoodApproachesTheTrueDensity() throws {
        var generator = SeededGenerator(seed: 5)
        let points = (0..<3000).map { _ in [generator.nextStandardNormal(), generator.nextStandardNormal()] }
        let fit = try TrainingSupportFit(
            points: points, supportCount: 1000, calibrationCount: 2000,
            bandwidths: [0.1, 0.2, 0.3, 0.45, 0.7, 1.0], threshold: 0.01, seed: 1)
        let best = try #require(fit.candidates.max { $0.heldOutLogLikelihood < $1.heldOutLogLikelihood })
        #expect(best.bandwidth == fit.support.bandwidth)
        #expect(
            best.heldOutLogLikelihood > -2.8379 - 0.12 && best.heldOutLogLikelihood < -2.8379 + 0.06,
            "\(best.heldOutLogLikelihood)")
        #expect(fit.candidates.first!.heldOutLogLikelihood < best.heldOutLogLikelihood - 0.1, "h = 0.1 is too narrow")
    }

    @Test func problemsNameTheField() {
        let good = Self.bandFit.support
        #expect(good.problem(dimension: 3) == nil)
        #expect(good.problem(dimension: 4)?.field == "center")
        var edited = good
        edited.bandwidth = 0
        #expect(edited.problem(dimension: 3)?.field == "bandwidth")
        edited = good
        edited.choleskyFactor[0][2] = 0.1
        #expect(edited.problem(dimension: 3)?.field == "choleskyFactor[0][2]")
        edited = good
        edited.calibrationLogDensities.swapAt(0, 5)
        #expect(edited.problem(dimension: 3)?.field.hasPrefix("calibrationLogDensities[") == true)
        edited = good
        edited.whitenedPoints[7] = [1, 2]
        #expect(edited.problem(dimension: 3)?.field == "whitenedPoints[7]")
        edited = good
        edited.threshold = 1.5
        #expect(edited.problem(dimension: 3)?.field == "threshold")
    }

    @Test func unusableFitsThrow() {
        let points = Self.band(count: 100, seed: 1)
        #expect(throws: NeuralNetworkError.self) {
            try TrainingSupportFit(points: points, supportCount: 60, calibrationCount: 60, bandwidths: [0.2], threshold: 0.01, seed: 1)
        }
        #expect(throws: NeuralNetworkError.self) {
            try TrainingSupportFit(points: points, supportCount: 50, calibrationCount: 50, bandwidths: [], threshold: 0.01, seed: 1)
        }
        let collinear = points.map { [$0[0], 2 * $0[0], $0[2]] }
        #expect(throws: NeuralNetworkError.self) {
            try TrainingSupportFit(points: collinear, supportCount: 50, calibrationCount: 50, bandwidths: [0.2], threshold: 0.01, seed: 1)
        }
    }
}
