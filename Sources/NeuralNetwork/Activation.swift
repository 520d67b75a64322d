import Foundation

/// Hidden-layer activation functions.
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// max(0, x) (the default).
    case relu
    /// Hyperbolic tangent.
    case tanh
    /// Gaussian error linear unit, tanh approximation: 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))).
    case gelu
    /// Sigmoid-weighted linear unit: x·σ(x).
    case silu

    /// The activation of pre-activation `x`.
    public func value(_ x: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .tanh: return Foundation.tanh(x)
        case .gelu: return 0.5 * x * (1 + Foundation.tanh(Self.geluScale * (x + 0.044715 * x * x * x)))
        case .silu: return x * logisticSigmoid(x)
        }
    }

    /// The derivative d value / dx at pre-activation `x`.
    public func derivative(_ x: Float) -> Float {
        switch self {
        case .relu:
            return x > 0 ? 1 : 0
        case .tanh:
            let t = Foundation.tanh(x)
            return 1 - t * t
        case .gelu:
            let inner = Self.geluScale * (x + 0.044715 * x * x * x)
            let t = Foundation.tanh(inner)
            let innerDerivative = Self.geluScale * (1 + 3 * 0.044715 * x * x)
            return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * innerDerivative
        case .silu:
            let s = logisticSigmoid(x)
            return s * (1 + x * (1 - s))
        }
    }

    private static let geluScale: Float = 0.797_884_56  // √(2/π)
}

/// The logistic sigmoid 1/(1 + e^(−x)), evaluated without overflow for either sign of `x`.
@inlinable
func logisticSigmoid(_ x: Float) -> Float {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}
