import EOSDecoding
import Foundation
import NeuralNetwork

/// Computes a model's held-out metrics (``VAEEvaluationReport``): every decoded EOS is rebuilt and solved with the
/// TOV code on all cores; failures are counted by stage, never dropped.
package enum VAEEvaluation {
    /// What one decoded EOS gave.
    struct Solved: Sendable {
        var maximumMassMsun: Double
        var radius14Km: Double
        var diagnostics: DecodingDiagnostics
    }

    /// One decoded vector's outcome: solved, or the failure, plus whether its nodes are causal.
    struct Outcome: Sendable {
        var result: Result<Solved, EOSDecodingError>
        var nodesCausal: Bool

        var isCausal: Bool { nodesCausal && ((try? result.get())?.diagnostics.isCausal ?? true) }
        var isMonotone: Bool {
            guard let d = try? result.get().diagnostics else { return false }
            return d.isEnergyDensityMonotone && d.isBaryonDensityMonotone
        }
    }

    /// Evaluates `model` on `rows` (named `split` in the report).
    /// - Parameters:
    ///   - tovRelativeTolerance: accuracy of the TOV solutions (1e-6 gives M, R to ~1e-7).
    ///   - progress: called from worker threads with a status line (rate, ETA).
    package static func evaluate(
        model: VAEModel, rows: VAESplitRows, split: String, tovRelativeTolerance: Double = 1e-6,
        progress: @escaping @Sendable (String) -> Void
    ) throws -> VAEEvaluationReport {
        let start = Date()
        let decoder = try EOSDecoder(model: model, options: DecodingOptions(tovRelativeTolerance: tovRelativeTolerance, curvePoints: 0))
        let encodings = try model.encode(batch: rows.vectors)
        let fromMeans = encodings.map {
            DecodingRequest(maximumMassMsun: $0.supervised[0], radius14Km: $0.supervised[1], z: $0.latentMeans)
        }
        let fromLabels = zip(rows.labels, encodings).map {
            DecodingRequest(maximumMassMsun: $0.0[0], radius14Km: $0.0[1], z: $0.1.latentMeans)
        }
        let requests = fromMeans + fromLabels
        let raws = try decoder.decodeVectors(batch: requests)
        let meter = EvaluationProgress(label: "evaluate \(split)", sink: progress)
        let outcomes = EvaluationParallel.map(count: requests.count, progress: meter.report) { index in
            solve(decoder: decoder, raw: raws[index], request: requests[index])
        }
        let n = rows.count
        let decoded = Array(outcomes[0..<n]), conditioned = Array(outcomes[n...])
        func pairs(_ outcomes: [Outcome], reference: (Int) -> [Double]) -> [(predicted: [Double], reference: [Double])] {
            outcomes.enumerated().compactMap { index, outcome in
                (try? outcome.result.get()).map { ([$0.maximumMassMsun, $0.radius14Km], reference(index)) }
            }
        }
        var stages: [String: Int] = [:]
        for outcome in outcomes {
            if case let .failure(error) = outcome.result { stages[error.stage, default: 0] += 1 }
        }
        let solved = outcomes.compactMap { try? $0.result.get() }
        let loss = try model.loss(vectors: rows.vectors, labels: rows.labels, weights: LossWeights())
        return VAEEvaluationReport(
            split: split, rowCount: n,
            decoder: StarPropertyErrors(pairs: pairs(decoded) { encodings[$0].supervised }),
            decoderAgainstLabels: StarPropertyErrors(pairs: pairs(decoded) { rows.labels[$0] }),
            conditioning: StarPropertyErrors(pairs: pairs(conditioned) { rows.labels[$0] }),
            encoder: StarPropertyErrors(pairs: zip(encodings, rows.labels).map { ($0.supervised, $1) }),
            tovFailures: decoded.filter { (try? $0.result.get()) == nil }.count,
            conditioningFailures: conditioned.filter { (try? $0.result.get()) == nil }.count,
            failuresByStage: stages,
            causalFraction: Double(outcomes.filter(\.isCausal).count) / Double(max(outcomes.count, 1)),
            monotoneFraction: Double(outcomes.filter(\.isMonotone).count) / Double(max(outcomes.count, 1)),
            worstEnergyDensityClosure: solved.map { abs($0.diagnostics.energyDensityClosure) }.max() ?? 0,
            worstBaryonDensityClosure: solved.map { abs($0.diagnostics.baryonDensityClosure) }.max() ?? 0,
            largestZScore: ZScoreSummary(
                largest: encodings.map { decoder.trainingRegion.standardScores(of: $0.latentMeans).map(abs).max() ?? 0 }),
            reconstructionLoss: loss.reconstruction, supervisedLoss: loss.supervised,
            seconds: Date().timeIntervalSince(start))
    }

    /// Rebuilds and solves one decoded vector.
    static func solve(decoder: EOSDecoder, raw: [Double], request: DecodingRequest) -> Outcome {
        let nodesCausal = raw.prefix(decoder.model.architecture.soundSpeedCount).allSatisfy { $0 < 1 }
        let result = Result { () throws(EOSDecodingError) -> Solved in
            let eos = try decoder.solve(rawVector: raw, for: request)
            return Solved(maximumMassMsun: eos.maximumMassMsun, radius14Km: eos.radius14Km, diagnostics: eos.diagnostics)
        }
        return Outcome(result: result, nodesCausal: nodesCausal)
    }
}
