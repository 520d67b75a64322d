import EOSDecoding
import Foundation
import NeuralNetwork

/// Decode failures and conditioning errors of a set of grid points (see ``RegionGridCheck``).
package struct RegionGridGroup: Sendable, Equatable, Codable {
    /// Which points, e.g. `inside (score >= 0.01)`.
    package var label: String
    /// Points in the group.
    package var points: Int
    /// Points whose decode threw (network, reconstruction or TOV stage).
    package var failures: Int
    /// Median and 95th percentile of |M_max(solved) / M_max(requested) − 1| [%] over the solved points.
    package var medianMassPercent: Double
    package var p95MassPercent: Double
    /// Median and 95th percentile of |R_1.4(solved) − R_1.4(requested)| [km] over the solved points.
    package var medianRadiusKm: Double
    package var p95RadiusKm: Double

    /// failures / points (0 for an empty group).
    package var failureRate: Double { points > 0 ? Double(failures) / Double(points) : 0 }

    /// One table row.
    package func text() -> String {
        String(
            format: "%-30@ %5d points, failures %4d (%5.1f %%), |dM_max| median %.3f %% p95 %.3f %%, |dR_1.4| median %.4f km p95 %.4f km",
            label as NSString, points, failures, 100 * failureRate, medianMassPercent, p95MassPercent, medianRadiusKm, p95RadiusKm)
    }
}

/// The outcome of ``RegionGridCheck/run(model:count:latents:tovRelativeTolerance:progress:)``.
package struct RegionGridReport: Sendable, Equatable, Codable {
    /// The entries this report adds to a model's metrics (`region_grid.{all,inside,outside}.*`).
    package var metrics: [String: Double] {
        var metrics: [String: Double] = [:]
        for (key, group) in [("all", all), ("inside", inside), ("outside", outside)] {
            metrics["region_grid.\(key).points"] = Double(group.points)
            metrics["region_grid.\(key).failure_rate"] = group.failureRate
            metrics["region_grid.\(key).median_m_max_percent"] = group.medianMassPercent
            metrics["region_grid.\(key).median_r_14_km"] = group.medianRadiusKm
        }
        return metrics
    }

    /// Grid points decoded.
    package var pointCount: Int
    /// Where z came from: `training mean` or `training rows` (μ_v of randomly drawn training rows).
    package var latentSource: String
    /// The model's threshold on the region score.
    package var threshold: Double
    /// All points.
    package var all: RegionGridGroup
    /// Points inside the old box region (label box and every |z score| ≤ 3): all of them when z is at the mean.
    package var box: RegionGridGroup
    /// Points inside the learned training region.
    package var inside: RegionGridGroup
    /// Points outside it.
    package var outside: RegionGridGroup
    /// Points with score ≥ t for a range of thresholds t (to choose the threshold).
    package var sweep: [RegionGridGroup]
    /// Wall-clock seconds.
    package var seconds: Double

    /// A human-readable summary.
    package func text() -> String {
        """
        region grid: \(pointCount) Halton points, uniform over the training label box, z: \(latentSource); \
        threshold \(threshold), \(String(format: "%.1f", seconds)) s
        \(([all, box, inside, outside] + sweep).map { "  " + $0.text() }.joined(separator: "\n"))
        """
    }
}

