import ArgumentParser
import Foundation
import ModelFormat
import NeutronStarPhysics
import Training

/// `eos-trainer generate`: the training set.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Sample Skyrme models and write the EOS training set (manifest.json + .npy arrays).",
        discussion: """
            Keeps drawing nuclear-matter parameters from the prior until COUNT models pass every physics filter and the \
            training window. The output depends only on the seed and settings, not on --workers. An interrupted run \
            continues with --resume. Set SOURCE_DATE_EPOCH for a reproducible manifest timestamp.
            """
    )

    @Option(help: "Number of accepted models.") var count: Int
    @Option(help: "Random seed.") var seed: UInt64
    @Option(help: "Output directory.") var out: String
    @Option(help: "Worker threads (default: all cores).") var workers = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "A JSON prior: {\"L\": {\"low\": 30, \"high\": 90}, …}; unspecified parameters keep the defaults.") var prior: String?
    @Flag(help: "Continue an interrupted run in the same directory.") var resume = false
    @Option(help: "Lower bound of M_max [Msun] in the training window.") var mMaxMin = 1.95
    @Option(help: "Upper bound of M_max [Msun] in the training window.") var mMaxMax = 2.5
    @Option(help: "Upper bound of R_1.4 [km] in the training window (the lower bound is 3 M_max + 4).") var r14Max = 15.0
    @OptionGroup var physics: PhysicsOptions

    func validate() throws {
        guard count > 0, count <= 10_000_000 else { throw ValidationError("--count must be in 1...10000000") }
        guard workers >= 1, workers <= 512 else { throw ValidationError("--workers must be in 1...512") }
        guard mMaxMin < mMaxMax else { throw ValidationError("--m-max-min must be below --m-max-max") }
    }

    func run() throws {
        var config = GenerationConfiguration(count: count, seed: seed)
        config.window.massLower = mMaxMin
        config.window.massUpper = mMaxMax
        config.window.radiusUpper = r14Max
        config.physics = GenerationPhysics(options: physics.eosOptions, tolerance: 1e-8)
        do {
            if let prior {
                config.prior = try JSONDecoder().decode(SkyrmePrior.self, from: try InputFiles.data(at: prior))
            }
            let created =
                ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
                ?? Date()
            let generator = DatasetGenerator(configuration: config, directory: URL(fileURLWithPath: out), workers: workers)
            let progress = ProgressLine()
            let manifest = try generator.run(resume: resume, creationDate: created) { p in
                let eta = p.etaSeconds.map { ProgressLine.duration($0) } ?? "?"
                progress.update(
                    String(
                        format: "accepted %d/%d, attempted %d (%.1f%%), %.1f models/s, elapsed %@, ETA %@",
                        p.accepted, p.target, p.attempted, 100 * Double(p.accepted) / Double(max(p.attempted, 1)),
                        p.rate, ProgressLine.duration(p.elapsedSeconds) as NSString, eta as NSString))
            }
            progress.finish()
            print("wrote \(manifest.count) models (\(manifest.attempted) draws) to \(out)")
        } catch let error as DecodingError {
            throw fail("\(prior ?? "prior"): not a valid prior (\(error))")
        } catch {
            throw fail("\(error)")
        }
    }
}

/// `eos-trainer dataset-report`: statistics and plots of a training set.
struct DatasetReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset-report",
        abstract: "Summary statistics of a dataset, an SVG scatter of (M_max, R_1.4) with SLy4, and parameter histograms."
    )

    @Argument(help: "The dataset directory.") var directory: String
    @Option(help: "Where to write the SVG files (default: DIRECTORY/report).") var out: String?

    func run() throws {
        do {
            let dataset = try Dataset(directory: URL(fileURLWithPath: directory))
            let report = DatasetReport(dataset: dataset)
            print(report.text())
            let sly4 = try SkyrmeStarAnalysis(parameters: .sly4, curvePoints: 0).summary
            let outDir = URL(fileURLWithPath: out ?? (directory as NSString).appendingPathComponent("report"))
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
            let mr = outDir.appendingPathComponent("mass_radius.svg"), hist = outDir.appendingPathComponent("parameters.svg")
            try AtomicFile.write(
                Data(try report.massRadiusSVG(sly4: (sly4.maximumMassStar.massMsun, sly4.canonicalStar.radiusKm)).utf8), to: mr)
            try AtomicFile.write(Data(try report.parameterHistogramsSVG().utf8), to: hist)
            print("wrote \(mr.path) and \(hist.path)")
        } catch {
            throw fail("\(error)")
        }
    }
}
