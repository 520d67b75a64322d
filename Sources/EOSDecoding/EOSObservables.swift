import NeutronStarPhysics

/// What a likelihood asks of a decoded EOS: stars of given masses, binaries, and the EOS at given baryon densities.
public struct ObservablesQuery: Sendable, Equatable {
    /// Gravitational masses of the stars wanted [M☉].
    public var masses: [Double]
    /// Binaries whose tidal parameters are wanted (source-frame component masses).
    public var binaries: [BinaryMasses]
    /// Baryon densities at which the EOS is wanted [fm⁻³].
    public var densities: [Double]
    /// Optional quantities computed for the stars of ``masses`` (moment of inertia, baryon mass).
    public var quantities: StarQuantities

    /// A request; everything left out is not computed.
    public init(masses: [Double] = [], binaries: [BinaryMasses] = [], densities: [Double] = [], quantities: StarQuantities = []) {
        self.masses = masses
        self.binaries = binaries
        self.densities = densities
        self.quantities = quantities
    }
}

/// The source-frame component masses of a binary [M☉].
public struct BinaryMasses: Sendable, Equatable {
    public var mass1Msun: Double
    public var mass2Msun: Double

    public init(mass1Msun: Double, mass2Msun: Double) {
        self.mass1Msun = mass1Msun
        self.mass2Msun = mass2Msun
    }
}

/// A binary's component stars and tidal parameters; the stars are nil when a component mass has no star.
public struct BinaryObservables: Sendable {
    /// The component masses asked for.
    public var masses: BinaryMasses
    /// The star of mass m₁, or nil when there is none (above M_TOV or below the lightest star).
    public var star1: Star?
    /// The star of mass m₂, or nil.
    public var star2: Star?
    /// Λ̃ and δΛ̃, when both stars exist.
    public var tidalParameters: BinaryTidalParameters?
}

/// The observables of one decoded EOS (see ``DecodedEOS/observables(_:)``).
public struct EOSObservables: Sendable {
    /// The maximum-mass (TOV) star.
    public var maximumMassStar: Star
    /// The EOS at the centre of the maximum-mass star.
    public var centre: EOSPoint
    /// The largest c_s² from the surface up to the centre of the maximum-mass star [c²].
    public var maximumSoundSpeedSquared: Double
    /// The requested masses [M☉], in request order.
    public var requestedMasses: [Double]
    /// One entry per requested mass: the star, or nil when no star has that mass.
    public var starsAtMasses: [Star?]
    /// One entry per requested binary.
    public var binaries: [BinaryObservables]
    /// One EOS point per requested density.
    public var densities: [EOSPoint]
}

extension DecodedEOS {
    /// The baryon densities at which ``observables(_:)`` answers: the EOS from its lowest tabulated density up to the
    /// centre of the maximum-mass star [fm⁻³].
    public var observableDensityRange: ClosedRange<Double> {
        eos.baryonDensityRange
            .lowerBound...((try? eos.point(pressure: stars.maximumMassStar.centralPressure).baryonDensity)
            ?? eos.baryonDensityRange.upperBound)
    }

    /// Solves what `request` asks for, reusing the stars already solved for M_TOV: each requested mass is a root in
    /// ln p_c on the stable branch (solver tolerance, no interpolation along a curve), each mass solved once even
    /// when it recurs among the binaries.
    /// - Throws: ``EOSDecodingError/densityOutsideTable(index:value:range:)`` for a density outside
    ///   ``observableDensityRange``, ``EOSDecodingError/stars(_:)`` when a star cannot be solved.
    public func observables(_ request: ObservablesQuery) throws(EOSDecodingError) -> EOSObservables {
        let range = observableDensityRange
        if let index = request.densities.firstIndex(where: { !range.contains($0) }) {
            throw .densityOutsideTable(index: index, value: request.densities[index], range: range)
        }
        let top = stars.maximumMassStar
        do {
            let atMasses = try solved.stars(masses: request.masses, including: request.quantities)
            var known: [Double: Star?] = [:]
            for (mass, star) in zip(request.masses, atMasses) { known[mass] = star }
            let binaryOnly = Array(Set(request.binaries.flatMap { [$0.mass1Msun, $0.mass2Msun] }).subtracting(request.masses)).sorted()
            for (mass, star) in zip(binaryOnly, try solved.stars(masses: binaryOnly)) { known[mass] = star }
            let binaries = try request.binaries.map { pair in
                let star1 = known[pair.mass1Msun] ?? nil, star2 = known[pair.mass2Msun] ?? nil
                var parameters: BinaryTidalParameters?
                if let star1, let star2 {
                    parameters = try BinaryTidalParameters(
                        mass1: pair.mass1Msun, mass2: pair.mass2Msun,
                        lambda1: star1.tidalDeformability, lambda2: star2.tidalDeformability)
                }
                return BinaryObservables(masses: pair, star1: star1, star2: star2, tidalParameters: parameters)
            }
            let centre = try eos.point(pressure: top.centralPressure)
            let core = eos.core
            let tableMaximum = zip(core.pressure, core.soundSpeedSquared).filter { $0.0 <= top.centralPressure }.map(\.1).max() ?? 0
            return EOSObservables(
                maximumMassStar: top, centre: centre, maximumSoundSpeedSquared: max(tableMaximum, centre.soundSpeedSquared),
                requestedMasses: request.masses, starsAtMasses: atMasses, binaries: binaries,
                densities: try request.densities.map { density in
                    var point = try eos.point(baryonDensity: density)
                    point.baryonDensity = density  // as asked, not its round trip through ln n
                    return point
                })
        } catch {
            throw .stars((error as? PhysicsError) ?? .numerical("\(error)"))
        }
    }
}
