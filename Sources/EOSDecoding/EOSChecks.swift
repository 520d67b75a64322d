import Foundation
import NeutronStarPhysics

/// The diagnostics of a rebuilt EOS (see ``DecodingDiagnostics``).
enum EOSChecks {
    static func diagnostics(solved: ReconstructedStars, request: DecodingRequest, region: TrainingRegion) -> DecodingDiagnostics {
        let reconstruction = solved.reconstruction, stars = solved.summary
        let eos = reconstruction.eos, core = eos.core
        let pMax = reconstruction.vector.maximumPressure
        let tableMaximum =
            zip(core.pressure, core.soundSpeedSquared)
            .filter { $0.0 <= pMax * (1 + 1e-12) }.map(\.1).max() ?? 0
        let maximumSoundSpeedSquared = max(tableMaximum, reconstruction.vector.soundSpeedSquared.max() ?? 0)
        // The crust covers p_cc (checked when the EOS was built), so the fallback is never used.
        let crustDensity = (try? eos.crust.point(pressure: eos.transitionPressure).baryonDensity) ?? exp(core.logBaryonDensity[0])
        let z = request.z ?? []
        return DecodingDiagnostics(
            maximumSoundSpeedSquared: maximumSoundSpeedSquared,
            isCausal: maximumSoundSpeedSquared < 1,
            isEnergyDensityMonotone: isIncreasing(core.energyDensity),
            isBaryonDensityMonotone: isIncreasing(core.logBaryonDensity),
            energyDensityJumpMeVfm3: eos.energyDensityJump,
            baryonDensityJumpRelative: exp(core.logBaryonDensity[0]) / crustDensity - 1,
            isInsideTrainingRegion: region.contains(
                maximumMassMsun: request.maximumMassMsun,
                radius14Km: request.radius14Km, z: z),
            regionScore: region.score(maximumMassMsun: request.maximumMassMsun, radius14Km: request.radius14Km, z: z),
            latentStandardScores: region.standardScores(of: z),
            energyDensityClosure: reconstruction.energyDensityClosure,
            baryonDensityClosure: reconstruction.baryonDensityClosure,
            maximumMassCentralPressureRatio: solved.maximumMassPressureRatio,
            isMaximumMassInExtension: solved.isMaximumMassInExtension,
            maximumMassRelativeError: stars.maximumMassStar.massMsun / request.maximumMassMsun - 1,
            radius14ErrorKm: stars.canonicalStar.radiusKm - request.radius14Km)
    }

    private static func isIncreasing(_ values: [Double]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }
}
