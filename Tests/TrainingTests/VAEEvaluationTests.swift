import EOSDecoding
import Foundation
import ModelFormat
import NeuralNetwork
import Testing
import Training

@Suite("VAE evaluation and sweep")
struct VAEEvaluationTests {
    /// A barely trained model: most decoded EOSs fail, which is what the counting must survive.
    static let tinyModel: VAEModel = {
        let dataset = try! Dataset(directory: vaeFixtureDirectory)
        let split = VAEDataSplit(dataset: dataset, seed: 1)
        let trainer = try! VAETrainer(
            trainingVectors: split.training.vectors, trainingLabels: split.training.labels,
            validationVectors: split.validation.vectors, validationLabels: split.validation.labels,
            configuration: tinyConfiguration(epochs: 2))
        trainer.train { _ in .proceed }
        return try! trainer.bestModel()
    }()

    @Test("Every evaluated row is either measured or counted as a failure, and metrics are keyed by split")
    func evaluationCountsEveryRow() throws {
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        let rows = VAEDataSplit(dataset: dataset, seed: 1).test.prefix(4)
        #expect(rows.count == 4)
        let report = try VAEEvaluation.evaluate(model: Self.tinyModel, rows: rows, split: "test", progress: { _ in })
        #expect(report.rowCount == 4)
        #expect(report.decoder.count + report.tovFailures == 4)
        #expect(report.conditioning.count + report.conditioningFailures == 4)
        #expect(report.failuresByStage.values.reduce(0, +) == report.tovFailures + report.conditioningFailures)
        #expect(report.encoder.count == 4 && report.encoder.maximumMassPercent.isFinite)
        #expect((0...1).contains(report.causalFraction))
        let metrics = report.metrics()
        for key in [
            "test.decoder_mape_m_max", "test.decoder_mape_r_14", "test.conditioning_mape_m_max",
            "test.encoder_mape_r_14", "test.tov_failures", "test.causal_fraction",
        ] {
            #expect(metrics[key]?.isFinite == true, "\(key)")
        }
    }

    @Test("The latent grid stays inside the training window and accounts for every point")
    func latentGridAccountsForEveryPoint() throws {
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        let report = try VAELatentGridCheck.run(model: Self.tinyModel, window: dataset.manifest.window, count: 6, progress: { _ in })
        #expect(report.pointCount == 6)
        #expect(report.solved + report.failuresByStage.values.reduce(0, +) == 6)
        #expect(report.failureExamples.count == min(5, 6 - report.solved))
        #expect(report.insideRegionSolved <= min(report.insideRegion, report.solved))
        let region = TrainingRegion(statistics: Self.tinyModel.latentStatistics, sigmas: 3)
        let inside = VAELatentGridCheck.points(region: region, window: dataset.manifest.window, count: 6).filter {
            region.contains(maximumMassMsun: $0.maximumMassMsun, radius14Km: $0.radius14Km, z: $0.z ?? [])
        }
        #expect(report.insideRegion == inside.count, "the report counts the grid points its model's region contains")
        #expect(report.metrics["latent_grid.inside_region"] == Double(inside.count))
    }

    @Test("The `all` split is every row of the dataset, in order, for a held-out dataset")
    func allSplitIsEveryRow() throws {
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        let split = VAEDataSplit(dataset: dataset, seed: 7)
        #expect(split.rows(.all).indices == Array(0..<300))
        #expect(split.all.labels[17] == Array(dataset.y.row(17)))
        #expect(Set(split.training.indices + split.validation.indices + split.test.indices) == Set(split.all.indices))
    }

    @Test("Sweep point names and CSV")
    func sweepNamesAndTable() throws {
        #expect(SweepPoint(eta: 1e-3, kappa: 2, latentDimension: 1).name == "eta1e-03_kappa2_d1")
        #expect(SweepPoint(eta: 0.1, kappa: 0.5, latentDimension: 4).name == "eta1e-01_kappa0.5_d4")
        let plan = SweepPlan(
            etas: [1e-3, 1e-2], kappas: [1], latentDimensions: [1], baseConfiguration: tinyConfiguration(epochs: 1),
            splitSeed: 1, validationRows: 2)
        #expect(plan.points.map(\.name) == ["eta1e-03_kappa1_d1", "eta1e-02_kappa1_d1"])
        #expect(plan.configuration(for: plan.points[1]).lossWeights == LossWeights(supervised: 1, kl: 1e-2))
        let good = SweepResult(
            point: plan.points[0], decoderMaximumMassPercent: 0.1, decoderRadius14Percent: 0.3,
            conditioningMaximumMassPercent: 0.2, conditioningRadius14Percent: 0.4, tovFailures: 0,
            causalFraction: 1, validationLoss: 0.01, bestEpoch: 5, completedEpochs: 9, trainingSeconds: 1)
        var failing = good
        failing.point = plan.points[1]
        failing.decoderMaximumMassPercent = 0.01
        failing.tovFailures = 1
        #expect(SweepTable.best([good, failing]) == good, "runs with failures are not ranked")
        let csv = SweepTable.csv([good, failing]).split(separator: "\n")
        #expect(csv.count == 3 && csv[1].hasPrefix("0.001,1.0,1,0.10000,0.30000,0.20000,"))
        let svg = try SweepTable.heatMap([good, failing], plan: plan)
        #expect(svg.contains("class=\"series series-0 heatmap\""))
    }

    @Test("A two-run sweep trains, ranks and writes its table; rerunning reads the runs back")
    func sweepRunsAndResumes() throws {
        let directory = try vaeScratchDirectory("sweep")
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = SweepPlan(
            etas: [1e-3, 1e-2], kappas: [2], latentDimensions: [1], baseConfiguration: tinyConfiguration(epochs: 2),
            splitSeed: 1, validationRows: 2)
        let dataset = try Dataset(directory: vaeFixtureDirectory)
        let runner = SweepRunner(plan: plan, dataset: dataset, datasetDirectory: vaeFixtureDirectory, outputDirectory: directory)
        let results = try runner.run(jobs: 2, shouldStop: { false }, log: { _ in })
        #expect(results.map(\.point) == plan.points)
        let csv = try String(contentsOf: directory.appendingPathComponent("sweep.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sweep-decoder-mape.svg").path))
        let again = SweepRunner(plan: plan, dataset: dataset, datasetDirectory: vaeFixtureDirectory, outputDirectory: directory)
        #expect(try again.run(jobs: 1, shouldStop: { false }, log: { _ in }) == results)
    }
}
