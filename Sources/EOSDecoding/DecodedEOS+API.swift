import APIModels
import NeutronStarPhysics

/// Turning a ``DecodedEOS`` into the API's result, refusing any non-finite number: the one mapping behind `/v1/decode`
/// and `eos-trainer decode --json`.
extension DecodedEOS {
    /// The API result (of `/v1/decode` and `eos-trainer decode --json`). Every form holds the scalars and the diagnostics (with the conditioning errors); `include`
    /// adds the mass–radius curve (`scalars`, `full`) and the EOS table of `eosPoints` points from the surface to the
    /// centre of the maximum-mass star with the raw vector (`full`). `observables`, when given, are solved and added;
    /// `fieldPrefix` is the JSON path of the point's `observables` for errors naming a density.
    public func apiResult(
        include: DecodeInclude, eosPoints: Int, observables query: ObservablesQuery? = nil,
        fieldPrefix: String = ""
    ) throws(APIProblem) -> DecodeResult {
        let d = diagnostics
        let checks = DecodeDiagnostics(
            causal: d.isCausal, maxSoundSpeedSquared: d.maximumSoundSpeedSquared,
            monotone: d.isEnergyDensityMonotone && d.isBaryonDensityMonotone,
            insideTrainingRegion: d.isInsideTrainingRegion, zScores: d.latentStandardScores,
            energyDensityClosure: d.energyDensityClosure, baryonDensityClosure: d.baryonDensityClosure,
            energyDensityJump: d.energyDensityJumpMeVfm3, maximumMassRelativeError: d.maximumMassRelativeError,
            radius14Error: d.radius14ErrorKm, maximumMassInExtension: d.isMaximumMassInExtension,
            regionScore: d.regionScore)
        var result = DecodeResult(
            input: LatentPointInput(maximumMass: request.maximumMassMsun, radius14: request.radius14Km, z: request.z),
            maximumMass: maximumMassMsun, radius14: radius14Km, tidalDeformability14: tidalDeformability14, diagnostics: checks)
        var numbers =
            [
                maximumMassMsun, radius14Km, tidalDeformability14, checks.maxSoundSpeedSquared,
                checks.energyDensityClosure, checks.baryonDensityClosure, checks.energyDensityJump,
                checks.maximumMassRelativeError, checks.radius14Error,
            ] + checks.zScores + [checks.regionScore ?? 0]
        if include != .observables {
            let curve = stars.massRadiusCurve
            let massRadius = MassRadiusCurve(
                mass: curve.map(\.massMsun), radius: curve.map(\.radiusKm),
                tidalDeformability: curve.map(\.tidalDeformability),
                centralPressure: curve.map(\.centralPressure))
            numbers += massRadius.mass + massRadius.radius + massRadius.tidalDeformability + massRadius.centralPressure
            result.massRadius = massRadius
        }
        if include == .full {
            let samples: [EOSPoint]
            do {
                samples = try eos.samples(count: eosPoints, highestPressure: stars.maximumMassStar.centralPressure)
            } catch {
                throw APIProblem(status: 422, code: "decode_failed", message: "the EOS table could not be sampled: \(error)")
            }
            let table = EOSTableColumns(
                baryonDensity: samples.map(\.baryonDensity), energyDensity: samples.map(\.energyDensity),
                pressure: samples.map(\.pressure), soundSpeedSquared: samples.map(\.soundSpeedSquared))
            numbers += table.baryonDensity + table.energyDensity + table.pressure + table.soundSpeedSquared + rawVector
            result.eos = table
            result.vector = rawVector
        }
        if let query {
            let solved: EOSObservables
            do throws(EOSDecodingError) {
                solved = try observables(query)
            } catch {
                if case let .densityOutsideTable(index, value, range) = error {
                    let field = "\(fieldPrefix)observables.densities[\(index)]"
                    throw APIProblem(
                        status: 422, code: "out_of_range",
                        message:
                            "\(field) = \(value) fm^-3 is outside the decoded EOS, allowed range [\(range.lowerBound), \(range.upperBound)] fm^-3 (up to the centre of the maximum-mass star)",
                        field: field)
                }
                throw error.apiProblem
            }
            let api = solved.apiResult
            numbers += api.finiteCheckValues
            result.observables = api
        }
        guard numbers.allSatisfy(\.isFinite) else {
            throw APIProblem(
                status: 422, code: "non_finite_result",
                message: "the decoded EOS produced a non-finite value; this point cannot be answered")
        }
        return result
    }
}

extension EOSObservables {
    /// The API form: stars that do not exist become `exists: false` with nulls.
    var apiResult: ObservablesResult {
        let top = maximumMassStar
        return ObservablesResult(
            maximumMass: top.massMsun, maximumMassRadius: top.radiusKm, centre: EOSStateResult(centre),
            maxSoundSpeedSquared: maximumSoundSpeedSquared,
            atMasses: zip(requestedMasses, starsAtMasses).map(StarAtMassResult.init),
            binaries: binaries.map { binary in
                guard let parameters = binary.tidalParameters, let star1 = binary.star1, let star2 = binary.star2 else {
                    return BinaryResult(m1: binary.masses.mass1Msun, m2: binary.masses.mass2Msun, exists: false)
                }
                return BinaryResult(
                    m1: binary.masses.mass1Msun, m2: binary.masses.mass2Msun, exists: true,
                    lambda1: star1.tidalDeformability, lambda2: star2.tidalDeformability,
                    lambdaTilde: parameters.lambdaTilde, deltaLambdaTilde: parameters.deltaLambdaTilde)
            },
            atDensities: densities.map(EOSStateResult.init))
    }
}

extension StarAtMassResult {
    /// The entry of a requested mass from the star found for it (nil: none exists, every value null).
    public init(mass: Double, star: Star?) {
        guard let star else {
            self.init(mass: mass, exists: false)
            return
        }
        self.init(
            mass: mass, exists: true, radius: star.radiusKm, lambda: star.tidalDeformability, k2: star.loveNumberK2,
            compactness: star.compactness, momentOfInertia: star.momentOfInertia, baryonMass: star.baryonMassMsun,
            centralPressure: star.centralPressure)
    }
}

extension EOSStateResult {
    init(_ point: EOSPoint) {
        self.init(
            baryonDensity: point.baryonDensity, pressure: point.pressure, energyDensity: point.energyDensity,
            soundSpeedSquared: point.soundSpeedSquared)
    }
}

extension ObservablesResult {
    /// Every number of the result, for the finite check (nulls are not numbers).
    var finiteCheckValues: [Double] {
        let states = [centre] + atDensities
        return [maximumMass, maximumMassRadius, maxSoundSpeedSquared]
            + states.flatMap { [$0.baryonDensity, $0.pressure, $0.energyDensity, $0.soundSpeedSquared] }
            + atMasses.flatMap {
                [$0.radius, $0.lambda, $0.k2, $0.compactness, $0.momentOfInertia, $0.baryonMass, $0.centralPressure].compactMap { $0 }
            }
            + binaries.flatMap { [$0.lambda1, $0.lambda2, $0.lambdaTilde, $0.deltaLambdaTilde].compactMap { $0 } }
    }
}

extension EOSDecodingError {
    /// The API error for a point that failed to decode (`decode_failed`, naming the stage; `conditioning_failed` when
    /// exact conditioning found no decoder input).
    public var apiProblem: APIProblem {
        if case .conditioningFailed = self {
            return APIProblem(status: 422, code: "conditioning_failed", message: description)
        }
        return APIProblem(status: 422, code: "decode_failed", message: "decoding failed at stage '\(stage)': \(description)")
    }
}
