import Foundation

/// Adam hyper-parameters (defaults: learning rate 1e-4, β₁ 0.9, β₂ 0.999, ε 1e-7).
public struct AdamConfiguration: Sendable, Equatable, Codable {
    /// Step size α.
    public var learningRate: Double = 1e-4
    /// Decay rate of the first-moment estimate.
    public var beta1: Double = 0.9
    /// Decay rate of the second-moment estimate.
    public var beta2: Double = 0.999
    /// ε added to √v̂ in the denominator.
    public var epsilon: Double = 1e-7

    /// Adam settings; every argument has the documented default.
    public init(learningRate: Double = 1e-4, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}

/// The Adam optimiser state (moments and step count), in the bias-corrected form used by PyTorch:
///
///     m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
///     p ← p − α · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
public struct AdamOptimizer: Sendable, Equatable, Codable {
    /// Hyper-parameters.
    public let configuration: AdamConfiguration
    /// First-moment estimates, one per parameter.
    public private(set) var firstMoments: [Float]
    /// Second-moment estimates, one per parameter.
    public private(set) var secondMoments: [Float]
    /// Number of steps taken (t).
    public private(set) var stepCount: Int

    /// Fresh state for `parameterCount` parameters.
    public init(parameterCount: Int, configuration: AdamConfiguration = AdamConfiguration()) {
        self.configuration = configuration
        firstMoments = [Float](repeating: 0, count: parameterCount)
        secondMoments = [Float](repeating: 0, count: parameterCount)
        stepCount = 0
    }

    /// Restored state (e.g. from a checkpoint); both moment vectors must have the same length.
    public init(configuration: AdamConfiguration, firstMoments: [Float], secondMoments: [Float], stepCount: Int) {
        precondition(firstMoments.count == secondMoments.count && stepCount >= 0, "inconsistent Adam state")
        self.configuration = configuration
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.stepCount = stepCount
    }

    /// Applies one update to `parameters` using `gradient` (same length as the state).
    public mutating func step(parameters: inout [Float], gradient: [Float]) {
        precondition(
            parameters.count == firstMoments.count && gradient.count == firstMoments.count,
            "Adam state, parameters and gradient differ in length")
        gradient.withUnsafeBufferPointer { g in
            parameters.withUnsafeMutableBufferPointer { p in
                step(parameters: p.baseAddress!, gradient: g.baseAddress!)
            }
        }
    }

    /// Applies one update through raw pointers (the trainer's hot path).
    mutating func step(parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>) {
        stepCount += 1
        let t = Double(stepCount)
        let beta1 = Float(configuration.beta1), beta2 = Float(configuration.beta2)
        let stepSize = Float(configuration.learningRate / (1 - pow(configuration.beta1, t)))
        let secondCorrection = Float(1 / (1 - pow(configuration.beta2, t)))
        let epsilon = Float(configuration.epsilon)
        let count = firstMoments.count
        firstMoments.withUnsafeMutableBufferPointer { firstBuffer in
            secondMoments.withUnsafeMutableBufferPointer { secondBuffer in
                let m = firstBuffer.baseAddress!, v = secondBuffer.baseAddress!
                var index = 0
                typealias Vector = VectorKernels.Vector
                while index + Vector.scalarCount <= count {
                    let g = VectorKernels.load(gradient + index)
                    let mNew = beta1 * VectorKernels.load(m + index) + (1 - beta1) * g
                    let vNew = beta2 * VectorKernels.load(v + index) + (1 - beta2) * g * g
                    VectorKernels.store(mNew, m + index)
                    VectorKernels.store(vNew, v + index)
                    let update = stepSize * mNew / (VectorKernels.squareRoot(vNew * secondCorrection) + epsilon)
                    VectorKernels.store(VectorKernels.load(parameters + index) - update, parameters + index)
                    index += Vector.scalarCount
                }
                while index < count {
                    let g = gradient[index]
                    let mNew = beta1 * m[index] + (1 - beta1) * g
                    let vNew = beta2 * v[index] + (1 - beta2) * g * g
                    m[index] = mNew
                    v[index] = vNew
                    parameters[index] -= stepSize * mNew / ((vNew * secondCorrection).squareRoot() + epsilon)
                    index += 1
                }
            }
        }
    }
}
