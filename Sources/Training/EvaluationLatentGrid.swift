import EOSDecoding
import Foundation
import NeuralNetwork

/// The outcome of decoding a space-filling set of points over the training region of latent space.
package struct LatentGridReport: Sendable, Equatable, Codable {
    /// The entries this report adds to a model's metrics (`latent_grid.*`).
    package var metrics: [String: Double] {
        [
            "latent_grid.sigmas": sigmas, "latent_grid.points": Double(pointCount), "latent_grid.solved": Double(solved),
            "latent_grid.causal": Double(causal), "latent_grid.monotone": Double(monotone),
            "latent_grid.inside_region": Double(insideRegion), "latent_grid.inside_region_solved": Double(insideRegionSolved),
        ]
    }

    /// Points decoded.
    package var pointCount: Int
    /// Half-width of the z range in training standard deviations.
    package var sigmas: Double
    /// Points whose EOS was rebuilt and solved (M_max and the 1.4 M☉ star found).
    package var solved: Int
    /// Points whose EOS is causal (c_s² < 1 up to p_max; judged on the decoded nodes when the rebuild failed).
    package var causal: Int
    /// Points whose EOS has increasing ε(p) and n(p), through the core (p ≥ p_cc).
    package var monotone: Int
    /// Points inside the model's training region (``EOSDecoding/TrainingRegion/contains(maximumMassMsun:radius14Km:z:)``:
    /// the learned support when the model has one), and how many of them were solved.
    package var insideRegion: Int
    package var insideRegionSolved: Int
    /// Failures by stage (`invalid_vector`, `reconstruction`, `stars`).
    package var failuresByStage: [String: Int]
    /// Up to five failures: the point and the error text.
    package var failureExamples: [String]
    /// Up to three solved points whose EOS is not causal: the point and its largest c_s².
    package var acausalExamples: [String]
    /// Largest |M_max(solved) / M_max(requested) − 1| and |R_1.4(solved) − R_1.4(requested)| [km] over solved points.
    package var worstMaximumMassRelativeError: Double
    package var worstRadius14ErrorKm: Double
    /// Mean |M_max relative error| [%] and mean |R_1.4 relative error| [%] over solved points.
    package var meanMaximumMassPercent: Double
    package var meanRadius14Percent: Double
    /// Wall-clock seconds.
    package var seconds: Double

    /// A human-readable summary.
    package func text() -> String {
        """
        latent grid: \(pointCount) points (labels in the training window, z within ±\(sigmas) σ), \(String(format: "%.1f", seconds)) s
          inside the training region: \(insideRegion) points, \(insideRegionSolved) solved; outside: \(pointCount - insideRegion) points, \(solved - insideRegionSolved) solved
          solved \(solved)/\(pointCount), causal \(causal)/\(pointCount), monotone \(monotone)/\(pointCount)
          failures by stage: \(failuresByStage.isEmpty ? "none" : "\(failuresByStage.sorted { $0.key < $1.key })")
          solved vs requested: mean |ΔM_max| \(String(format: "%.3f", meanMaximumMassPercent)) %, mean |ΔR_1.4| \(String(format: "%.3f", meanRadius14Percent)) %, worst \(String(format: "%.2f", 100 * worstMaximumMassRelativeError)) % and \(String(format: "%.3f", worstRadius14ErrorKm)) km
        \((failureExamples.map { "  failure: " + $0 } + acausalExamples.map { "  not causal: " + $0 }).joined(separator: "\n"))
        """
    }
}

