/// What a likelihood asks of a decoded EOS (the `observables` object of a decode request or batch point).
///
/// JSON: `{"masses": [1.34, 2.07], "binaries": [{"m1": 1.46, "m2": 1.27}], "densities": [0.16, 0.32],
/// "quantities": ["moment_of_inertia", "baryon_mass"]}`.
public struct ObservablesRequest: Codable, Sendable, Equatable {
    /// Gravitational masses [M☉] of the stars wanted (R, Λ, k2, compactness, central pressure; more by `quantities`).
    public var masses: [Double]?
    /// Binaries whose Λ̃ and δΛ̃ are wanted.
    public var binaries: [BinaryMassesInput]?
    /// Baryon densities n_B [fm⁻³] at which p, ε and c_s² are wanted.
    public var densities: [Double]?
    /// Quantities of the stars at `masses`; radius, lambda, k2 and compactness always come with a star, while
    /// `moment_of_inertia` and `baryon_mass` are computed only when listed.
    public var quantities: [StarQuantityName]?

    /// A request; absent lists ask for nothing.
    public init(
        masses: [Double]? = nil, binaries: [BinaryMassesInput]? = nil, densities: [Double]? = nil,
        quantities: [StarQuantityName]? = nil
    ) {
        self.masses = masses
        self.binaries = binaries
        self.densities = densities
        self.quantities = quantities
    }
}

/// A binary's source-frame component masses [M☉]: `{"m1": 1.46, "m2": 1.27}`.
public struct BinaryMassesInput: Codable, Sendable, Equatable {
    public var m1: Double
    public var m2: Double

    public init(m1: Double, m2: Double) {
        self.m1 = m1
        self.m2 = m2
    }
}

/// A quantity of a star that `observables.quantities` can name.
public enum StarQuantityName: String, Codable, Sendable, CaseIterable {
    case radius, lambda, k2, compactness
    /// Moment of inertia (slow rotation, Hartle 1967) [10⁴⁵ g cm²].
    case momentOfInertia = "moment_of_inertia"
    /// Baryon (rest) mass N m_u with m_u = 931.494 MeV [M☉].
    case baryonMass = "baryon_mass"
}

/// The observables of one decoded EOS (the `observables` object of a result). Every number is finite; a star that
/// does not exist is `"exists": false` with nulls.
public struct ObservablesResult: Codable, Sendable, Equatable {
    /// M_TOV, the maximum gravitational mass [M☉].
    public var maximumMass: Double
    /// Radius of the maximum-mass star [km].
    public var maximumMassRadius: Double
    /// The EOS at the centre of the maximum-mass star.
    public var centre: EOSStateResult
    /// Largest c_s² from the surface up to the centre of the maximum-mass star [c²].
    public var maxSoundSpeedSquared: Double
    /// One entry per requested mass, in request order.
    public var atMasses: [StarAtMassResult]
    /// One entry per requested binary, in request order.
    public var binaries: [BinaryResult]
    /// One entry per requested density, in request order.
    public var atDensities: [EOSStateResult]

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_tov", maximumMassRadius = "r_tov_km", centre = "center", maxSoundSpeedSquared = "max_cs2"
        case atMasses = "at_masses", binaries, atDensities = "at_densities"
    }

    public init(
        maximumMass: Double, maximumMassRadius: Double, centre: EOSStateResult, maxSoundSpeedSquared: Double,
        atMasses: [StarAtMassResult], binaries: [BinaryResult], atDensities: [EOSStateResult]
    ) {
        self.maximumMass = maximumMass
        self.maximumMassRadius = maximumMassRadius
        self.centre = centre
        self.maxSoundSpeedSquared = maxSoundSpeedSquared
        self.atMasses = atMasses
        self.binaries = binaries
        self.atDensities = atDensities
    }
}

/// The EOS at one baryon density: n_B [fm⁻³], ε and p [MeV fm⁻³], c_s² [c²].
public struct EOSStateResult: Codable, Sendable, Equatable {
    public var baryonDensity: Double
    public var pressure: Double
    public var energyDensity: Double
    public var soundSpeedSquared: Double

    enum CodingKeys: String, CodingKey {
        case baryonDensity = "n_b", pressure, energyDensity = "energy_density", soundSpeedSquared = "cs2"
    }

