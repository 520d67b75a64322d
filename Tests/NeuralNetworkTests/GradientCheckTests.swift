import Foundation
import NeuralNetwork
import Testing

/// The library's Float forward pass and analytic gradient against an independent Double reference.
///
/// Finite differences are taken on the Double reference (central, h = 1e-6), so they are accurate
/// to ~1e-9; the remaining difference is Float rounding in the library (~1e-6 relative). A tolerance
/// of 1e-3 on each tensor's relative error norm therefore passes only if every layer's gradient is right:
/// a missing factor, a wrong transpose or a wrong sign gives errors of order 1.
@Suite("Gradient checks")
struct GradientCheckTests {
    struct Problem {
        let objective: VAEObjective
        let reference: ReferenceLoss
        let parameters: [Float]
        let inputs: Matrix
        let labels: Matrix
        let noise: Matrix?
    }

    func makeProblem(_ activation: Activation, withNoise: Bool) throws -> Problem {
        let architecture = tinyArchitecture(activation)
        var generator = SeededGenerator(seed: 42)
        let rows = 5
        let inputs = normalMatrix(rows: rows, columns: architecture.inputCount, generator: &generator)
        let labels = normalMatrix(rows: rows, columns: 2, generator: &generator)
        let noise = withNoise ? normalMatrix(rows: rows, columns: architecture.latentCount, generator: &generator) : nil
        let scaler = try StandardScaler(
            means: (0..<architecture.inputCount).map { -0.5 + 0.1 * Double($0) },
            standardDeviations: (0..<architecture.inputCount).map { 0.5 + 0.2 * Double($0) })
        let weights = LossWeights(supervised: 0.7, kl: 0.3)
        var parameters = ParameterInitializer.initialParameters(for: architecture, seed: 7)
        // Non-zero biases so that bias gradients are exercised away from the symmetric start.
        for tensor in architecture.tensors where tensor.name.hasSuffix(".bias") {
            for index in tensor.range { parameters[index] = Float(0.2 * generator.nextStandardNormal()) }
        }
        return Problem(
            objective: try VAEObjective(architecture: architecture, inputScaler: scaler, weights: weights),
            reference: ReferenceLoss(architecture: architecture, inputScaler: scaler, weights: weights),
            parameters: parameters, inputs: inputs, labels: labels, noise: noise)
    }

    @Test("forward loss matches the Double reference", arguments: Activation.allCases)
    func forwardMatchesReference(activation: Activation) throws {
        let problem = try makeProblem(activation, withNoise: true)
        let library = problem.objective.loss(
            parameters: problem.parameters, scaledInputs: problem.inputs,
            scaledLabels: problem.labels, noise: problem.noise)
        let reference = problem.reference.loss(
            parameters: problem.parameters.map(Double.init), inputs: problem.inputs,
            labels: problem.labels, noise: problem.noise)
        #expect(abs(library.total - reference) <= 1e-5 * abs(reference))
        #expect(abs(library.reconstruction + 0.7 * library.supervised + 0.3 * library.kl - library.total) <= 1e-12)
    }

    @Test(
        "analytic gradient of every tensor matches finite differences",
        arguments: Activation.allCases, [true, false])
    func gradientMatchesFiniteDifferences(activation: Activation, withNoise: Bool) throws {
        let problem = try makeProblem(activation, withNoise: withNoise)
        let analytic = problem.objective.lossAndGradient(
            parameters: problem.parameters, scaledInputs: problem.inputs, scaledLabels: problem.labels,
            noise: problem.noise
        ).gradient
        let base = problem.parameters.map(Double.init)
        let step = 1e-6
        for tensor in problem.objective.architecture.tensors {
            var errorSquared = 0.0, normSquared = 0.0
            for index in tensor.range {
                var plus = base, minus = base
                plus[index] += step
                minus[index] -= step
                let numeric =
                    (problem.reference.loss(
                        parameters: plus, inputs: problem.inputs, labels: problem.labels,
                        noise: problem.noise)
                        - problem.reference.loss(
                            parameters: minus, inputs: problem.inputs, labels: problem.labels,
                            noise: problem.noise)) / (2 * step)
                errorSquared += pow(Double(analytic[index]) - numeric, 2)
                normSquared += numeric * numeric
            }
            let relativeError = (errorSquared / max(normSquared, 1e-20)).squareRoot()
            #expect(normSquared > 0, "\(tensor.name) has an all-zero gradient")
            #expect(relativeError < 1e-3, "\(tensor.name) (\(activation), noise: \(withNoise)): relative error \(relativeError)")
        }
    }

    @Test("the vectorised softplus head is accurate from a = −60 to 60")
    func softplusHeadOverWideRange() throws {
        let problem = try makeProblem(.tanh, withNoise: false)
        let architecture = problem.objective.architecture
        var parameters = problem.parameters
        let headWeight = try #require(architecture.tensors.first { $0.name == "decoder.cs2_head.weight" })
        let headBias = try #require(architecture.tensors.first { $0.name == "decoder.cs2_head.bias" })
        for index in headWeight.range { parameters[index] = 0 }
        let rawOutputs: [Float] = [-60, -20, -5, -1, -0.1, 0, 0.1, 1, 5, 20, 60]
        for (index, value) in zip(headBias.range, rawOutputs) { parameters[index] = value }
        let (loss, gradient) = problem.objective.lossAndGradient(
            parameters: parameters, scaledInputs: problem.inputs, scaledLabels: problem.labels, noise: nil)
        let base = parameters.map(Double.init)
        let reference = problem.reference.loss(parameters: base, inputs: problem.inputs, labels: problem.labels, noise: nil)
        #expect(abs(loss.total - reference) <= 1e-5 * reference)
        for index in headBias.range {
            var plus = base, minus = base
            plus[index] += 1e-6
            minus[index] -= 1e-6
            let numeric =
                (problem.reference.loss(parameters: plus, inputs: problem.inputs, labels: problem.labels, noise: nil)
                    - problem.reference.loss(parameters: minus, inputs: problem.inputs, labels: problem.labels, noise: nil)) / 2e-6
            // Where σ(a) underflows (a = −60) both are ~1e-27; elsewhere they agree to Float rounding.
            #expect(abs(Double(gradient[index]) - numeric) <= 1e-4 * abs(numeric) + 1e-9, "a = \(parameters[index])")
        }
    }

    @Test("activation derivatives match finite differences", arguments: Activation.allCases)
    func activationDerivatives(activation: Activation) {
        for x: Float in [-2.5, -0.7, -0.1, 0.3, 1.1, 3.0] {
            let h: Float = 1e-2
            let numeric = (activation.value(x + h) - activation.value(x - h)) / (2 * h)
            #expect(abs(activation.derivative(x) - numeric) <= 2e-3, "\(activation) at \(x)")
        }
    }
}
