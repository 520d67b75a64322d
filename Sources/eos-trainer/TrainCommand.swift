import ArgumentParser
import Foundation
import ModelFormat
import NeuralNetwork
import Training

/// `eos-trainer train`: trains the structured VAE on a dataset and writes a model directory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the structured VAE on a dataset and write models/NAME (model.safetensors + model.json).",
        discussion: """
            Splits the dataset 70/15/15 with --split-seed, trains with Adam and early stopping on the validation loss, \
            and prints one progress line per epoch on standard error. A checkpoint is written to OUT/\
            \(VAETrainingRun.checkpointFileName) after every epoch; Ctrl-C stops after the current epoch, and --resume \
            continues from the checkpoint with its original settings.
            """
    )

    @Option(help: "Dataset directory (manifest.json + .npy arrays).") var data: String
    @Option(help: "Output model directory, e.g. models/NAME.") var out: String
    @OptionGroup var hyperParameters: TrainingOptions
    @Flag(
        help:
            "Continue from OUT/\(VAETrainingRun.checkpointFileName) (the settings stored there are used; a run started with --init-from needs it again)."
    )
    var resume = false
    @Option(
        help: "Start from this model's weights and scalers with a fresh optimizer (a second stage, e.g. at a lower learning rate).")
    var initFrom: String?
    @Option(
        help: ArgumentHelp(
            "A further dataset whose every row joins the training rows (repeatable); validation and test stay --data's split.",
            valueName: "dir"))
    var extraData: [String] = []

    func run() throws {
        let interrupt = InterruptFlag()
        let outURL = URL(fileURLWithPath: out)
        do {
            let dataURL = URL(fileURLWithPath: data)
            let dataset = try Dataset(directory: dataURL)
            let initial = try initFrom.map { try ModelDirectory.load(from: URL(fileURLWithPath: $0)) }
            let extra = try extraData.map { path in
                let url = URL(fileURLWithPath: path)
                return (directory: url, dataset: try Dataset(directory: url))
            }
            let run = try VAETrainingRun(
                datasetDirectory: dataURL, dataset: dataset,
                configuration: hyperParameters.configuration, splitSeed: hyperParameters.splitSeed,
                outputDirectory: outURL, modelName: outURL.lastPathComponent, resume: resume,
                initialModel: initial, extraTraining: extra)
            let configuration = run.trainer.configuration
            let architecture = configuration.architecture
            printError(
                "training on \(run.trainingRows.count) rows"
                    + (extra.isEmpty
                        ? "" : " (\(run.split.training.count) of the split + \(run.trainingRows.count - run.split.training.count) extra)")
                    + ", validating on \(run.split.validation.count) "
                    + "(split seed \(run.split.seed)); η = \(configuration.lossWeights.kl), κ = \(configuration.lossWeights.supervised), "
                    + "d = \(architecture.latentCount), lr = \(configuration.optimizer.learningRate), batch \(configuration.batchSize), "
                    + "≤ \(configuration.maximumEpochs) epochs, patience \(configuration.patience), seed \(configuration.seed); "
                    + "\(architecture.parameterCount) parameters; BLAS \(GEMM.backendDescription)"
                    + (resume ? "; resuming after epoch \(run.trainer.completedEpochs)" : "")
                    + (initFrom.map { "; starting from the weights of \($0)" } ?? ""))
            let rows = Double(run.trainingRows.count)
            let bundle = try run.run { report in
                printError(Self.progressLine(report, configuration: configuration, rows: rows))
                return interrupt.isRaised ? .stop : .proceed
            }
            guard let bundle else {
                printError("stopped after epoch \(run.trainer.completedEpochs); checkpoint saved, continue with --resume")
                throw ExitCode(130)
            }
            let record = bundle.metadata.training
            let seconds = bundle.metadata.metrics["training.seconds"] ?? 0
            print(
                "wrote \(out): best epoch \(record.bestEpoch) of \(record.completedEpochs) (\(record.stopReason)), "
                    + String(format: "validation loss %.6g, %.1f s", bundle.metadata.metrics["validation.loss_total"] ?? .nan, seconds))
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }

    static func progressLine(_ report: EpochReport, configuration: TrainingConfiguration, rows: Double) -> String {
        let t = report.trainingLoss, v = report.validationLoss
        let rate = rows / max(report.epochSeconds, 1e-9)
        let meanEpoch = report.elapsedSeconds / Double(report.epoch)
        let remaining = Double(configuration.maximumEpochs - report.epoch) * meanEpoch
        return String(
            format:
                "epoch %d/%d  train %.5f (rec %.5f sup %.5f kl %.3f)  val %.5f (rec %.5f sup %.5f)%@  best %d  %.2f s/epoch  %.0f samples/s  elapsed %@  ETA ≤ %@",
            report.epoch, configuration.maximumEpochs, t.total, t.reconstruction, t.supervised, t.kl,
            v.total, v.reconstruction, v.supervised, (report.isBest ? " *" : "  ") as NSString,
            report.bestEpoch, report.epochSeconds, rate,
            ProgressLine.duration(report.elapsedSeconds) as NSString, ProgressLine.duration(remaining) as NSString)
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
