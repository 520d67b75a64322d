import Foundation
import NeuralNetwork

/// An independent Double-precision implementation of the VAE loss, written directly from the
/// specification and reading weights by tensor name, used to check the library's forward pass
/// and (via central finite differences) its analytic gradient.
struct ReferenceLoss {
    let architecture: VAEArchitecture
    let inputScaler: StandardScaler
    let weights: LossWeights

    func activate(_ x: Double) -> Double {
        switch architecture.activation {
        case .relu: return max(x, 0)
        case .tanh: return tanh(x)
        case .gelu: return 0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
        case .silu: return x / (1 + exp(-x))
        }
    }

    func loss(parameters: [Double], inputs: Matrix, labels: Matrix, noise: Matrix?) -> Double {
        let layout = Dictionary(uniqueKeysWithValues: architecture.tensors.map { ($0.name, $0) })
        func affine(_ name: String, _ x: [Double]) -> [Double] {
            let weight = layout[name + ".weight"]!, bias = layout[name + ".bias"]!
            let (outputs, inputs) = (weight.shape[0], weight.shape[1])
            precondition(inputs == x.count)
            return (0..<outputs).map { o in
                var sum = parameters[bias.offset + o]
                for i in 0..<inputs { sum += parameters[weight.offset + o * inputs + i] * x[i] }
                return sum
            }
        }
        let n = architecture.inputCount, s = architecture.supervisedLatentCount, d = architecture.latentCount
        var reconstruction = 0.0, supervised = 0.0, kl = 0.0
        for row in 0..<inputs.rowCount {
            let x = inputs.row(row).map(Double.init)
            var h = x
            for index in 0..<architecture.encoderHiddenWidths.count { h = affine("encoder.\(index)", h).map(activate) }
            let muS = affine("encoder.mu_s", h), muV = affine("encoder.mu_v", h), logVar = affine("encoder.logvar_v", h)
            let z = (0..<d).map { j in muV[j] + (noise.map { exp(0.5 * logVar[j]) * Double($0[row, j]) } ?? 0) }
            var g = muS + z
            for index in 0..<architecture.decoderHiddenWidths.count { g = affine("decoder.\(index)", g).map(activate) }
            let a = affine("decoder.cs2_head", g), boundary = affine("decoder.boundary_head", g)
            let logOutput = a.map { -(max($0, 0) + log1p(exp(-abs($0)))) } + boundary
            for column in 0..<n {
                let scaled = (logOutput[column] - inputScaler.means[column]) / inputScaler.standardDeviations[column]
                reconstruction += pow(scaled - x[column], 2)
            }
            for j in 0..<s { supervised += pow(muS[j] - Double(labels[row, j]), 2) }
            for j in 0..<d { kl += 0.5 * (muV[j] * muV[j] + exp(logVar[j]) - 1 - logVar[j]) }
        }
        let rows = Double(inputs.rowCount)
        return reconstruction / (rows * Double(n)) + weights.supervised * supervised / (rows * Double(s))
            + weights.kl * kl / (rows * Double(d))
    }
}
