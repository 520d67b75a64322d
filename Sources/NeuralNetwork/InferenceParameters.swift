/// The flat parameter vector rearranged for inference: each layer's weight matrix transposed to [in, out]
/// (rows contiguous over the outputs, as ``RowKernel`` reads them), biases unchanged, every offset as in
/// ``VAEArchitecture/layers``.
enum InferenceParameters {
    static func make(from parameters: [Float], layers: [LayerShape]) -> [Float] {
        var result = parameters
        for layer in layers {
            let offset = layer.weightOffset, inputs = layer.inputCount, outputs = layer.outputCount
            for output in 0..<outputs {
                for input in 0..<inputs {
                    result[offset + input * outputs + output] = parameters[offset + output * inputs + input]
                }
            }
        }
        return result
    }
}
