import Foundation
import NeuralNetwork

/// Fits a model's ``NeuralNetwork/TrainingSupport`` from its training rows: coordinates (M_max, R_1.4, μ_v), with the
/// true labels and the encoder means, and checks the score's calibration on other rows.
package enum RegionFitting {
    /// `model` with `support` as its training region (weights, scalers and other statistics unchanged).
    package static func model(_ model: VAEModel, with support: TrainingSupport) throws -> VAEModel {
        var statistics = model.latentStatistics
        statistics.support = support
        return try VAEModel(
            architecture: model.architecture, parameters: model.parameters, inputScaler: model.inputScaler,
            labelScaler: model.labelScaler, latentStatistics: statistics)
    }

    /// The entries a fitted support adds to a model's metrics: `region.bandwidth`, `region.threshold` and, per
    /// calibration level, `region.validation_below_<level>` (the fraction of validation rows scoring below it).
    package static func metrics(support: TrainingSupport, levels: [Double], fractions: [Double]) -> [String: Double] {
        var metrics = ["region.bandwidth": support.bandwidth, "region.threshold": support.threshold]
        for (level, fraction) in zip(levels, fractions) {
            metrics[String(format: "region.validation_below_%.2f", level)] = fraction
        }
        return metrics
    }

    /// Options of the fit (see ``NeuralNetwork/TrainingSupportFit``).
    package struct Options: Sendable, Equatable {
        /// Kernel centres drawn from the training rows.
        package var supportCount: Int
        /// Further training rows that choose the bandwidth and calibrate the score.
        package var calibrationCount: Int
        /// Candidate bandwidths (whitened units).
        package var bandwidths: [Double]
        /// Score at or above which a point is inside.
        package var threshold: Double
        /// Seed of the subsample.
        package var seed: UInt64

        /// Options with explicit values.
        package init(supportCount: Int, calibrationCount: Int, bandwidths: [Double], threshold: Double, seed: UInt64) {
            self.supportCount = supportCount
            self.calibrationCount = calibrationCount
            self.bandwidths = bandwidths
            self.threshold = threshold
            self.seed = seed
        }
    }

    /// The coordinates (M_max [M☉], R_1.4 [km], μ_v…) of `rows`: their labels and encoder means.
    package static func coordinates(model: VAEModel, rows: VAESplitRows) throws -> [[Double]] {
        let encodings = try model.encode(batch: rows.vectors)
        return zip(rows.labels, encodings).map { $0 + $1.latentMeans }
    }

    /// Fits the support to the training rows.
    package static func fit(
        model: VAEModel, training: VAESplitRows, options: Options,
        progress: (String) -> Void
    ) throws -> TrainingSupportFit {
        let start = Date()
        progress("encoding \(training.count) training rows")
        let points = try coordinates(model: model, rows: training)
        progress(
            String(
                format: "encoded in %.1f s; fitting %d kernel centres, %d calibration points, %d bandwidths",
                Date().timeIntervalSince(start), options.supportCount, options.calibrationCount, options.bandwidths.count))
        return try TrainingSupportFit(
            points: points, supportCount: options.supportCount,
            calibrationCount: options.calibrationCount, bandwidths: options.bandwidths,
            threshold: options.threshold, seed: options.seed, progress: progress)
    }

    /// The fraction of `points` whose score lies below each of `levels` (calibrated: ≈ the level itself).
    package static func calibration(support: TrainingSupport, points: [[Double]], levels: [Double]) -> [Double] {
        let scores = points.map { support.score($0) }
        return levels.map { level in Double(scores.filter { $0 < level }.count) / Double(max(scores.count, 1)) }
    }
}