/// Decodes `count` points of a Halton sequence over the training region: (M_max, R_1.4) inside the dataset's
/// training window and the model's label box, z within ±`sigmas` training standard deviations of the mean.
package enum VAELatentGridCheck {
    package static func run(
        model: VAEModel, window: TrainingWindow, count: Int, sigmas: Double = 3,
        tovRelativeTolerance: Double = 1e-6,
        progress: @escaping @Sendable (String) -> Void
    ) throws -> LatentGridReport {
        let start = Date()
        let decoder = try EOSDecoder(
            model: model,
            options: DecodingOptions(
                tovRelativeTolerance: tovRelativeTolerance,
                curvePoints: 0, latentRegionSigmas: sigmas))
        let requests = points(region: decoder.trainingRegion, window: window, count: count)
        let raws = try decoder.decodeVectors(batch: requests)
        let meter = EvaluationProgress(label: "latent grid", sink: progress)
        let outcomes = EvaluationParallel.map(count: requests.count, progress: meter.report) { index in
            VAEEvaluation.solve(decoder: decoder, raw: raws[index], request: requests[index])
        }
        var stages: [String: Int] = [:]
        var examples: [String] = []
        var solved: [(Double, Double, DecodingRequest)] = []
        var insideRegion = 0, insideRegionSolved = 0
        var acausal: [String] = []
        for (request, outcome) in zip(requests, outcomes) {
            let inside = decoder.trainingRegion.contains(
                maximumMassMsun: request.maximumMassMsun, radius14Km: request.radius14Km, z: request.z ?? [])
            if inside { insideRegion += 1 }
            switch outcome.result {
            case let .success(s):
                solved.append((s.maximumMassMsun, s.radius14Km, request))
                if inside { insideRegionSolved += 1 }
                if !outcome.isCausal, acausal.count < 3 {
                    acausal.append(
                        String(
                            format: "M_max %.4f, R_1.4 %.3f, z %@: max c_s^2 = %.9f", request.maximumMassMsun, request.radius14Km,
                            "\((request.z ?? []).map { String(format: "%.3f", $0) })" as NSString,
                            s.diagnostics.maximumSoundSpeedSquared))
                }
            case let .failure(error):
                stages[error.stage, default: 0] += 1
                if examples.count < 5 {
                    examples.append(
                        String(
                            format: "M_max %.4f, R_1.4 %.3f, z %@: ", request.maximumMassMsun, request.radius14Km,
                            "\((request.z ?? []).map { String(format: "%.3f", $0) })" as NSString) + error.description)
                }
            }
        }
        let massErrors = solved.map { abs($0.0 / $0.2.maximumMassMsun - 1) }
        let radiusErrors = solved.map { abs($0.1 - $0.2.radius14Km) }
        let radiusRelative = solved.map { abs($0.1 / $0.2.radius14Km - 1) }
        let n = Double(max(solved.count, 1))
        return LatentGridReport(
            pointCount: requests.count, sigmas: sigmas, solved: solved.count,
            causal: outcomes.filter(\.isCausal).count, monotone: outcomes.filter(\.isMonotone).count,
            insideRegion: insideRegion, insideRegionSolved: insideRegionSolved, failuresByStage: stages, failureExamples: examples,
            acausalExamples: acausal,
            worstMaximumMassRelativeError: massErrors.max() ?? 0, worstRadius14ErrorKm: radiusErrors.max() ?? 0,
            meanMaximumMassPercent: 100 * massErrors.reduce(0, +) / n, meanRadius14Percent: 100 * radiusRelative.reduce(0, +) / n,
            seconds: Date().timeIntervalSince(start))
    }

    /// The first `count` Halton points (bases 2, 3, 5, …) of the label box × z box that fall inside the window.
    package static func points(region: TrainingRegion, window: TrainingWindow, count: Int) -> [DecodingRequest] {
        let bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61]
        let d = region.latentMeans.count
        var result: [DecodingRequest] = []
        var index = 1
        while result.count < count, index < 1000 * max(count, 1) {
            let u = (0..<(2 + d)).map { radicalInverse(index, base: bases[$0]) }
            index += 1
            let m =
                region.maximumMassRangeMsun.lowerBound + u[0]
                * (region.maximumMassRangeMsun.upperBound - region.maximumMassRangeMsun.lowerBound)
            let r = region.radius14RangeKm.lowerBound + u[1] * (region.radius14RangeKm.upperBound - region.radius14RangeKm.lowerBound)
            guard window.contains(mMax: m, r14: r) else { continue }
            let z = (0..<d).map { region.latentMeans[$0] + (2 * u[2 + $0] - 1) * region.sigmas * region.latentStandardDeviations[$0] }
            result.append(DecodingRequest(maximumMassMsun: m, radius14Km: r, z: z))
        }
        return result
    }

    /// The van der Corput radical inverse of `index` in `base`, in [0, 1).
    static func radicalInverse(_ index: Int, base: Int) -> Double {
        var result = 0.0, fraction = 1.0 / Double(base), i = index
        while i > 0 {
            result += Double(i % base) * fraction
            i /= base
            fraction /= Double(base)
        }
        return result
    }
}
