/// Loss of a whole data set with z_v = μ_v (no noise), evaluated chunk by chunk.
enum DeterministicEvaluation {
    static func loss(
        of data: PreparedDataset, parameters: UnsafePointer<Float>, workspace: VAEWorkspace,
        weights: LossWeights
    ) -> LossParts {
        let n = workspace.architecture.inputCount, s = workspace.architecture.supervisedLatentCount
        var parts: [(LossParts, Int)] = []
        data.inputs.withUnsafeBufferPointer { inputs in
            data.labels.withUnsafeBufferPointer { labels in
                for start in stride(from: 0, to: data.rowCount, by: workspace.capacity) {
                    let rows = min(workspace.capacity, data.rowCount - start)
                    let rowInputs = inputs.baseAddress! + start * n
                    workspace.encode(weights: .trainingLayout(parameters), inputs: rowInputs, batchSize: rows)
                    workspace.buildDecoderInput(noise: nil, batchSize: rows)
                    workspace.decode(weights: .trainingLayout(parameters), batchSize: rows)
                    let chunk = workspace.lossAndBackward(
                        parameters: parameters, inputs: rowInputs, labels: labels.baseAddress! + start * s,
                        noise: nil, batchSize: rows, weights: weights, gradient: nil)
                    parts.append((chunk, rows))
                }
            }
        }
        return LossParts.weightedMean(parts)
    }
}
