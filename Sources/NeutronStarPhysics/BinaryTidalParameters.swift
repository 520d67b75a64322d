import Foundation

/// The tidal parameters a binary's gravitational waveform measures, from the component masses and deformabilities.
///
/// With M = m₁ + m₂, η = m₁m₂/M² and δ = (m₁ − m₂)/M:
/// - Λ̃ = (16/13) [(m₁ + 12 m₂) m₁⁴ Λ₁ + (m₂ + 12 m₁) m₂⁴ Λ₂] / M⁵ (Flanagan & Hinderer 2008; Favata 2014,
///   PRL 112, 101101), symmetric in the labels;
/// - δΛ̃ = ½ [δ (1 − 13272/1319 η + 8944/1319 η²)(Λ₁ + Λ₂) + (1 − 15910/1319 η + 32850/1319 η² + 3380/1319 η³)(Λ₁ − Λ₂)]
///   (Wade, Creighton, Ochsner & Nielsen 2014, PRD 89, 103012, eq. 5).
///
/// Labels: body 1 is meant to be the heavier (m₁ ≥ m₂, the LIGO convention), where δ = sqrt(1 − 4η) and δΛ̃ equals
/// bilby's `lambda_1_lambda_2_to_delta_lambda_tilde`. For m₁ < m₂ the formula is kept with the signed δ, so δΛ̃ follows
/// the labels (swapping the bodies flips its sign); bilby's expression, written with sqrt(1 − 4η), assumes m₁ ≥ m₂.
/// Masses are source-frame masses (any unit: only ratios enter).
public struct BinaryTidalParameters: Sendable, Equatable {
    /// Component masses [M☉, source frame] and dimensionless tidal deformabilities, as given.
    public let mass1: Double, mass2: Double, lambda1: Double, lambda2: Double
    /// The leading-order (5PN) binary tidal deformability Λ̃.
    public let lambdaTilde: Double
    /// The next-order (6PN) combination δΛ̃.
    public let deltaLambdaTilde: Double

    /// - Throws: `PhysicsError.invalidParameter` naming the argument when a mass is not finite and positive or a
    ///   deformability is not finite and non-negative.
    public init(mass1: Double, mass2: Double, lambda1: Double, lambda2: Double) throws {
        for (name, value) in [("mass1", mass1), ("mass2", mass2)] where !(value.isFinite && value > 0) {
            throw PhysicsError.invalidParameter(name: "\(name) [Msun]", value: value, reason: "must be finite and positive")
        }
        for (name, value) in [("lambda1", lambda1), ("lambda2", lambda2)] where !(value.isFinite && value >= 0) {
            throw PhysicsError.invalidParameter(name: name, value: value, reason: "must be finite and non-negative")
        }
        self.mass1 = mass1
        self.mass2 = mass2
        self.lambda1 = lambda1
        self.lambda2 = lambda2
        let total = mass1 + mass2
        let q1 = mass1 / total, q2 = mass2 / total
        lambdaTilde = 16.0 / 13 * ((q1 + 12 * q2) * Foundation.pow(q1, 4) * lambda1 + (q2 + 12 * q1) * Foundation.pow(q2, 4) * lambda2)
        let eta = q1 * q2, delta = q1 - q2
        let plus = lambda1 + lambda2, minus = lambda1 - lambda2
        deltaLambdaTilde =
            0.5
            * (delta * (1 - 13272.0 / 1319 * eta + 8944.0 / 1319 * eta * eta) * plus
                + (1 - 15910.0 / 1319 * eta + 32850.0 / 1319 * eta * eta + 3380.0 / 1319 * eta * eta * eta) * minus)
    }
}
