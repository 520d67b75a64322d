import APIModels
import NeutronStarPhysics

/// Turning a ``DecodedEOS`` into the API's result, refusing any non-finite number: the one mapping behind `/v1/decode`
/// and `eos-trainer decode --json`.
extension DecodedEOS {
    /// The API result; `full` adds the EOS table (`eosPoints` points from the surface to the centre of the
    /// maximum-mass star), the raw vector and the diagnostics.
    public func apiResult(full: Bool, eosPoints: Int) throws(APIProblem) -> DecodeResult {
        let curve = stars.massRadiusCurve
        var result = DecodeResult(
            input: LatentPointInput(maximumMass: request.maximumMassMsun, radius14: request.radius14Km, z: request.z),
            maximumMass: maximumMassMsun, radius14: radius14Km, tidalDeformability14: tidalDeformability14,
            massRadius: MassRadiusCurve(mass: curve.map(\.massMsun), radius: curve.map(\.radiusKm),
                                        tidalDeformability: curve.map(\.tidalDeformability),
                                        centralPressure: curve.map(\.centralPressure)))
        var numbers = [maximumMassMsun, radius14Km, tidalDeformability14] + result.massRadius.mass + result.massRadius.radius
            + result.massRadius.tidalDeformability + result.massRadius.centralPressure
        if full {
            let samples: [EOSPoint]
            do {
                samples = try eos.samples(count: eosPoints, highestPressure: stars.maximumMassStar.centralPressure)
            } catch {
                throw APIProblem(status: 422, code: "decode_failed", message: "the EOS table could not be sampled: \(error)")
            }
            let table = EOSTableColumns(baryonDensity: samples.map(\.baryonDensity), energyDensity: samples.map(\.energyDensity),
                                        pressure: samples.map(\.pressure), soundSpeedSquared: samples.map(\.soundSpeedSquared))
            let d = diagnostics
            let checks = DecodeDiagnostics(
                causal: d.isCausal, maxSoundSpeedSquared: d.maximumSoundSpeedSquared,
                monotone: d.isEnergyDensityMonotone && d.isBaryonDensityMonotone,
                insideTrainingRegion: d.isInsideTrainingRegion, zScores: d.latentStandardScores,
                energyDensityClosure: d.energyDensityClosure, baryonDensityClosure: d.baryonDensityClosure,
                energyDensityJump: d.energyDensityJumpMeVfm3, maximumMassRelativeError: d.maximumMassRelativeError,
                radius14Error: d.radius14ErrorKm, maximumMassInExtension: d.isMaximumMassInExtension)
            numbers += table.baryonDensity + table.energyDensity + table.pressure + table.soundSpeedSquared + rawVector
                + [checks.maxSoundSpeedSquared, checks.energyDensityClosure, checks.baryonDensityClosure,
                   checks.energyDensityJump, checks.maximumMassRelativeError, checks.radius14Error] + checks.zScores
            result.eos = table
            result.vector = rawVector
            result.diagnostics = checks
        }
        guard numbers.allSatisfy(\.isFinite) else {
            throw APIProblem(status: 422, code: "non_finite_result",
                             message: "the decoded EOS produced a non-finite value; this point cannot be answered")
        }
        return result
    }
}

extension EOSDecodingError {
    /// The API error for a point that failed to decode (`decode_failed`, naming the stage).
    public var apiProblem: APIProblem {
        APIProblem(status: 422, code: "decode_failed", message: "decoding failed at stage '\(stage)': \(description)")
    }
}
