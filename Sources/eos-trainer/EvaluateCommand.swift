import ArgumentParser
import Foundation
import EOSDecoding
import ModelFormat
import Training

/// `eos-trainer evaluate`: held-out metrics of a model, written into its model.json.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Decoder, conditioning and encoder MAPE, TOV failures and causality of a model on held-out data.",
        discussion: """
            Uses the split recorded in the model (its split seed) on the dataset it was trained on. Every decoded EOS is \
            rebuilt and solved with the TOV code on all cores. The metrics are stored in OUT's model.json under \
            SPLIT.KEY (e.g. test.decoder_mape_m_max, in percent) unless --no-write. --latent-grid N also decodes N \
            points spread over the training region (window × ±3σ in z) and counts every failure.
            """
    )

    @Option(help: "Model directory.") var model: String
    @Option(help: "Dataset directory the model was trained on.") var data: String
    @Option(help: "Split to evaluate: train, validation, test, or all (every row, for a held-out dataset the model never saw).") var split =
        "test"
    @Option(help: "Evaluate only the first N rows of the split.") var limit: Int?
    @Option(help: "Name of the metrics in the report and model.json (default: the split's name), e.g. heldout.")
    var label: String?
    @Option(help: "Relative tolerance of the TOV solutions.") var tovTolerance = 1e-6
    @Option(help: "Also decode N points spread over the training region of latent space (0: skip).") var latentGrid = 0
    @Option(help: "Half-width of the latent grid's z range in training standard deviations.") var latentGridSigmas = 3.0
    @Option(
        help:
            "Also decode N points uniform over the training label box (z at the training mean) and compare inside and outside the learned training region (0: skip)."
    )
    var regionGrid = 0
    @Flag(help: "In the region grid, draw z from the training rows' mu_v instead of the training mean.")
    var regionGridTrainingZ = false
    @Option(
        help:
            "Also condition the first N rows of the split exactly (their true M_max, R_1.4 with their encoder mu_v) and report iterations, residuals and cost (0: skip)."
    )
    var exact = 0
    @Option(help: "Relative tolerance of --exact.") var exactTolerance = 1e-5
    @Flag(help: "Do not write the metrics into model.json.") var noWrite = false
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        guard VAESplitName(rawValue: split) != nil else { throw ValidationError("--split must be train, validation, test or all") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let label, label.isEmpty || label.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw ValidationError("--label must be letters, digits and underscores, got '\(label)'")
        }
        guard regionGrid >= 0 else { throw ValidationError("--region-grid must be non-negative") }
        guard exact >= 0 else { throw ValidationError("--exact must be non-negative") }
        guard ExactConditioning.toleranceRange.contains(exactTolerance) else {
            throw ValidationError("--exact-tolerance must lie in \(ExactConditioning.toleranceRange)")
        }
        guard latentGrid >= 0 else { throw ValidationError("--latent-grid must be non-negative") }
        guard latentGridSigmas > 0, latentGridSigmas.isFinite else { throw ValidationError("--latent-grid-sigmas must be positive") }
        guard tovTolerance > 0, tovTolerance < 1e-2 else { throw ValidationError("--tov-tolerance must be in (0, 1e-2)") }
    }

    func run() throws {
        do {
            let modelURL = URL(fileURLWithPath: model), dataURL = URL(fileURLWithPath: data)
            var bundle = try ModelDirectory.load(from: modelURL)
            let dataset = try Dataset(directory: dataURL)
            if let warning = try VAEDatasetIdentity.mismatchWarning(directory: dataURL, model: bundle) {
                let hash = try VAEDatasetIdentity.manifestHash(directory: dataURL)
                let wasTrainedOn = bundle.metadata.training.extraDatasetManifestHashes?.contains(hash) == true
                let heldOut = split == VAESplitName.all.rawValue && !wasTrainedOn
                printError(heldOut ? "\(dataURL.path) is not a dataset the model was trained on: every row is held out" : warning)
            }
            let rows = VAEDataSplit(dataset: dataset, seed: bundle.metadata.training.splitSeed)
                .rows(VAESplitName(rawValue: split)!).prefix(limit)
            let report = try VAEEvaluation.evaluate(
                model: bundle.model, rows: rows, split: label ?? split,
                tovRelativeTolerance: tovTolerance, progress: printError)
            var metrics = report.metrics()
            var grid: LatentGridReport?
            if latentGrid > 0 {
                let result = try VAELatentGridCheck.run(
                    model: bundle.model, window: dataset.manifest.window, count: latentGrid,
                    sigmas: latentGridSigmas, tovRelativeTolerance: tovTolerance,
                    progress: printError)
                metrics.merge(result.metrics) { _, new in new }
                grid = result
            }
            var regionReport: RegionGridReport?
            if regionGrid > 0 {
                let latents =
                    try regionGridTrainingZ
                    ? bundle.model.encode(batch: VAEDataSplit(dataset: dataset, seed: bundle.metadata.training.splitSeed).training.vectors)
                        .map(\.latentMeans)
                    : nil
                let result = try RegionGridCheck.run(
                    model: bundle.model, count: regionGrid, latents: latents,
                    tovRelativeTolerance: tovTolerance, progress: printError)
                metrics.merge(result.metrics) { _, new in new }
                regionReport = result
            }
            var exactReport: ExactConditioningReport?
            if exact > 0 {
                let result = try ExactConditioningCheck.run(
                    model: bundle.model, rows: rows.prefix(exact), tolerance: exactTolerance,
                    tovRelativeTolerance: tovTolerance, progress: printError)
                metrics.merge(result.metrics) { _, new in new }
                exactReport = result
            }
            if !noWrite {
                bundle.metadata.metrics.merge(metrics) { _, new in new }
                try ModelDirectory.save(bundle, to: modelURL)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(
                    String(
                        decoding: try encoder.encode(
                            EvaluationOutput(
                                report: report, latentGrid: grid, regionGrid: regionReport,
                                exactConditioning: exactReport)),
                        as: UTF8.self))
            } else {
                print(report.text())
                if let grid { print(grid.text()) }
                if let regionReport { print(regionReport.text()) }
                if let exactReport { print(exactReport.text()) }
            }
        } catch {
            throw fail("\(error)")
        }
    }
}

/// The JSON output of `evaluate --json`.
private struct EvaluationOutput: Encodable {
    var report: VAEEvaluationReport
    var latentGrid: LatentGridReport?
    var regionGrid: RegionGridReport?
    var exactConditioning: ExactConditioningReport?
}
