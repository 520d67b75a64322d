/// The shape of the structured VAE.
///
/// Encoder: `inputCount → encoderHiddenWidths… → heads (μ_s, μ_v, log σ²_v)`.
/// Decoder: `[μ_s, z_v] → decoderHiddenWidths… → heads (soundSpeedCount raw a_i, boundaryCount ln values)`.
/// The defaults are the first default model's shape: 107 → 128 → 64 → 64, d = 4, (2 + d) → 64 → 128 → 101 + 6, ReLU
/// (the training benchmark's reference network). models/default now uses SiLU and a 128 → 256 → 256 decoder.
public struct VAEArchitecture: Sendable, Equatable, Codable {
    /// Number of sound-speed outputs (ln c_s² values), first in the 107-vector.
    public var soundSpeedCount: Int = 101
    /// Number of boundary outputs (ln values), after the sound speeds.
    public var boundaryCount: Int = 6
    /// Number of supervised latents (M_max, R_1.4).
    public var supervisedLatentCount: Int = 2
    /// Number of unsupervised latents d.
    public var latentCount: Int = 4
    /// Encoder hidden-layer widths.
    public var encoderHiddenWidths: [Int] = [128, 64, 64]
    /// Decoder hidden-layer widths.
    public var decoderHiddenWidths: [Int] = [64, 128]
    /// Hidden-layer activation.
    public var activation: Activation = .relu

    /// The default shape with `latentCount` unsupervised latents.
    public init(latentCount: Int = 4) {
        self.latentCount = latentCount
    }

    /// A fully specified architecture.
    public init(
        soundSpeedCount: Int, boundaryCount: Int, supervisedLatentCount: Int, latentCount: Int,
        encoderHiddenWidths: [Int], decoderHiddenWidths: [Int], activation: Activation
    ) {
        self.soundSpeedCount = soundSpeedCount
        self.boundaryCount = boundaryCount
        self.supervisedLatentCount = supervisedLatentCount
        self.latentCount = latentCount
        self.encoderHiddenWidths = encoderHiddenWidths
        self.decoderHiddenWidths = decoderHiddenWidths
        self.activation = activation
    }

    /// Length of the input and output vectors (soundSpeedCount + boundaryCount).
    public var inputCount: Int { soundSpeedCount + boundaryCount }
    /// Width of the encoder head layer: μ_s, μ_v, log σ²_v.
    var encoderHeadWidth: Int { supervisedLatentCount + 2 * latentCount }
    /// Width of the decoder input: [μ_s, z_v].
    var decoderInputCount: Int { supervisedLatentCount + latentCount }

    /// Describes what is wrong with the architecture, or nil if it is usable.
    public var problem: String? {
        if soundSpeedCount < 1 || boundaryCount < 0 { return "need at least one sound-speed output and no negative boundary count" }
        if supervisedLatentCount < 1 || latentCount < 1 { return "need at least one supervised and one unsupervised latent" }
        if encoderHiddenWidths.isEmpty || decoderHiddenWidths.isEmpty { return "encoder and decoder need at least one hidden layer" }
        if (encoderHiddenWidths + decoderHiddenWidths).contains(where: { $0 < 1 }) { return "hidden widths must be positive" }
        return nil
    }

    /// Dense layers in evaluation order: encoder hidden layers, encoder heads, decoder hidden layers, decoder heads.
    var layers: [LayerShape] {
        var result: [LayerShape] = []
        var offset = 0
        func append(_ inputs: Int, _ outputs: Int, _ hidden: Bool) {
            result.append(LayerShape(inputCount: inputs, outputCount: outputs, isHidden: hidden, weightOffset: offset))
            offset += inputs * outputs + outputs
        }
        var width = inputCount
        for next in encoderHiddenWidths { append(width, next, true); width = next }
        append(width, encoderHeadWidth, false)
        width = decoderInputCount
        for next in decoderHiddenWidths { append(width, next, true); width = next }
        append(width, inputCount, false)
        return result
    }

    /// Total number of trainable parameters.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameterCount }
    }

    /// Index of the encoder head layer in ``layers``.
    var encoderHeadIndex: Int { encoderHiddenWidths.count }
    /// Index of the decoder head layer in ``layers``.
    var decoderHeadIndex: Int { encoderHiddenWidths.count + 1 + decoderHiddenWidths.count }

    /// The named tensors (PyTorch naming, weight shape [out, in]) and where they live in the flat parameter vector.
    public var tensors: [TensorLayout] {
        var result: [TensorLayout] = []
        let layers = self.layers
        func rows(_ name: String, _ layer: LayerShape, _ first: Int, _ count: Int) {
            result.append(
                TensorLayout(
                    name: name + ".weight", shape: [count, layer.inputCount],
                    offset: layer.weightOffset + first * layer.inputCount))
            result.append(TensorLayout(name: name + ".bias", shape: [count], offset: layer.biasOffset + first))
        }
        for index in 0..<encoderHiddenWidths.count {
            rows("encoder.\(index)", layers[index], 0, layers[index].outputCount)
        }
        let encoderHead = layers[encoderHeadIndex]
        rows("encoder.mu_s", encoderHead, 0, supervisedLatentCount)
        rows("encoder.mu_v", encoderHead, supervisedLatentCount, latentCount)
        rows("encoder.logvar_v", encoderHead, supervisedLatentCount + latentCount, latentCount)
        for index in 0..<decoderHiddenWidths.count {
            let layer = layers[encoderHeadIndex + 1 + index]
            rows("decoder.\(index)", layer, 0, layer.outputCount)
        }
        let decoderHead = layers[decoderHeadIndex]
        rows("decoder.cs2_head", decoderHead, 0, soundSpeedCount)
        rows("decoder.boundary_head", decoderHead, soundSpeedCount, boundaryCount)
        return result
    }
}

/// A named tensor's place in the flat parameter vector (contiguous, row-major).
public struct TensorLayout: Sendable, Equatable {
    /// PyTorch-style name such as `encoder.0.weight`.
    public let name: String
    /// Shape; weights are [out, in], biases [out].
    public let shape: [Int]
    /// Index of the first element in the flat parameter vector.
    public let offset: Int
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// The range of the flat parameter vector holding this tensor.
    public var range: Range<Int> { offset..<(offset + count) }
}

/// One dense layer's dimensions and parameter offsets (weight [out, in] row-major, then bias [out]).
struct LayerShape: Sendable, Equatable {
    let inputCount: Int
    let outputCount: Int
    /// Hidden layers apply the activation; head layers are linear.
    let isHidden: Bool
    let weightOffset: Int
    var biasOffset: Int { weightOffset + inputCount * outputCount }
    var parameterCount: Int { inputCount * outputCount + outputCount }
}
