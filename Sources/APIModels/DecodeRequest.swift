/// `POST /v1/decode`: one latent point to decode, with optional output sizes.
///
/// JSON: `{"m_max": 2.05, "r_14": 11.75, "z": [0.0], "eos_points": 200, "mr_points": 50, "include": "full",
/// "observables": {"masses": [1.4]}}`.
public struct DecodeRequest: Codable, Sendable, Equatable {
    /// Requested maximum mass M_max [M☉].
    public var maximumMass: Double
    /// Requested radius of a 1.4 M☉ star R_1.4 [km].
    public var radius14: Double
    /// The d unsupervised latents; absent means the model's training mean.
    public var z: [Double]?
    /// Points of the returned EOS table; absent means the server default.
    public var eosPoints: Int?
    /// Stars on the returned mass–radius curve; absent means the server default.
    public var massRadiusPoints: Int?
    /// What the result holds; absent means ``DecodeInclude/full``.
    public var include: DecodeInclude?
    /// Stars at given masses, binaries and EOS values at given densities to compute; absent means none.
    public var observables: ObservablesRequest?
    /// How the decoded EOS matches the requested M_max and R_1.4; absent means ``Conditioning/network``.
    public var conditioning: Conditioning?
    /// Relative tolerance of ``Conditioning/exact`` (default 1e-5, allowed 1e-7...1e-2).
    public var conditioningTolerance: Double?

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", z, eosPoints = "eos_points", massRadiusPoints = "mr_points"
        case include, observables, conditioning, conditioningTolerance = "conditioning_tolerance"
    }

    /// A request; optional values left out use the model's mean z and the server's default sizes.
    public init(
        maximumMass: Double, radius14: Double, z: [Double]? = nil, eosPoints: Int? = nil, massRadiusPoints: Int? = nil,
        include: DecodeInclude? = nil, observables: ObservablesRequest? = nil, conditioning: Conditioning? = nil,
        conditioningTolerance: Double? = nil
    ) {
        self.conditioning = conditioning
        self.conditioningTolerance = conditioningTolerance
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.z = z
        self.eosPoints = eosPoints
        self.massRadiusPoints = massRadiusPoints
        self.include = include
        self.observables = observables
    }
}

/// One point of a batch: `{"m_max": 2.05, "r_14": 11.75, "z": [0.0], "observables": {"masses": [1.34]}}`.
public struct LatentPointInput: Codable, Sendable, Equatable {
    /// Requested M_max [M☉].
    public var maximumMass: Double
    /// Requested R_1.4 [km].
    public var radius14: Double
    /// The d unsupervised latents; absent means the model's training mean.
    public var z: [Double]?
    /// This point's observables (samplers move the pulsar masses with the point); absent means the batch's
    /// `observables`, if any.
    public var observables: ObservablesRequest?

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", z, observables
    }

    /// A latent point.
    public init(maximumMass: Double, radius14: Double, z: [Double]? = nil, observables: ObservablesRequest? = nil) {
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.z = z
        self.observables = observables
    }
}

/// How a decode matches the requested M_max and R_1.4.
public enum Conditioning: String, Codable, Sendable, CaseIterable {
    /// The network's own answer: the solved M_max and R_1.4 differ from the requested ones by the decoder's error
    /// (reported in the diagnostics; ~0.1 %).
    case network
    /// The decoder's inputs are adjusted (z fixed) until the solved M_max and R_1.4 equal the requested ones to
    /// `conditioning_tolerance`; a point that cannot be conditioned is an error (`conditioning_failed`).
    case exact
}

/// How exact conditioning went: the decoder inputs used and the final residuals.
public struct ConditioningResult: Codable, Sendable, Equatable {
    /// Decoder evaluations (network pass + TOV solution), the first included.
    public var evaluations: Int
    /// The M_max′ [M☉] fed to the decoder.
    public var adjustedMaximumMass: Double
    /// The R_1.4′ [km] fed to the decoder.
    public var adjustedRadius14: Double
    /// Solved M_max / requested M_max − 1.
    public var maximumMassResidual: Double
    /// Solved R_1.4 / requested R_1.4 − 1.
    public var radius14Residual: Double

    enum CodingKeys: String, CodingKey {
        case evaluations, adjustedMaximumMass = "adjusted_m_max", adjustedRadius14 = "adjusted_r_14"
        case maximumMassResidual = "m_max_residual", radius14Residual = "r_14_residual"
    }

    public init(
        evaluations: Int, adjustedMaximumMass: Double, adjustedRadius14: Double, maximumMassResidual: Double,
        radius14Residual: Double
    ) {
        self.evaluations = evaluations
        self.adjustedMaximumMass = adjustedMaximumMass
        self.adjustedRadius14 = adjustedRadius14
        self.maximumMassResidual = maximumMassResidual
        self.radius14Residual = radius14Residual
    }
}
