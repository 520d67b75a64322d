import Foundation

/// Scratch memory and the batched forward/backward passes of the structured VAE.
///
/// One workspace serves one thread: it holds every layer's pre-activations and outputs
/// for up to `capacity` rows, plus the deltas of the backward pass.
final class VAEWorkspace {
    let architecture: VAEArchitecture
    let layers: [LayerShape]
    let capacity: Int
    /// Per layer: x·Wᵀ + b.
    let preActivations: [FloatBuffer]
    /// Per hidden layer: act(pre); unused (empty) for head layers.
    let activations: [FloatBuffer]
    /// Per layer: ∂loss/∂pre.
    let deltas: [FloatBuffer]
    /// [μ_s, z_v] rows fed to the decoder.
    let decoderInput: FloatBuffer
    /// ∂loss/∂(layer input), sized for the widest layer input.
    let inputGradient: FloatBuffer
    /// Input-scaler means and reciprocal standard deviations (Float copies).
    let outputMeans: [Float]
    let outputInverseStandardDeviations: [Float]

    init(architecture: VAEArchitecture, inputScaler: StandardScaler, capacity: Int) {
        self.architecture = architecture
        layers = architecture.layers
        self.capacity = capacity
        preActivations = layers.map { FloatBuffer(count: capacity * $0.outputCount) }
        activations = layers.map { FloatBuffer(count: $0.isHidden ? capacity * $0.outputCount : 0) }
        deltas = layers.map { FloatBuffer(count: capacity * $0.outputCount) }
        decoderInput = FloatBuffer(count: capacity * architecture.decoderInputCount)
        inputGradient = FloatBuffer(count: capacity * (layers.map(\.inputCount).max() ?? 0))
        outputMeans = inputScaler.means.map { Float($0) }
        outputInverseStandardDeviations = inputScaler.standardDeviations.map { Float(1 / $0) }
    }

    private var encoderHead: Int { architecture.encoderHeadIndex }
    private var decoderHead: Int { architecture.decoderHeadIndex }

    /// The encoder head outputs [μ_s, μ_v, log σ²_v] of the last ``encode`` call.
    var encoderHeadOutput: UnsafeMutablePointer<Float> { preActivations[encoderHead].pointer }
    /// The decoder head outputs [a_i, ln boundary] of the last ``decode`` call.
    var decoderHeadOutput: UnsafeMutablePointer<Float> { preActivations[decoderHead].pointer }

    /// Runs the encoder on `batchSize` scaled input rows.
    func encode(weights: DenseKernels.ForwardWeights, inputs: UnsafePointer<Float>, batchSize: Int) {
        precondition(batchSize <= capacity, "batch larger than workspace")
        var input = inputs
        for index in 0...encoderHead {
            DenseKernels.forward(
                layers[index], activation: architecture.activation, weights: weights,
                input: input, batchSize: batchSize,
                preActivation: preActivations[index].pointer, output: activations[index].pointer)
            input = UnsafePointer(activations[index].pointer)
        }
    }

    /// Fills the decoder input with [μ_s, μ_v + σ_v·ε] from the encoder heads (`noise` nil: z_v = μ_v).
    func buildDecoderInput(noise: UnsafePointer<Float>?, batchSize: Int) {
        let s = architecture.supervisedLatentCount, d = architecture.latentCount
        let headWidth = architecture.encoderHeadWidth, inputWidth = architecture.decoderInputCount
        let heads = encoderHeadOutput, target = decoderInput.pointer
        for row in 0..<batchSize {
            let head = heads + row * headWidth, out = target + row * inputWidth
            for j in 0..<s { out[j] = head[j] }
            for j in 0..<d {
                var z = head[s + j]
                if let noise { z += exp(0.5 * head[s + d + j]) * noise[row * d + j] }
                out[s + j] = z
            }
        }
    }

    /// Runs the decoder on the rows already in ``decoderInput``.
    func decode(weights: DenseKernels.ForwardWeights, batchSize: Int) {
        precondition(batchSize <= capacity, "batch larger than workspace")
        var input = UnsafePointer(decoderInput.pointer)
        for index in (encoderHead + 1)...decoderHead {
            DenseKernels.forward(
                layers[index], activation: architecture.activation, weights: weights,
                input: input, batchSize: batchSize,
                preActivation: preActivations[index].pointer, output: activations[index].pointer)
            input = UnsafePointer(activations[index].pointer)
        }
    }

