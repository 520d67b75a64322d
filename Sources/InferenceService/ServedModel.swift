import APIModels
import EOSDecoding
import Foundation
import ModelFormat
import NeuralNetwork

/// The loaded model and everything derived from it once: the training region, the accepted input ranges
/// and the `/v1/models` document (whose `training_region` the requests are checked against).
struct ServedModel: Sendable {
    /// The model's name (its directory name).
    let name: String
    /// Weights and metadata.
    let bundle: ModelBundle
    /// The training region used by `diagnostics.inside_training_region`.
    let region: TrainingRegion
    /// Accepted M_max [M☉] (training label range).
    let maximumMassRange: ClosedRange<Double>
    /// Accepted R_1.4 [km] (training label range).
    let radius14Range: ClosedRange<Double>
    /// The `/v1/models/{name}` document.
    let info: ModelInfo
    /// A decoder checked at load time (with the default curve size).
    let decoder: EOSDecoder
    /// FNV-1a hash of the weights file (16 hex digits), as recorded in model.json.
    let weightsHash: String

    /// Loads `configuration.modelPath`.
    /// - Throws: ``ServiceError/modelLoad(path:reason:)`` if the directory is missing or invalid, or the model
    ///   does not have the shape the decoder needs.
    init(configuration: ServiceConfiguration) throws(ServiceError) {
        let path = configuration.modelPath
        let bundle: ModelBundle
        do {
            bundle = try ModelDirectory.load(from: path)
        } catch {
            throw .modelLoad(path: path.path, reason: "\(error)")
        }
        let options = DecodingOptions(
            tovRelativeTolerance: configuration.tovRelativeTolerance,
            curvePoints: configuration.defaultMassRadiusPoints,
            latentRegionSigmas: configuration.regionSigmas)
        do {
            decoder = try EOSDecoder(model: bundle.model, options: options)
        } catch {
            throw .modelLoad(path: path.path, reason: "\(error)")
        }
        name = configuration.modelName
        self.bundle = bundle
        // The load above checked the file against model.json's hash; read again only to report it (~100 kB).
        weightsHash = (try? Data(contentsOf: path.appendingPathComponent(ModelDirectory.weightsFileName))).map(FNV1a.hash64) ?? "unknown"
        region = decoder.trainingRegion
        let statistics = bundle.model.latentStatistics
        maximumMassRange = statistics.labelMinimums[0]...statistics.labelMaximums[0]
        radius14Range = statistics.labelMinimums[1]...statistics.labelMaximums[1]
        let k = configuration.zLimitSigmas
        let zRanges = zip(statistics.latentMeans, statistics.latentStandardDeviations).map { mean, std in
            (mean - k * std)...(mean + k * std)
        }
        info = Self.info(
            name: name, bundle: bundle, configuration: configuration,
            mass: maximumMassRange, radius: radius14Range, z: zRanges)
    }

    /// d, the number of unsupervised latents.
    var latentDimension: Int { bundle.model.architecture.latentCount }

    /// A decoder with `curvePoints` stars per mass–radius curve.
    func decoder(curvePoints: Int) -> EOSDecoder {
        guard curvePoints != decoder.options.curvePoints else { return decoder }
        var options = decoder.options
        options.curvePoints = curvePoints
        // The options differ from the checked ones only in a curve size already validated against 2...10000.
        return (try? EOSDecoder(model: bundle.model, options: options)) ?? decoder
    }

    /// The published form of a learned support (coordinates named `m_max`, `r_14`, `z1` … `zd`).
    static func supportInfo(_ support: TrainingSupport) -> RegionSupportInfo {
        RegionSupportInfo(
            coordinates: ["m_max", "r_14"] + (0..<max(support.dimension - 2, 0)).map { "z\($0 + 1)" },
            center: support.center, choleskyFactor: support.choleskyFactor, bandwidth: support.bandwidth,
            whitenedPoints: support.whitenedPoints, calibrationLogDensities: support.calibrationLogDensities,
            threshold: support.threshold)
    }

    private static func info(
        name: String, bundle: ModelBundle, configuration: ServiceConfiguration,
        mass: ClosedRange<Double>, radius: ClosedRange<Double>, z: [ClosedRange<Double>]
    ) -> ModelInfo {
        let architecture = bundle.model.architecture
        let record = bundle.metadata.training
        let training = record.configuration
        let statistics = bundle.model.latentStatistics
        return ModelInfo(
            name: name,
            architecture: ArchitectureInfo(
                inputCount: architecture.inputCount, supervisedLatents: architecture.supervisedLatentCount,
                latentDimension: architecture.latentCount, encoderHiddenWidths: architecture.encoderHiddenWidths,
                decoderHiddenWidths: architecture.decoderHiddenWidths, activation: architecture.activation.rawValue,
                parameterCount: architecture.parameterCount),
            training: TrainingInfo(
                kappa: training.lossWeights.supervised, eta: training.lossWeights.kl,
                learningRate: training.optimizer.learningRate, batchSize: training.batchSize,
                maximumEpochs: training.maximumEpochs, patience: training.patience, seed: training.seed,
                bestEpoch: record.bestEpoch, completedEpochs: record.completedEpochs, stopReason: record.stopReason),
            metrics: bundle.metadata.metrics.filter { $0.value.isFinite },
            trainingRegion: TrainingRegionInfo(
                maximumMass: ValueRange(min: mass.lowerBound, max: mass.upperBound),
                radius14: ValueRange(min: radius.lowerBound, max: radius.upperBound),
                z: zip(zip(statistics.latentMeans, statistics.latentStandardDeviations), z).map { stats, range in
                    LatentDimensionInfo(mean: stats.0, std: stats.1, min: range.lowerBound, max: range.upperBound)
                },
                zSigmas: configuration.regionSigmas, zLimitSigmas: configuration.zLimitSigmas,
                sampleCount: statistics.sampleCount, support: statistics.support.map { Self.supportInfo($0) }),
            limits: RequestLimits(
                maxBatchPoints: configuration.maxBatchPoints, maxEOSPoints: configuration.maxEOSPoints,
                maxMassRadiusPoints: configuration.maxMassRadiusPoints, defaultEOSPoints: configuration.defaultEOSPoints,
                defaultMassRadiusPoints: configuration.defaultMassRadiusPoints, maxBodyBytes: configuration.maxBodyBytes))
    }
}
