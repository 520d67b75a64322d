/// `POST /v1/encode`: exactly one of a raw 107-vector or an EOS table to encode.
///
/// JSON: `{"vector": [c_s²_0 … c_s²_100, n_cc, eps_cc, p_cc, n_max, eps_max, p_max]}` (c², fm⁻³, MeV fm⁻³; all > 0),
/// or `{"eos": {"n_b": […], "energy_density": […], "pressure": […], "cs2": […]}}` — the columns of the table
/// `/v1/decode` returns (``EOSTableColumns``), so a decoded table can be posted back unchanged; `cs2` may be left out.
/// Sending both or neither is refused (422).
public struct EncodeRequest: Codable, Sendable, Equatable {
    /// The 107 raw values, or nil when the request holds an EOS table.
    public var vector: [Double]?
    /// An EOS table, or nil when the request holds a vector. The server turns it into the 107-vector the way the
    /// training data were made (see `openapi.yaml`, `EncodeEOSTable`).
    public var eos: EncodeEOSTable?

    /// A request for a raw 107-vector.
    public init(vector: [Double]) {
        self.vector = vector
        self.eos = nil
    }

    /// A request for an EOS table.
    public init(eos: EncodeEOSTable) {
        self.vector = nil
        self.eos = eos
    }
}

/// An EOS table to encode: columns of equal length in strictly increasing pressure, with the field names and units
/// of ``EOSTableColumns``; `cs2` is optional (computed as dp/dε when absent).
///
/// The first row that does not lie on the SLy4 crust is the crust–core transition (n_cc, ε_cc, p_cc): a core table
/// starts there, and a full table from `/v1/decode` has its SLy4 crust rows recognised and skipped. The table must
/// reach the centre of the maximum-mass star (p_max). The rules and limits are in `openapi.yaml`.
public struct EncodeEOSTable: Codable, Sendable, Equatable {
    /// Baryon number density n_B [fm⁻³].
    public var baryonDensity: [Double]
    /// Energy density ε, rest mass included [MeV fm⁻³].
    public var energyDensity: [Double]
    /// Pressure p [MeV fm⁻³].
    public var pressure: [Double]
    /// Squared sound speed c_s² = dp/dε [c²], or nil to have it computed from the table.
    public var soundSpeedSquared: [Double]?

    enum CodingKeys: String, CodingKey {
        case baryonDensity = "n_b", energyDensity = "energy_density", pressure, soundSpeedSquared = "cs2"
    }

    /// A table from its columns.
    public init(baryonDensity: [Double], energyDensity: [Double], pressure: [Double], soundSpeedSquared: [Double]? = nil) {
        self.baryonDensity = baryonDensity
        self.energyDensity = energyDensity
        self.pressure = pressure
        self.soundSpeedSquared = soundSpeedSquared
    }

    /// The table `/v1/decode` returned, unchanged.
    public init(_ table: EOSTableColumns) {
        self.init(
            baryonDensity: table.baryonDensity, energyDensity: table.energyDensity, pressure: table.pressure,
            soundSpeedSquared: table.soundSpeedSquared)
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
    /// Whether the encoded point lies in the model's training region (M_max and R_1.4 inside the training labels'
    /// box and `region_score` ≥ the support's threshold; models without a learned support: every z score within the
    /// region's σ): outside it, the encoding is an extrapolation.
    public var insideTrainingRegion: Bool
    /// Fraction of training points less typical than the encoded point (see ``DecodeDiagnostics/regionScore``);
    /// nil (absent) when the model has no learned support.
    public var regionScore: Double?
    /// (μ_v − training mean) / training standard deviation, per unsupervised latent.
    public var zScores: [Double]
    /// For an EOS table only: the 107-vector computed from it and encoded (c_s² at 101 pressures [c²], then n_cc,
    /// ε_cc, p_cc, n_max, ε_max, p_max [fm⁻³, MeV fm⁻³]); nil (absent) for a vector request.
    public var vector: [Double]?

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", latentMeans = "mu_v", latentStandardDeviations = "sigma_v"
        case insideTrainingRegion = "inside_training_region", zScores = "z_scores", vector, regionScore = "region_score"
    }

    /// A response.
    public init(
        maximumMass: Double, radius14: Double, latentMeans: [Double], latentStandardDeviations: [Double],
        insideTrainingRegion: Bool, zScores: [Double], vector: [Double]? = nil, regionScore: Double? = nil
    ) {
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.latentMeans = latentMeans
        self.latentStandardDeviations = latentStandardDeviations
        self.insideTrainingRegion = insideTrainingRegion
        self.zScores = zScores
        self.vector = vector
        self.regionScore = regionScore
    }
}
