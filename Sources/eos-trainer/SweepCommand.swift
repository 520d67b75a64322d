import ArgumentParser
import Foundation
import NeuralNetwork
import Training

/// `eos-trainer sweep`: an η × κ × d grid of training runs ranked by validation decoder MAPE.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train an η × κ × d grid of models (JOBS at a time) and rank them by validation decoder MAPE.",
        discussion: """
            Each run trains in OUT/runs/NAME (a complete model directory) and is ranked by the mean of its M_max and \
            R_1.4 decoder MAPE on the first --validation-rows validation rows, every decoded EOS solved with the TOV \
            code. OUT/sweep.csv and OUT/sweep-decoder-mape.svg (heat maps like the paper's Fig. 3) are rewritten after \
            every run. Rerunning the same command resumes: finished runs are read back, interrupted ones continue \
            from their checkpoints. Ctrl-C stops every run after its current epoch.
            """
    )

    @Option(help: "Dataset directory.") var data: String
    @Option(help: "Output directory.") var out: String
    @Option(help: "η values, comma-separated.") var etas = "1e-4,1e-3,1e-2,1e-1"
    @Option(help: "κ values, comma-separated.") var kappas = "1,2,5,10"
    @Option(help: "d values, comma-separated.") var dims = "1,2,3,4"
    @Option(help: "Runs trained at the same time (one thread each).") var jobs = 2
    @Option(help: "Validation rows decoded per run for the ranking.") var validationRows = 1500
    @Option(help: "Maximum epochs per run.") var epochs = 500
    @Option(help: "Early-stopping patience.") var patience = 10
    @Option(help: "Adam learning rate.") var learningRate = 1e-4
    @Option(help: "Rows per gradient step.") var batchSize = 64
    @Option(help: "Seed of initialisation, shuffling and noise.") var seed: UInt64 = 1
    @Option(help: "Seed of the train/validation/test split.") var splitSeed: UInt64 = 1

    func validate() throws {
        guard jobs >= 1, jobs <= 64 else { throw ValidationError("--jobs must be in 1...64") }
        guard validationRows >= 1, epochs >= 1, patience >= 1, batchSize >= 1 else {
            throw ValidationError("--validation-rows, --epochs, --patience and --batch-size must be at least 1")
        }
        _ = try parsedGrid()
    }

    func parsedGrid() throws -> ([Double], [Double], [Int]) {
        func doubles(_ text: String, _ option: String) throws -> [Double] {
            let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                throw ValidationError("\(option) must be comma-separated non-negative numbers, got '\(text)'")
            }
            return values.map { $0! }
        }
        let d = dims.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !d.isEmpty, d.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 16 }) else {
            throw ValidationError("--dims must be comma-separated integers in 1...16, got '\(dims)'")
        }
        return (try doubles(etas, "--etas"), try doubles(kappas, "--kappas"), d.map { $0! })
    }

    func run() throws {
        let interrupt = InterruptFlag()
        do {
            let (etaValues, kappaValues, dimValues) = try parsedGrid()
            let base = TrainingConfiguration(
                optimizer: AdamConfiguration(learningRate: learningRate), batchSize: batchSize,
                maximumEpochs: epochs, patience: patience, seed: seed)
            let plan = SweepPlan(
                etas: etaValues, kappas: kappaValues, latentDimensions: dimValues, baseConfiguration: base,
                splitSeed: splitSeed, validationRows: validationRows)
            let dataURL = URL(fileURLWithPath: data)
            let runner = SweepRunner(
                plan: plan, dataset: try Dataset(directory: dataURL), datasetDirectory: dataURL,
                outputDirectory: URL(fileURLWithPath: out))
            printError(
                "sweep of \(plan.points.count) runs (\(etaValues.count) η × \(kappaValues.count) κ × \(dimValues.count) d), \(jobs) at a time, into \(out)"
            )
            let results = try runner.run(jobs: jobs, shouldStop: interrupt.poll, log: printError)
            print(SweepTable.csv(results), terminator: "")
            if results.count < plan.points.count {
                printError("stopped with \(results.count)/\(plan.points.count) runs finished; rerun the same command to continue")
                throw ExitCode(130)
            }
            if let best = SweepTable.best(results) {
                print(
                    String(
                        format: "best: %@ (balanced validation decoder MAPE %.4f %%: M_max %.4f %%, R_1.4 %.4f %%) in %@",
                        best.point.name, best.score, best.decoderMaximumMassPercent, best.decoderRadius14Percent,
                        runner.runDirectory(best.point).path))
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }
}
