import ArgumentParser
import NeuralNetwork

/// The hyper-parameters of a training run (defaults: the paper's η = 0.001, κ = 2, d = 1; Adam lr 1e-4, batch 64,
/// ≤ 500 epochs, patience 10).
struct TrainingOptions: ParsableArguments {
    @Option(help: "η, the weight of the KL term.") var eta = 0.001
    @Option(help: "κ, the weight of the supervised term.") var kappa = 2.0
    @Option(help: "d, the number of unsupervised latents.") var latentDim = 1
    @Option(help: "Maximum number of epochs.") var epochs = 500
    @Option(help: "Early-stopping patience in epochs.") var patience = 10
    @Option(help: "Seed of initialisation, shuffling and noise.") var seed: UInt64 = 1
    @Option(help: "Seed of the 70/15/15 train/validation/test split.") var splitSeed: UInt64 = 1
    @Option(help: "Rows per gradient step.") var batchSize = 64
    @Option(help: "Adam learning rate.") var learningRate = 1e-4
    @Option(help: "Encoder hidden widths, comma-separated.") var encoderWidths = "128,64,64"
    @Option(help: "Decoder hidden widths, comma-separated.") var decoderWidths = "64,128"
    @Option(help: "Hidden-layer activation (\(Activation.allCases.map(\.rawValue).joined(separator: ", "))).")
    var activation: Activation = .relu

    func validate() throws {
        guard eta >= 0, kappa >= 0 else { throw ValidationError("--eta and --kappa must be non-negative") }
        guard latentDim >= 1, latentDim <= 16 else { throw ValidationError("--latent-dim must be in 1...16") }
        guard epochs >= 1, patience >= 1, batchSize >= 1 else {
            throw ValidationError("--epochs, --patience and --batch-size must be at least 1")
        }
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
        _ = try Self.widths(encoderWidths, option: "--encoder-widths")
        _ = try Self.widths(decoderWidths, option: "--decoder-widths")
    }

    /// The configuration these options describe.
    var configuration: TrainingConfiguration {
        var architecture = VAEArchitecture(latentCount: latentDim)
        architecture.encoderHiddenWidths = (try? Self.widths(encoderWidths, option: "")) ?? architecture.encoderHiddenWidths
        architecture.decoderHiddenWidths = (try? Self.widths(decoderWidths, option: "")) ?? architecture.decoderHiddenWidths
        architecture.activation = activation
        return TrainingConfiguration(
            architecture: architecture, lossWeights: LossWeights(supervised: kappa, kl: eta),
            optimizer: AdamConfiguration(learningRate: learningRate), batchSize: batchSize,
            maximumEpochs: epochs, patience: patience, seed: seed)
    }

    static func widths(_ text: String, option: String) throws -> [Int] {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 4096 }) else {
            throw ValidationError("\(option) must be comma-separated widths in 1...4096, got '\(text)'")
        }
        return values.map { $0! }
    }
}

extension Activation: ExpressibleByArgument {}
