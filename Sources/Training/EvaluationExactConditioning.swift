import EOSDecoding
import Foundation
import NeuralNetwork

/// What exact conditioning did on held-out rows (see ``ExactConditioningCheck``).
package struct ExactConditioningReport: Sendable, Equatable, Codable {
    /// The entries this report adds to a model's metrics (`exact.*`).
    package var metrics: [String: Double] {
        [
            "exact.points": Double(pointCount), "exact.refused": Double(refused), "exact.median_evaluations": Double(medianEvaluations),
            "exact.worst_evaluations": Double(worstEvaluations), "exact.cost_ratio": costRatio,
        ]
    }

    /// Rows conditioned: each row's true (M_max, R_1.4) with its encoder μ_v as z.
    package var pointCount: Int
    /// The relative tolerance asked for.
    package var tolerance: Double
    /// Rows refused with `conditioning_failed` (the input needed lies outside the training label box, or no
    /// convergence within the evaluation cap), and rows whose decode failed otherwise.
    package var refused: Int
    package var otherFailures: Int
    /// Decoder evaluations (network pass + TOV) per conditioned row: median, 95th percentile, worst.
    package var medianEvaluations: Int
    package var p95Evaluations: Int
    package var worstEvaluations: Int
    /// Largest |solved / requested − 1| of M_max and of R_1.4 over the conditioned rows.
    package var worstMassResidual: Double
    package var worstRadiusResidual: Double
    /// The same rows decoded once with network conditioning: median |M_max / requested − 1| and |R_1.4 / requested − 1|.
    package var networkMedianMassError: Double
    package var networkMedianRadiusError: Double
    /// CPU-time ratio of exact over network conditioning for the same rows (decode and stars, no mass–radius curve).
    package var costRatio: Double

    /// A human-readable summary.
    package func text() -> String {
        String(
            format: """
                exact conditioning (tolerance %.0e) on %d rows: %d refused, %d other failures; decoder evaluations median %d, \
                p95 %d, worst %d; worst residuals M_max %.1e, R_1.4 %.1e (network conditioning: median errors %.2e, %.2e); \
                cost %.2fx network
                """, tolerance, pointCount, refused, otherFailures, medianEvaluations, p95Evaluations, worstEvaluations,
            worstMassResidual, worstRadiusResidual, networkMedianMassError, networkMedianRadiusError, costRatio)
    }
}

/// Exact conditioning on held-out rows: each row's true labels with its encoder μ_v, conditioned to `tolerance`, against
/// the same rows decoded once (network conditioning).
package enum ExactConditioningCheck {
    package static func run(
        model: VAEModel, rows: VAESplitRows, tolerance: Double = 1e-5, tovRelativeTolerance: Double = 1e-6,
        progress: @escaping @Sendable (String) -> Void
    ) throws -> ExactConditioningReport {
        let decoder = try EOSDecoder(model: model, options: DecodingOptions(tovRelativeTolerance: tovRelativeTolerance, curvePoints: 0))
        let encodings = try model.encode(batch: rows.vectors)
        let requests = zip(rows.labels, encodings).map {
            DecodingRequest(maximumMassMsun: $0.0[0], radius14Km: $0.0[1], z: $0.1.latentMeans)
        }
        let conditioning = ExactConditioning(relativeTolerance: tolerance)
        let meter = EvaluationProgress(label: "exact conditioning", sink: progress)
        typealias Outcome = (
            exact: Result<ConditioningReport, EOSDecodingError>, network: [Double]?, seconds: (exact: Double, network: Double)
        )
        let outcomes: [Outcome] = EvaluationParallel.map(count: requests.count, progress: meter.report) { index in
            let request = requests[index]
            var start = Self.threadSeconds()
            let network = try? decoder.decode(request)
            let networkSeconds = Self.threadSeconds() - start
            start = Self.threadSeconds()
            let exact = Result { () throws(EOSDecodingError) -> ConditioningReport in
                try decoder.decodeExactly(request, conditioning: conditioning).1
            }
            let errors = network.map {
                [abs($0.maximumMassMsun / request.maximumMassMsun - 1), abs($0.radius14Km / request.radius14Km - 1)]
            }
            return (exact, errors, (Self.threadSeconds() - start, networkSeconds))
        }
        let reports = outcomes.compactMap { try? $0.exact.get() }
        let refused = outcomes.filter {
            if case .failure(.conditioningFailed) = $0.exact { return true } else { return false }
        }.count
        let evaluations = reports.map(\.evaluations).sorted()
        func quantile<T>(_ sorted: [T], _ q: Double, _ empty: T) -> T {
            sorted.isEmpty ? empty : sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
        }
        let networkErrors = outcomes.compactMap(\.network)
        let both = outcomes.filter { (try? $0.exact.get()) != nil && $0.network != nil }
        return ExactConditioningReport(
            pointCount: requests.count, tolerance: tolerance, refused: refused, otherFailures: requests.count - reports.count - refused,
            medianEvaluations: quantile(evaluations, 0.5, 0), p95Evaluations: quantile(evaluations, 0.95, 0),
            worstEvaluations: evaluations.last ?? 0,
            worstMassResidual: reports.map { abs($0.maximumMassResidual) }.max() ?? 0,
            worstRadiusResidual: reports.map { abs($0.radius14Residual) }.max() ?? 0,
            networkMedianMassError: quantile(networkErrors.map { $0[0] }.sorted(), 0.5, 0),
            networkMedianRadiusError: quantile(networkErrors.map { $0[1] }.sorted(), 0.5, 0),
            costRatio: both.map(\.seconds.exact).reduce(0, +) / max(both.map(\.seconds.network).reduce(0, +), 1e-12))
    }

    /// CPU time of the calling thread [s].
    static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
