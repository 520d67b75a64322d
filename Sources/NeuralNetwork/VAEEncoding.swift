/// The encoder's output for one EOS vector.
public struct VAEEncoding: Sendable, Equatable {
    /// μ_s in physical units: (M_max in M_sun, R_1.4 in km) for the production model.
    public var supervised: [Double]
    /// μ_v, the means of the unsupervised latents.
    public var latentMeans: [Double]
    /// σ_v = exp(½ log σ²_v), the standard deviations of the unsupervised latents.
    public var latentStandardDeviations: [Double]
}

/// A point in latent space to decode: physical supervised values and unsupervised z.
public struct LatentPoint: Sendable, Equatable {
    /// Supervised latents in physical units, e.g. [M_max (M_sun), R_1.4 (km)].
    public var supervised: [Double]
    /// Unsupervised latents z_v (d values).
    public var z: [Double]

    /// A point with explicit supervised values.
    public init(supervised: [Double], z: [Double]) {
        self.supervised = supervised
        self.z = z
    }

    /// A point for the production model: maximum mass (M_sun) and radius of a 1.4 M_sun star (km).
    public init(mMax: Double, r14: Double, z: [Double]) {
        self.init(supervised: [mMax, r14], z: z)
    }
}
