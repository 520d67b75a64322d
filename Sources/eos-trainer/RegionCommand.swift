import ArgumentParser
import Foundation
import ModelFormat
import NeuralNetwork
import Training

/// `eos-trainer region`: learns the training region (a density of the training set in (M_max, R_1.4, z)) and stores
/// it in the model's model.json.
struct RegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region",
        abstract: "Learn where the training set lies in (M_max, R_1.4, z) and store it in the model.",
        discussion: """
            Encodes the training split (the model's split seed) of the dataset the model was trained on and fits a \
            Gaussian kernel density on whitened (M_max, R_1.4, mu_v): --support-points random training rows are the \
            kernel centres, --calibration-points others choose the bandwidth (largest held-out log-likelihood among \
            --bandwidths) and calibrate the score (the fraction of training points with lower density). A point is \
            inside the training region when its score is at least --threshold. Prints the score's calibration on the \
            validation split, then writes model.json (atomically) unless --no-write.
            """
    )

    @Option(help: "Model directory.") var model: String
    @Option(help: "Dataset directory the model was trained on.") var data: String
    @Option(help: "Kernel centres drawn from the training split.") var supportPoints = 2000
    @Option(help: "Further training rows that choose the bandwidth and calibrate the score.") var calibrationPoints = 5000
    @Option(help: "Candidate kernel bandwidths in whitened units, comma-separated.")
    var bandwidths = "0.2,0.3,0.4,0.5,0.6"
    @Option(help: "Score at or above which a point is inside the training region, in [0, 1].") var threshold = 0.01
    @Option(help: "Seed of the subsample.") var seed: UInt64 = 1
    @Flag(help: "Do not write model.json.") var noWrite = false

    func validate() throws {
        guard supportPoints >= 1 else { throw ValidationError("--support-points must be at least 1") }
        guard calibrationPoints >= 1 else { throw ValidationError("--calibration-points must be at least 1") }
        guard threshold >= 0, threshold <= 1 else { throw ValidationError("--threshold must lie in [0, 1]") }
        guard let values = parsedBandwidths, !values.isEmpty, values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ValidationError("--bandwidths must be positive numbers separated by commas, e.g. 0.1,0.2")
        }
    }

    private var parsedBandwidths: [Double]? {
        let values = bandwidths.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        return values.contains(nil) ? nil : values.compactMap { $0 }
    }

    func run() throws {
        do {
            let modelURL = URL(fileURLWithPath: model), dataURL = URL(fileURLWithPath: data)
            let bundle = try ModelDirectory.load(from: modelURL)
            let dataset = try Dataset(directory: dataURL)
            if let warning = try VAEDatasetIdentity.mismatchWarning(directory: dataURL, model: bundle) { printError(warning) }
            let split = VAEDataSplit(dataset: dataset, seed: bundle.metadata.training.splitSeed)
            let options = RegionFitting.Options(
                supportCount: supportPoints, calibrationCount: calibrationPoints,
                bandwidths: parsedBandwidths!, threshold: threshold, seed: seed)
            let fit = try RegionFitting.fit(model: bundle.model, training: split.training, options: options, progress: printError)
            let support = fit.support
            let levels = [0.01, 0.05, 0.1, 0.5, 0.9]
            let validation = try RegionFitting.coordinates(model: bundle.model, rows: split.validation)
            let fractions = RegionFitting.calibration(support: support, points: validation, levels: levels)
            print(
                String(
                    format: "bandwidth %.3f (whitened units), %d kernel centres, %d calibration points, threshold %.3f",
                    support.bandwidth, support.whitenedPoints.count, support.calibrationLogDensities.count, support.threshold))
            print(
                "validation split (\(validation.count) rows), fraction with score below: "
                    + zip(levels, fractions).map { String(format: "%.2f: %.4f", $0, $1) }.joined(separator: ", "))
            guard !noWrite else { return }
            let updated = try RegionFitting.model(bundle.model, with: support)
            var metadata = bundle.metadata
            metadata.metrics.merge(RegionFitting.metrics(support: support, levels: levels, fractions: fractions)) { _, new in new }
            try ModelDirectory.save(ModelBundle(model: updated, metadata: metadata), to: modelURL)
            printError("wrote \(modelURL.appendingPathComponent(ModelDirectory.documentFileName).path)")
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }
}
