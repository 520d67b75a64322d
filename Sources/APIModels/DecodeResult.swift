/// The decoded EOS of one latent point (`POST /v1/decode`, and each successful batch item).
///
/// Every number is finite. `eos` and `vector` are present only with `"include": "full"` (the default),
/// `mass_radius` only with `"full"` and `"scalars"`, and `observables` only when the request asked for them.
public struct DecodeResult: Codable, Sendable, Equatable {
    /// The latent point decoded, with `z` filled in.
    public var input: LatentPointInput
    /// M_max of the decoded EOS, from its TOV solution [M☉].
    public var maximumMass: Double
    /// R_1.4 of the decoded EOS [km].
    public var radius14: Double
    /// Dimensionless tidal deformability Λ_1.4 of the decoded EOS.
    public var tidalDeformability14: Double
    /// The mass–radius curve up to the maximum-mass star (absent with `"include": "observables"`).
    public var massRadius: MassRadiusCurve?
    /// The EOS table from the surface to the centre of the maximum-mass star (`"include": "full"` only).
    public var eos: EOSTableColumns?
    /// The raw 107 decoder outputs: c_s² at 101 pressures [c²], then n_cc, ε_cc, p_cc, n_max, ε_max, p_max
    /// (`"include": "full"` only).
    public var vector: [Double]?
    /// Checks of the decoded EOS, with the conditioning errors (every form).
    public var diagnostics: DecodeDiagnostics
    /// The observables the request asked for.
    public var observables: ObservablesResult?
    /// How exact conditioning went (`"conditioning": "exact"` only).
    public var conditioning: ConditioningResult?

    enum CodingKeys: String, CodingKey {
        case input, maximumMass = "m_max", radius14 = "r_14", tidalDeformability14 = "lambda_14"
        case massRadius = "mass_radius", eos, vector, diagnostics, observables, conditioning
    }

    /// A result; `massRadius`, `eos`, `vector` and `observables` are nil where the include form leaves them out.
    public init(
        input: LatentPointInput, maximumMass: Double, radius14: Double, tidalDeformability14: Double,
        diagnostics: DecodeDiagnostics, massRadius: MassRadiusCurve? = nil, eos: EOSTableColumns? = nil,
        vector: [Double]? = nil, observables: ObservablesResult? = nil
    ) {
        self.input = input
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.tidalDeformability14 = tidalDeformability14
        self.diagnostics = diagnostics
        self.massRadius = massRadius
        self.eos = eos
        self.vector = vector
        self.observables = observables
    }
}

/// An EOS table as columns of equal length, in increasing pressure.
public struct EOSTableColumns: Codable, Sendable, Equatable {
    /// Baryon number density n_B [fm⁻³].
    public var baryonDensity: [Double]
    /// Energy density ε [MeV fm⁻³].
    public var energyDensity: [Double]
    /// Pressure p [MeV fm⁻³].
    public var pressure: [Double]
    /// Squared sound speed c_s² [c²].
    public var soundSpeedSquared: [Double]

    enum CodingKeys: String, CodingKey {
        case baryonDensity = "n_b", energyDensity = "energy_density", pressure, soundSpeedSquared = "cs2"
    }

    /// A table from its columns.
    public init(baryonDensity: [Double], energyDensity: [Double], pressure: [Double], soundSpeedSquared: [Double]) {
        self.baryonDensity = baryonDensity
        self.energyDensity = energyDensity
        self.pressure = pressure
        self.soundSpeedSquared = soundSpeedSquared
    }
}

/// A mass–radius curve as columns of equal length, in increasing central pressure.
public struct MassRadiusCurve: Codable, Sendable, Equatable {
    /// Gravitational mass M [M☉].
    public var mass: [Double]
    /// Circumferential radius R [km].
    public var radius: [Double]
    /// Dimensionless tidal deformability Λ.
    public var tidalDeformability: [Double]
    /// Central pressure p_c [MeV fm⁻³].
    public var centralPressure: [Double]

