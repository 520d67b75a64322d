/// `POST /v1/decode`: one latent point to decode, with optional output sizes.
///
/// JSON: `{"m_max": 2.05, "r_14": 11.75, "z": [0.0], "eos_points": 200, "mr_points": 50}`.
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

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", z, eosPoints = "eos_points", massRadiusPoints = "mr_points"
    }

    /// A request; optional values left out use the model's mean z and the server's default sizes.
    public init(maximumMass: Double, radius14: Double, z: [Double]? = nil, eosPoints: Int? = nil, massRadiusPoints: Int? = nil) {
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.z = z
        self.eosPoints = eosPoints
        self.massRadiusPoints = massRadiusPoints
    }
}

/// One point of a batch: `{"m_max": 2.05, "r_14": 11.75, "z": [0.0]}`.
public struct LatentPointInput: Codable, Sendable, Equatable {
    /// Requested M_max [M☉].
    public var maximumMass: Double
    /// Requested R_1.4 [km].
    public var radius14: Double
    /// The d unsupervised latents; absent means the model's training mean.
    public var z: [Double]?

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", z
    }

    /// A latent point.
    public init(maximumMass: Double, radius14: Double, z: [Double]? = nil) {
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.z = z
    }
}
