import Dispatch
import Foundation
import ModelFormat
import NeuralNetwork
import Locking

/// Runs a sweep: trains every point of a ``SweepPlan`` (`jobs` at a time, one thread each), ranks each model by its
/// validation decoder MAPE on a subset of the validation split, and keeps `sweep.csv` and `sweep-decoder-mape.svg`
/// in the output directory up to date after every run.
///
/// Resumable: each point trains in `OUT/runs/NAME/`; a run whose model.json already holds its validation decoder
/// MAPE is read back, one with a checkpoint resumes, others start fresh.
package final class SweepRunner: Sendable {
    /// The grid and shared settings.
    package let plan: SweepPlan
    /// The dataset every run trains on.
    package let dataset: Dataset
    /// Its directory (for the manifest hash).
    package let datasetDirectory: URL
    /// Where `runs/`, `sweep.csv` and the heat map go.
    package let outputDirectory: URL
    private let results = Locked<[SweepPoint: SweepResult]>([:])
    private let writing = Locked(())

    /// A runner; nothing happens until ``run(jobs:shouldStop:log:)``.
    package init(plan: SweepPlan, dataset: Dataset, datasetDirectory: URL, outputDirectory: URL) {
        self.plan = plan
        self.dataset = dataset
        self.datasetDirectory = datasetDirectory
        self.outputDirectory = outputDirectory
    }

    /// Directory of one run.
    package func runDirectory(_ point: SweepPoint) -> URL {
        outputDirectory.appendingPathComponent("runs").appendingPathComponent(point.name)
    }

    /// Runs every point not yet finished. `shouldStop` is polled between epochs; `log` receives progress lines
    /// from worker threads. Returns the finished results in plan order.
    package func run(
        jobs: Int, shouldStop: @escaping @Sendable () -> Bool,
        log: @escaping @Sendable (String) -> Void
    ) throws -> [SweepResult] {
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let points = plan.points
        for point in points {
            if let bundle = try? ModelDirectory.load(from: runDirectory(point)), let result = Self.result(point, bundle) {
                results.withLock { $0[point] = result }
            }
        }
        let alreadyFinished = results.withLock { $0.count }
        if alreadyFinished > 0 {
            try writeOutputs()
            log("sweep: \(alreadyFinished) of \(points.count) runs already finished")
        }
        let next = Locked(0)
        let failures = Locked<[String]>([])
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, points.count))) { _ in
            while !shouldStop() {
                let index: Int? = next.withLock { value in
                    guard value < points.count else { return nil }
                    defer { value += 1 }
                    return value
                }
                guard let index else { return }
                let point = points[index]
                if results.withLock({ $0[point] != nil }) { continue }
                do {
                    if let result = try runPoint(point, shouldStop: shouldStop, log: log) {
                        results.withLock { $0[point] = result }
                        try writeOutputs()
                        let done = results.withLock { $0.count }
                        let elapsed = Date().timeIntervalSince(start)
                        log(
                            String(
                                format: "sweep: %@ done (balanced decoder MAPE %.4f %%); %d/%d runs, elapsed %.0f s",
                                point.name, result.score, done, points.count, elapsed))
                    }
                } catch {
                    failures.withLock { $0.append("\(point.name): \(error)") }
                    log("sweep: \(point.name) failed: \(error)")
                }
            }
        }
        let problems = failures.withLock { $0 }
        if !problems.isEmpty { throw DatasetError("sweep runs failed: " + problems.joined(separator: "; ")) }
        return finished()
    }

    /// The finished results in plan order.
    package func finished() -> [SweepResult] {
        let all = results.withLock { $0 }
        return plan.points.compactMap { all[$0] }
    }

    /// Trains (or resumes or reads back) one point and ranks it; nil if stopped.
    private func runPoint(
        _ point: SweepPoint, shouldStop: @escaping @Sendable () -> Bool,
        log: @escaping @Sendable (String) -> Void
    ) throws -> SweepResult? {
        let directory = runDirectory(point)
        if let bundle = try? ModelDirectory.load(from: directory), let result = Self.result(point, bundle) {
            return result
        }
        let checkpoint = directory.appendingPathComponent(VAETrainingRun.checkpointFileName)
        let run = try VAETrainingRun(
            datasetDirectory: datasetDirectory, dataset: dataset, configuration: plan.configuration(for: point),
            splitSeed: plan.splitSeed, outputDirectory: directory, modelName: point.name,
            resume: FileManager.default.fileExists(atPath: checkpoint.path))
        let maximum = run.trainer.configuration.maximumEpochs
        guard
            var bundle = try run.run(progress: { report in
                if report.epoch % 25 == 0 {
                    log(
                        String(
                            format: "  %@: epoch %d/%d, val %.5f, best %d, %.2f s/epoch", point.name, report.epoch, maximum,
                            report.validationLoss.total, report.bestEpoch, report.epochSeconds))
                }
                return shouldStop() ? .stop : .proceed
            })
        else { return nil }
        let rows = run.split.validation.prefix(plan.validationRows)
        let report = try VAEEvaluation.evaluate(
            model: bundle.model, rows: rows, split: "validation",
            tovRelativeTolerance: plan.tovRelativeTolerance, progress: { _ in })
        bundle.metadata.metrics.merge(report.metrics()) { _, new in new }
        try ModelDirectory.save(bundle, to: directory)
        return Self.result(point, bundle)
    }

    /// The result recorded in a finished run's model.json, or nil if it has not been ranked yet.
    static func result(_ point: SweepPoint, _ bundle: ModelBundle) -> SweepResult? {
        let m = bundle.metadata.metrics
        guard let mass = m["validation.decoder_mape_m_max"], let radius = m["validation.decoder_mape_r_14"] else { return nil }
        let record = bundle.metadata.training
        return SweepResult(
            point: point, decoderMaximumMassPercent: mass, decoderRadius14Percent: radius,
            conditioningMaximumMassPercent: m["validation.conditioning_mape_m_max"] ?? .nan,
            conditioningRadius14Percent: m["validation.conditioning_mape_r_14"] ?? .nan,
            tovFailures: Int(m["validation.tov_failures"] ?? 0), causalFraction: m["validation.causal_fraction"] ?? 0,
            validationLoss: m["validation.loss_total"] ?? .nan, bestEpoch: record.bestEpoch,
            completedEpochs: record.completedEpochs, trainingSeconds: m["training.seconds"] ?? 0)
    }

    /// Rewrites sweep.csv and the heat map.
    private func writeOutputs() throws {
        try writing.withLock { _ in
            let finished = finished()
            try AtomicFile.write(Data(SweepTable.csv(finished).utf8), to: outputDirectory.appendingPathComponent("sweep.csv"))
            try AtomicFile.write(
                Data(SweepTable.heatMap(finished, plan: plan).utf8),
                to: outputDirectory.appendingPathComponent("sweep-decoder-mape.svg"))
        }
    }
}