/// Decodes `count` points spread uniformly (Halton bases 2, 3) over the box of training labels (M_max, R_1.4), with z at
/// the training mean of μ_v or drawn from the training rows' μ_v, and compares decode failures and conditioning errors
/// inside and outside the learned training region.
package enum RegionGridCheck {
    /// Thresholds of the sweep.
    static let sweepThresholds = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]

    /// Runs the check; the model needs a learned ``NeuralNetwork/TrainingSupport``.
    /// - Parameter latents: μ_v of training rows to draw z from (seeded, independently of the labels), or nil for z at
    ///   the training mean.
    package static func run(
        model: VAEModel, count: Int, latents: [[Double]]? = nil, tovRelativeTolerance: Double = 1e-6,
        progress: @escaping @Sendable (String) -> Void
    ) throws -> RegionGridReport {
        guard let support = model.latentStatistics.support else {
            throw EOSDecodingError.invalidRequest("the model has no learned training region; run eos-trainer region first")
        }
        let start = Date()
        let decoder = try EOSDecoder(model: model, options: DecodingOptions(tovRelativeTolerance: tovRelativeTolerance, curvePoints: 0))
        let statistics = model.latentStatistics
        var generator = SeededGenerator(seed: 1)
        let zs = (0..<count).map { _ in latents.map { $0[Int(generator.next() % UInt64($0.count))] } ?? statistics.latentMeans }
        let requests = (0..<count).map { index in
            let u = [VAELatentGridCheck.radicalInverse(index + 1, base: 2), VAELatentGridCheck.radicalInverse(index + 1, base: 3)]
            let m = statistics.labelMinimums[0] + u[0] * (statistics.labelMaximums[0] - statistics.labelMinimums[0])
            let r = statistics.labelMinimums[1] + u[1] * (statistics.labelMaximums[1] - statistics.labelMinimums[1])
            return DecodingRequest(maximumMassMsun: m, radius14Km: r, z: zs[index])
        }
        let raws = try decoder.decodeVectors(batch: requests)
        let meter = EvaluationProgress(label: "region grid", sink: progress)
        let outcomes = EvaluationParallel.map(count: requests.count, progress: meter.report) { index in
            VAEEvaluation.solve(decoder: decoder, raw: raws[index], request: requests[index])
        }
        let rows = zip(requests, outcomes).map { request, outcome in
            Row(
                score: support.score([request.maximumMassMsun, request.radius14Km] + (request.z ?? [])),
                inBox: zip(request.z ?? [], zip(statistics.latentMeans, statistics.latentStandardDeviations))
                    .allSatisfy { abs($0 - $1.0) <= 3 * $1.1 },
                errors: (try? outcome.result.get()).map {
                    (100 * abs($0.maximumMassMsun / request.maximumMassMsun - 1), abs($0.radius14Km - request.radius14Km))
                })
        }
        let t = support.threshold
        return RegionGridReport(
            pointCount: rows.count, latentSource: latents == nil ? "training mean of mu_v" : "mu_v of random training rows",
            threshold: t, all: group("all", rows),
            box: group("old box region (|z score| <= 3)", rows.filter(\.inBox)),
            inside: group("inside (score >= \(t))", rows.filter { $0.score >= t }),
            outside: group("outside (score < \(t))", rows.filter { $0.score < t }),
            sweep: sweepThresholds.map { level in group("score >= \(level)", rows.filter { $0.score >= level }) },
            seconds: Date().timeIntervalSince(start))
    }

    private struct Row {
        var score: Double
        /// Whether every |z score| ≤ 3 (the old box region; the labels are in the box by construction).
        var inBox: Bool
        /// |ΔM_max| [%] and |ΔR_1.4| [km], nil when the decode failed.
        var errors: (mass: Double, radius: Double)?
    }

    private static func group(_ label: String, _ rows: [Row]) -> RegionGridGroup {
        let solved = rows.compactMap(\.errors)
        let mass = solved.map(\.mass).sorted(), radius = solved.map(\.radius).sorted()
        return RegionGridGroup(
            label: label, points: rows.count, failures: rows.count - solved.count,
            medianMassPercent: percentile(mass, 0.5), p95MassPercent: percentile(mass, 0.95),
            medianRadiusKm: percentile(radius, 0.5), p95RadiusKm: percentile(radius, 0.95))
    }

    /// The nearest-rank `q` quantile of ascending `values` (0 when empty).
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        return values[min(values.count - 1, max(0, Int((q * Double(values.count)).rounded(.up)) - 1))]
    }
}
