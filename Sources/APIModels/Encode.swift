/// `POST /v1/encode`: a raw 107-vector to encode.
///
/// JSON: `{"vector": [c_s²_0 … c_s²_100, n_cc, eps_cc, p_cc, n_max, eps_max, p_max]}` (c², fm⁻³, MeV fm⁻³; all > 0).
public struct EncodeRequest: Codable, Sendable, Equatable {
    /// The 107 raw values.
    public var vector: [Double]

    /// A request.
    public init(vector: [Double]) {
        self.vector = vector
    }
}

/// The encoder's latent point for a vector.
public struct EncodeResponse: Codable, Sendable, Equatable {
    /// Encoded M_max (μ_s[0]) [M☉].
    public var maximumMass: Double
    /// Encoded R_1.4 (μ_s[1]) [km].
    public var radius14: Double
    /// Means μ_v of the d unsupervised latents.
    public var latentMeans: [Double]
    /// Standard deviations σ_v of the d unsupervised latents.
    public var latentStandardDeviations: [Double]

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", latentMeans = "mu_v", latentStandardDeviations = "sigma_v"
    }

    /// A response.
    public init(maximumMass: Double, radius14: Double, latentMeans: [Double], latentStandardDeviations: [Double]) {
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.latentMeans = latentMeans
        self.latentStandardDeviations = latentStandardDeviations
    }
}