    /// Loss of the current forward pass; when `gradient` is given, also fills it with ∂loss/∂parameters.
    ///
    /// `noise` must be the same noise used in ``buildDecoderInput`` (nil for z_v = μ_v).
    func lossAndBackward(
        parameters: UnsafePointer<Float>, inputs: UnsafePointer<Float>, labels: UnsafePointer<Float>,
        noise: UnsafePointer<Float>?, batchSize: Int, weights: LossWeights,
        gradient: UnsafeMutablePointer<Float>?
    ) -> LossParts {
        let s = architecture.supervisedLatentCount, d = architecture.latentCount
        let n = architecture.inputCount, soundSpeeds = architecture.soundSpeedCount
        let headWidth = architecture.encoderHeadWidth
        let output = decoderHeadOutput, outputDelta = deltas[decoderHead].pointer
        let reconstructionScale = Float(2.0 / Double(batchSize * n))
        var reconstructionSum = 0.0
        outputMeans.withUnsafeBufferPointer { means in
            outputInverseStandardDeviations.withUnsafeBufferPointer { inverseDeviations in
                for row in 0..<batchSize {
                    let raw = output + row * n, target = inputs + row * n, delta = outputDelta + row * n
                    var rowSum = SoftplusKernel.rowLoss(
                        raw: raw, target: target, means: means.baseAddress!,
                        inverseDeviations: inverseDeviations.baseAddress!, scale: reconstructionScale,
                        count: soundSpeeds, delta: delta)
                    for column in soundSpeeds..<n {
                        let difference = (raw[column] - means[column]) * inverseDeviations[column] - target[column]
                        rowSum += difference * difference
                        delta[column] = reconstructionScale * difference * inverseDeviations[column]
                    }
                    reconstructionSum += Double(rowSum)
                }
            }
        }
        let heads = encoderHeadOutput
        var supervisedSum = 0.0, klSum = 0.0
        for row in 0..<batchSize {
            let head = heads + row * headWidth
            for j in 0..<s {
                let difference = Double(head[j] - labels[row * s + j])
                supervisedSum += difference * difference
            }
            for j in 0..<d {
                let mu = Double(head[s + j]), logVariance = Double(head[s + d + j])
                klSum += 0.5 * (mu * mu + exp(logVariance) - 1 - logVariance)
            }
        }
        let parts = LossParts(
            reconstruction: reconstructionSum / Double(batchSize * n),
            supervised: supervisedSum / Double(batchSize * s),
            kl: klSum / Double(batchSize * d), weights: weights)
        if let gradient {
            backward(
                parameters: parameters, inputs: inputs, labels: labels, noise: noise,
                batchSize: batchSize, weights: weights, gradient: gradient)
        }
        return parts
    }

    /// Backpropagates from the decoder-head delta (set by ``lossAndBackward``) to every parameter.
    private func backward(
        parameters: UnsafePointer<Float>, inputs: UnsafePointer<Float>, labels: UnsafePointer<Float>,
        noise: UnsafePointer<Float>?, batchSize: Int, weights: LossWeights,
        gradient: UnsafeMutablePointer<Float>
    ) {
        for index in stride(from: decoderHead, through: encoderHead + 1, by: -1) {
            let input = index == encoderHead + 1 ? decoderInput.pointer : activations[index - 1].pointer
            propagate(
                layer: index, input: input, parameters: parameters, batchSize: batchSize, gradient: gradient,
                into: index == encoderHead + 1 ? nil : index - 1)
        }
        encoderHeadDelta(labels: labels, noise: noise, batchSize: batchSize, weights: weights)
        for index in stride(from: encoderHead, through: 0, by: -1) {
            let input = index == 0 ? UnsafeMutablePointer(mutating: inputs) : activations[index - 1].pointer
            propagate(
                layer: index, input: input, parameters: parameters, batchSize: batchSize, gradient: gradient,
                into: index == 0 ? nil : index - 1)
        }
    }

    /// Parameter gradient of `layer`, then its input gradient (left in ``inputGradient``)
    /// turned into the delta of layer `previous` when that is a hidden layer.
    private func propagate(
        layer index: Int, input: UnsafeMutablePointer<Float>, parameters: UnsafePointer<Float>,
        batchSize: Int, gradient: UnsafeMutablePointer<Float>, into previous: Int?
    ) {
        let layer = layers[index], delta = UnsafePointer(deltas[index].pointer)
        DenseKernels.parameterGradient(layer, delta: delta, input: input, batchSize: batchSize, gradient: gradient)
        guard index != 0 else { return }
        DenseKernels.inputGradient(
            layer, delta: delta, parameters: parameters, batchSize: batchSize,
            inputGradient: inputGradient.pointer)
        if let previous {
            DenseKernels.activationBackward(
                activation: architecture.activation, upstream: inputGradient.pointer,
                preActivation: preActivations[previous].pointer,
                count: batchSize * layers[previous].outputCount,
                delta: deltas[previous].pointer)
        }
    }

    /// Delta of the encoder heads from the decoder-input gradient, the supervised loss and the KL term.
    private func encoderHeadDelta(
        labels: UnsafePointer<Float>, noise: UnsafePointer<Float>?, batchSize: Int,
        weights: LossWeights
    ) {
        let s = architecture.supervisedLatentCount, d = architecture.latentCount
        let headWidth = architecture.encoderHeadWidth, inputWidth = architecture.decoderInputCount
        let heads = encoderHeadOutput, delta = deltas[encoderHead].pointer, upstream = inputGradient.pointer
        let supervisedScale = Float(weights.supervised * 2 / Double(batchSize * s))
        let klScale = Float(weights.kl / Double(batchSize * d))
        for row in 0..<batchSize {
            let head = heads + row * headWidth, out = delta + row * headWidth, dz = upstream + row * inputWidth
            for j in 0..<s {
                out[j] = dz[j] + supervisedScale * (head[j] - labels[row * s + j])
            }
            for j in 0..<d {
                let mu = head[s + j], logVariance = head[s + d + j]
                let variance = exp(logVariance)
                out[s + j] = dz[s + j] + klScale * mu
                let noiseTerm = noise.map { dz[s + j] * $0[row * d + j] * 0.5 * exp(0.5 * logVariance) } ?? 0
                out[s + d + j] = noiseTerm + klScale * 0.5 * (variance - 1)
            }
        }
    }
}