    public init(baryonDensity: Double, pressure: Double, energyDensity: Double, soundSpeedSquared: Double) {
        self.baryonDensity = baryonDensity
        self.pressure = pressure
        self.energyDensity = energyDensity
        self.soundSpeedSquared = soundSpeedSquared
    }
}

/// The star of one requested mass. When `exists` is false (the mass is above M_TOV or below the lightest star) every
/// other value is null; `moment_of_inertia` and `baryon_mass` are null unless requested in `quantities`.
public struct StarAtMassResult: Codable, Sendable, Equatable {
    /// The requested gravitational mass [M☉].
    public var mass: Double
    /// Whether a star of this mass exists on the stable branch.
    public var exists: Bool
    /// Circumferential radius [km].
    public var radius: Double?
    /// Dimensionless tidal deformability Λ.
    public var lambda: Double?
    /// Tidal Love number k2.
    public var k2: Double?
    /// Compactness G M / (R c²).
    public var compactness: Double?
    /// Moment of inertia [10⁴⁵ g cm²].
    public var momentOfInertia: Double?
    /// Baryon (rest) mass [M☉], N m_u with m_u = 931.494 MeV.
    public var baryonMass: Double?
    /// Central pressure [MeV fm⁻³].
    public var centralPressure: Double?

    enum CodingKeys: String, CodingKey {
        case mass, exists, radius = "radius_km", lambda, k2, compactness, momentOfInertia = "moment_of_inertia"
        case baryonMass = "baryon_mass", centralPressure = "central_pressure"
    }

    public init(
        mass: Double, exists: Bool, radius: Double? = nil, lambda: Double? = nil, k2: Double? = nil,
        compactness: Double? = nil, momentOfInertia: Double? = nil, baryonMass: Double? = nil,
        centralPressure: Double? = nil
    ) {
        self.mass = mass
        self.exists = exists
        self.radius = radius
        self.lambda = lambda
        self.k2 = k2
        self.compactness = compactness
        self.momentOfInertia = momentOfInertia
        self.baryonMass = baryonMass
        self.centralPressure = centralPressure
    }

    /// Writes absent values as explicit nulls, so every entry has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mass, forKey: .mass)
        try container.encode(exists, forKey: .exists)
        try container.encode(radius, forKey: .radius)
        try container.encode(lambda, forKey: .lambda)
        try container.encode(k2, forKey: .k2)
        try container.encode(compactness, forKey: .compactness)
        try container.encode(momentOfInertia, forKey: .momentOfInertia)
        try container.encode(baryonMass, forKey: .baryonMass)
        try container.encode(centralPressure, forKey: .centralPressure)
    }
}

/// The tidal parameters of one requested binary (Favata 2014; Wade et al. 2014, labels as given); nulls when either
/// component has no star.
public struct BinaryResult: Codable, Sendable, Equatable {
    /// Component masses as requested [M☉].
    public var m1: Double
    public var m2: Double
    /// Whether both component stars exist.
    public var exists: Bool
    /// Λ of the m₁ and m₂ stars.
    public var lambda1: Double?
    public var lambda2: Double?
    /// The binary tidal deformability Λ̃.
    public var lambdaTilde: Double?
    /// δΛ̃, the next combination in the post-Newtonian phase.
    public var deltaLambdaTilde: Double?

    enum CodingKeys: String, CodingKey {
        case m1, m2, exists, lambda1, lambda2, lambdaTilde = "lambda_tilde", deltaLambdaTilde = "delta_lambda_tilde"
    }

    public init(
        m1: Double, m2: Double, exists: Bool, lambda1: Double? = nil, lambda2: Double? = nil,
        lambdaTilde: Double? = nil, deltaLambdaTilde: Double? = nil
    ) {
        self.m1 = m1
        self.m2 = m2
        self.exists = exists
        self.lambda1 = lambda1
        self.lambda2 = lambda2
        self.lambdaTilde = lambdaTilde
        self.deltaLambdaTilde = deltaLambdaTilde
    }

    /// Writes absent values as explicit nulls, so every entry has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(m1, forKey: .m1)
        try container.encode(m2, forKey: .m2)
        try container.encode(exists, forKey: .exists)
        try container.encode(lambda1, forKey: .lambda1)
        try container.encode(lambda2, forKey: .lambda2)
        try container.encode(lambdaTilde, forKey: .lambdaTilde)
        try container.encode(deltaLambdaTilde, forKey: .deltaLambdaTilde)
    }
}
