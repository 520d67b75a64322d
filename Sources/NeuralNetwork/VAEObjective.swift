/// The training objective on already-scaled data, exposed so callers and tests can check
/// the loss and its analytic gradient (e.g. against finite differences).
///
/// Inputs are scaled log vectors (`rows × inputCount`), labels are scaled (`rows × supervisedLatentCount`),
/// noise is ε for the reparameterisation (`rows × latentCount`), or nil for z_v = μ_v.
public struct VAEObjective: Sendable {
    /// Network shape.
    public let architecture: VAEArchitecture
    /// The frozen input scaler through which decoder outputs are compared with the inputs.
    public let inputScaler: StandardScaler
    /// κ and η.
    public let weights: LossWeights

    /// An objective for `architecture`; the input scaler must have `architecture.inputCount` columns.
    public init(architecture: VAEArchitecture, inputScaler: StandardScaler, weights: LossWeights) throws(NeuralNetworkError) {
        if let problem = architecture.problem { throw .invalidArchitecture(problem) }
        guard inputScaler.columnCount == architecture.inputCount else {
            throw .sizeMismatch(what: "input scaler", expected: architecture.inputCount, actual: inputScaler.columnCount)
        }
        self.architecture = architecture
        self.inputScaler = inputScaler
        self.weights = weights
    }

    /// The loss parts at `parameters`.
    public func loss(parameters: [Float], scaledInputs: Matrix, scaledLabels: Matrix, noise: Matrix?) -> LossParts {
        evaluate(
            parameters: parameters, scaledInputs: scaledInputs, scaledLabels: scaledLabels, noise: noise,
            wantGradient: false
        ).0
    }

    /// The loss parts and ∂total/∂parameters at `parameters`.
    public func lossAndGradient(
        parameters: [Float], scaledInputs: Matrix, scaledLabels: Matrix,
        noise: Matrix?
    ) -> (loss: LossParts, gradient: [Float]) {
        evaluate(
            parameters: parameters, scaledInputs: scaledInputs, scaledLabels: scaledLabels, noise: noise,
            wantGradient: true)
    }

    private func evaluate(
        parameters: [Float], scaledInputs: Matrix, scaledLabels: Matrix, noise: Matrix?,
        wantGradient: Bool
    ) -> (LossParts, [Float]) {
        let rows = scaledInputs.rowCount
        precondition(parameters.count == architecture.parameterCount, "parameter count does not match the architecture")
        precondition(rows > 0 && scaledInputs.columnCount == architecture.inputCount, "inputs must be rows × inputCount")
        precondition(
            scaledLabels.rowCount == rows && scaledLabels.columnCount == architecture.supervisedLatentCount,
            "labels must be rows × supervisedLatentCount")
        precondition(
            noise.map { $0.rowCount == rows && $0.columnCount == architecture.latentCount } ?? true,
            "noise must be rows × latentCount")
        let workspace = VAEWorkspace(architecture: architecture, inputScaler: inputScaler, capacity: rows)
        var gradient = [Float](repeating: 0, count: wantGradient ? parameters.count : 0)
        let parts = parameters.withUnsafeBufferPointer { p in
            scaledInputs.values.withUnsafeBufferPointer { x in
                scaledLabels.values.withUnsafeBufferPointer { y in
                    (noise?.values ?? []).withUnsafeBufferPointer { e in
                        gradient.withUnsafeMutableBufferPointer { g in
                            let noisePointer = noise == nil ? nil : e.baseAddress
                            workspace.encode(weights: .trainingLayout(p.baseAddress!), inputs: x.baseAddress!, batchSize: rows)
                            workspace.buildDecoderInput(noise: noisePointer, batchSize: rows)
                            workspace.decode(weights: .trainingLayout(p.baseAddress!), batchSize: rows)
                            return workspace.lossAndBackward(
                                parameters: p.baseAddress!, inputs: x.baseAddress!, labels: y.baseAddress!,
                                noise: noisePointer, batchSize: rows, weights: weights,
                                gradient: wantGradient ? g.baseAddress : nil)
                        }
                    }
                }
            }
        }
        return (parts, gradient)
    }
}