    enum CodingKeys: String, CodingKey {
        case mass, radius, tidalDeformability = "lambda", centralPressure = "central_pressure"
    }

    /// A curve from its columns.
    public init(mass: [Double], radius: [Double], tidalDeformability: [Double], centralPressure: [Double]) {
        self.mass = mass
        self.radius = radius
        self.tidalDeformability = tidalDeformability
        self.centralPressure = centralPressure
    }
}

/// Checks of a decoded EOS; none of them stops the decode.
public struct DecodeDiagnostics: Codable, Sendable, Equatable {
    /// Whether c_s² < 1 everywhere up to p_max.
    public var causal: Bool
    /// Largest c_s² up to p_max [c²].
    public var maxSoundSpeedSquared: Double
    /// Whether ε and n_B both increase strictly with p through the core.
    public var monotone: Bool
    /// Whether the point lies in the training region: labels in the training box and `region_score` ≥
    /// `training_region.support.threshold` (models without a learned support: |z score| ≤ `training_region.z_sigmas`).
    public var insideTrainingRegion: Bool
    /// Fraction of training points less typical than the point in (M_max, R_1.4, z): ~ uniform in [0, 1] over the
    /// training set, 0 far from it. Nil (absent) when the model has no learned support.
    public var regionScore: Double?
    /// (z − mean) / std per latent dimension.
    public var zScores: [Double]
    /// Integrated ε(p_max) / decoded ε_max − 1 (closure mismatch of ε_max).
    public var energyDensityClosure: Double
    /// Integrated n(p_max) / decoded n_max − 1 (closure mismatch of n_max).
    public var baryonDensityClosure: Double
    /// ε jump at the crust–core join, core minus crust [MeV fm⁻³].
    public var energyDensityJump: Double
    /// M_max of the decoded EOS / requested M_max − 1.
    public var maximumMassRelativeError: Double
    /// R_1.4 of the decoded EOS − requested R_1.4 [km].
    public var radius14Error: Double
    /// Whether the centre of the maximum-mass star lies more than 1 % above the decoded p_max, in the extension of the
    /// core where c_s² is held at its value at p_max (capped at 1) instead of decoded. `m_max` is still the true
    /// maximum of the rebuilt EOS.
    public var maximumMassInExtension: Bool

    enum CodingKeys: String, CodingKey {
        case causal, maxSoundSpeedSquared = "max_cs2", monotone, insideTrainingRegion = "inside_training_region"
        case zScores = "z_scores", energyDensityClosure = "energy_density_closure"
        case baryonDensityClosure = "baryon_density_closure", energyDensityJump = "energy_density_jump"
        case maximumMassRelativeError = "m_max_relative_error", radius14Error = "r_14_error"
        case maximumMassInExtension = "m_max_in_extension", regionScore = "region_score"
    }

    /// Diagnostics from their values.
    public init(
        causal: Bool, maxSoundSpeedSquared: Double, monotone: Bool, insideTrainingRegion: Bool, zScores: [Double],
        energyDensityClosure: Double, baryonDensityClosure: Double, energyDensityJump: Double,
        maximumMassRelativeError: Double, radius14Error: Double, maximumMassInExtension: Bool,
        regionScore: Double? = nil
    ) {
        self.causal = causal
        self.maxSoundSpeedSquared = maxSoundSpeedSquared
        self.monotone = monotone
        self.insideTrainingRegion = insideTrainingRegion
        self.zScores = zScores
        self.energyDensityClosure = energyDensityClosure
        self.baryonDensityClosure = baryonDensityClosure
        self.energyDensityJump = energyDensityJump
        self.maximumMassRelativeError = maximumMassRelativeError
        self.radius14Error = radius14Error
        self.maximumMassInExtension = maximumMassInExtension
        self.regionScore = regionScore
    }
}
