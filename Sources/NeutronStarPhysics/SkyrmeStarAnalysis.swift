import Foundation

/// The physics filters a Skyrme model must pass, in the order they are applied.
public enum SkyrmeFilter: String, Sendable, Codable, CaseIterable {
    /// σ > 0 (a valid density-dependent term).
    case positiveSigma = "sigma_positive"
    /// Beta equilibrium has a proton fraction above 1e-4 up to the centre of the maximum-mass star.
    case protonFraction = "proton_fraction"
    /// Both nucleon effective masses stay positive.
    case effectiveMass = "effective_mass"
    /// A crust–core transition exists in (0.03, 0.13) fm⁻³.
    case crustCoreTransition = "crust_core_transition"
    /// dp/dn > 0 above the transition.
    case mechanicalStability = "mechanical_stability"
    /// The maximum mass is reached inside the EOS.
    case maximumMass = "maximum_mass"
    /// c_s² < 1 up to p_max.
    case causality = "causality"
    /// The integration or a root search failed (counted, never silently dropped).
    case numerical = "numerical"
}

/// Why a Skyrme model was rejected: the filter it failed and a one-line explanation.
public struct SkyrmeRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public let filter: SkyrmeFilter
    public let detail: String
    public init(filter: SkyrmeFilter, detail: String) { self.filter = filter; self.detail = detail }
    public var description: String { "rejected by the \(filter.rawValue) filter: \(detail)" }
}

/// A Skyrme model carried through the whole pipeline: EOS, stars, and its 107-vector, after every physics filter.
public struct SkyrmeStarAnalysis: Sendable {
    /// Admissible crust–core transition densities [fm⁻³].
    public static let transitionDensityRange = 0.03...0.13

    /// The model.
    public let model: SkyrmeEOS
    /// M_max, the 1.4 M☉ star and the mass–radius curve.
    public let summary: StarSequenceSummary
    /// The 107-vector (exact c_s²).
    public let vector: SoundSpeedVector
    /// The coarse scan in ln p_c that located the maximum (it brackets the stars of ``stars(masses:including:)``).
    public let scannedStars: [Star]
    /// The sequence (solver and tolerance) the stars were solved with.
    public let sequence: StarSequence

    /// Runs the pipeline.
    /// - Parameters:
    ///   - curvePoints: stars on the mass–radius curve (0 for none).
    ///   - tolerance: relative tolerance of the TOV integration.
    /// - Throws: `SkyrmeRejection` naming the first filter the model fails.
    public init(
        parameters: SkyrmeParameters, options: SkyrmeEOSOptions = SkyrmeEOSOptions(),
        curvePoints: Int = 50, tolerance: Double = 1e-8
    ) throws(SkyrmeRejection) {
        do {
            model = try SkyrmeEOS(parameters: parameters, options: options)
        } catch let error as PhysicsError {
            throw Self.rejection(for: error)
        } catch {
            throw SkyrmeRejection(filter: .numerical, detail: "\(error)")
        }
        let nCC = model.transition.baryonDensity
        guard Self.transitionDensityRange.contains(nCC) else {
            throw SkyrmeRejection(
                filter: .crustCoreTransition,
                detail:
                    "n_cc = \(nCC) fm^-3 is outside \(Self.transitionDensityRange.lowerBound)...\(Self.transitionDensityRange.upperBound)")
        }
        sequence = StarSequence(solver: TOVSolver(eos: model.eos, relativeTolerance: tolerance))
        do {
            scannedStars = try sequence.scan()
            summary = try sequence.summary(curvePoints: curvePoints, scanned: scannedStars)
        } catch let error as PhysicsError {
            if case .maximumMassNotFound = error, let limit = model.tableLimit {
                // The table ended early; the reason it ended is the filter that failed.
                throw Self.rejection(for: limit)
            }
            throw Self.rejection(for: error)
        } catch {
            throw SkyrmeRejection(filter: .numerical, detail: "\(error)")
        }
        let pMax = summary.maximumMassStar.centralPressure
        let core = model.eos.core
        for i in 0..<core.count where core.pressure[i] <= pMax && core.soundSpeedSquared[i] >= 1 {
            throw SkyrmeRejection(
                filter: .causality,
                detail: PhysicsError.acausal(pressure: core.pressure[i], soundSpeedSquared: core.soundSpeedSquared[i]).description)
        }
        do {
            vector = try model.soundSpeedVector(maximumMassStar: summary.maximumMassStar)
        } catch let error as PhysicsError {
            throw Self.rejection(for: error)
        } catch {
            throw SkyrmeRejection(filter: .numerical, detail: "\(error)")
        }
        if let worst = vector.soundSpeedSquared.max(), worst >= 1 {
            throw SkyrmeRejection(filter: .causality, detail: "c_s^2 = \(worst) >= 1 below p_max")
        }
    }

    /// The stars of the given masses [M☉] on the stable branch (nil where none exists), reusing the scan and the
    /// maximum-mass star: see ``StarSequence/stars(masses:scanned:maximum:including:)``.
    public func stars(masses: [Double], including quantities: StarQuantities = []) throws -> [Star?] {
        try sequence.stars(masses: masses, scanned: scannedStars, maximum: summary.maximumMassStar, including: quantities)
    }

    /// Maps a physics error to the filter it belongs to.
    static func rejection(for error: PhysicsError) -> SkyrmeRejection {
        let filter: SkyrmeFilter
        switch error {
        case .invalidParameter(let name, _, _) where name == "sigma": filter = .positiveSigma
        case .vanishingProtonFraction: filter = .protonFraction
        case .nonPositiveEffectiveMass: filter = .effectiveMass
        case .crustCoreTransitionNotFound: filter = .crustCoreTransition
        case .outsideValidity(let quantity, _, _) where quantity.hasPrefix("crust-core"): filter = .crustCoreTransition
        case .mechanicalInstability: filter = .mechanicalStability
        case .maximumMassNotFound, .massNotReached: filter = .maximumMass
        case .acausal: filter = .causality
        default: filter = .numerical
        }
        return SkyrmeRejection(filter: filter, detail: error.description)
    }
}
