/// Seeded initial weights: He-normal (std √(2/fan_in)) for ReLU-family hidden layers,
/// Glorot-uniform for tanh hidden layers and for the linear heads; zero biases.
public enum ParameterInitializer {
    /// A flat parameter vector for `architecture`, a deterministic function of `seed`.
    public static func initialParameters(for architecture: VAEArchitecture, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        var parameters = [Float](repeating: 0, count: architecture.parameterCount)
        for layer in architecture.layers {
            let fanIn = Double(layer.inputCount), fanOut = Double(layer.outputCount)
            let useHe = layer.isHidden && architecture.activation != .tanh
            let heStandardDeviation = (2 / fanIn).squareRoot()
            let glorotLimit = (6 / (fanIn + fanOut)).squareRoot()
            for index in layer.weightOffset..<layer.biasOffset {
                let value =
                    useHe
                    ? heStandardDeviation * generator.nextStandardNormal()
                    : glorotLimit * (2 * generator.nextUniform() - 1)
                parameters[index] = Float(value)
            }
        }
        return parameters
    }
}
