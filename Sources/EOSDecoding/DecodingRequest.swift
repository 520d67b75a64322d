/// A point of latent space to decode: the requested maximum mass and 1.4 M☉ radius, and the d
/// unsupervised latents z (nil: the training-set mean of μ_v, the model's "typical" EOS).
public struct DecodingRequest: Sendable, Equatable, Codable {
    /// Requested maximum mass [M☉].
    public var maximumMassMsun: Double
    /// Requested radius of a 1.4 M☉ star [km].
    public var radius14Km: Double
    /// Unsupervised latents (d values), or nil for the training-set mean.
    public var z: [Double]?

    /// A request; `z` nil means the training-set latent mean.
    public init(maximumMassMsun: Double, radius14Km: Double, z: [Double]? = nil) {
        self.maximumMassMsun = maximumMassMsun
        self.radius14Km = radius14Km
        self.z = z
    }
}
