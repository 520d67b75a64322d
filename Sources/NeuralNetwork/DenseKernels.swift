/// Forward and backward passes of one dense layer `y = act(x · Wᵀ + b)` on a batch (row-major).
enum DenseKernels {
    /// The weights a forward pass reads, which also chooses its matrix kernel.
    enum ForwardWeights {
        /// The flat parameter vector (each W stored [out, in]); ``GEMM/multiply`` (OpenBLAS when loaded).
        case trainingLayout(UnsafePointer<Float>)
        /// ``InferenceParameters`` (each W stored transposed, [in, out]); the batch-invariant ``RowKernel``.
        case inferenceLayout(UnsafePointer<Float>)

        /// The start of the parameters (biases sit at the same offsets in both layouts).
        var parameters: UnsafePointer<Float> {
            switch self {
            case .trainingLayout(let parameters), .inferenceLayout(let parameters): parameters
            }
        }
    }

    /// pre = input · Wᵀ + b; if the layer is hidden, post = act(pre).
    static func forward(
        _ layer: LayerShape, activation: Activation, weights: ForwardWeights,
        input: UnsafePointer<Float>, batchSize: Int,
        preActivation: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let outputs = layer.outputCount
        let bias = weights.parameters + layer.biasOffset
        for row in 0..<batchSize {
            (preActivation + row * outputs).update(from: bias, count: outputs)
        }
        switch weights {
        case .trainingLayout(let parameters):
            GEMM.multiply(
                transposeA: false, transposeB: true, m: batchSize, n: outputs, k: layer.inputCount,
                alpha: 1, a: input, lda: layer.inputCount,
                b: parameters + layer.weightOffset, ldb: layer.inputCount,
                beta: 1, c: preActivation, ldc: outputs)
        case .inferenceLayout(let parameters):
            RowKernel.multiply(
                m: batchSize, n: outputs, k: layer.inputCount, alpha: 1,
                a: input, aRowStride: layer.inputCount, aColumnStride: 1,
                b: parameters + layer.weightOffset, ldb: outputs,
                beta: 1, c: preActivation, ldc: outputs)
        }
        guard layer.isHidden else { return }
        let count = batchSize * outputs
        switch activation {
        case .relu:
            VectorKernels.relu(preActivation, output: output, count: count)
        default:
            for index in 0..<count { output[index] = activation.value(preActivation[index]) }
        }
    }

    /// Accumulates dW = deltaᵀ · input and db = Σ_rows delta into `gradient` (overwriting).
    static func parameterGradient(
        _ layer: LayerShape, delta: UnsafePointer<Float>, input: UnsafePointer<Float>, batchSize: Int,
        gradient: UnsafeMutablePointer<Float>
    ) {
        let outputs = layer.outputCount
        GEMM.multiply(
            transposeA: true, transposeB: false, m: outputs, n: layer.inputCount, k: batchSize,
            alpha: 1, a: delta, lda: outputs, b: input, ldb: layer.inputCount,
            beta: 0, c: gradient + layer.weightOffset, ldc: layer.inputCount)
        let bias = gradient + layer.biasOffset
        bias.update(repeating: 0, count: outputs)
        for row in 0..<batchSize {
            VectorKernels.add(delta + row * outputs, into: bias, count: outputs)
        }
    }

    /// inputGradient = delta · W (the gradient with respect to the layer's input).
    static func inputGradient(
        _ layer: LayerShape, delta: UnsafePointer<Float>, parameters: UnsafePointer<Float>, batchSize: Int,
        inputGradient: UnsafeMutablePointer<Float>
    ) {
        GEMM.multiply(
            transposeA: false, transposeB: false, m: batchSize, n: layer.inputCount, k: layer.outputCount,
            alpha: 1, a: delta, lda: layer.outputCount,
            b: parameters + layer.weightOffset, ldb: layer.inputCount,
            beta: 0, c: inputGradient, ldc: layer.inputCount)
    }

    /// delta = upstream ⊙ act'(pre), turning an activation-output gradient into a pre-activation gradient.
    static func activationBackward(
        activation: Activation, upstream: UnsafePointer<Float>, preActivation: UnsafePointer<Float>,
        count: Int, delta: UnsafeMutablePointer<Float>
    ) {
        switch activation {
        case .relu:
            VectorKernels.reluBackward(upstream: upstream, preActivation: preActivation, delta: delta, count: count)
        default:
            for index in 0..<count { delta[index] = upstream[index] * activation.derivative(preActivation[index]) }
        }
    }
}
