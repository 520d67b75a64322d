import Foundation
import NeutronStarPhysics

/// The diagnostics of a rebuilt EOS (see ``DecodingDiagnostics``).
enum EOSChecks {
    static func diagnostics(reconstruction: ReconstructedEOS, stars: StarSequenceSummary, request: DecodingRequest,
                            region: TrainingRegion) -> DecodingDiagnostics {
        let eos = reconstruction.eos, core = eos.core
        let pMax = reconstruction.vector.maximumPressure
        let tableMaximum = zip(core.pressure, core.soundSpeedSquared)
            .filter { $0.0 <= pMax * (1 + 1e-12) }.map(\.1).max() ?? 0
        let maximumSoundSpeedSquared = max(tableMaximum, reconstruction.vector.soundSpeedSquared.max() ?? 0)
        let crustDensity = (try? eos.crust.point(pressure: eos.transitionPressure).baryonDensity) ?? .infinity
        let coreStartDensity = core.logBaryonDensity[0]
        let z = request.z ?? []
        return DecodingDiagnostics(
            maximumSoundSpeedSquared: maximumSoundSpeedSquared,
            isCausal: maximumSoundSpeedSquared < 1,
            isEnergyDensityMonotone: isIncreasing(core.energyDensity) && eos.energyDensityJump >= 0,
            isBaryonDensityMonotone: isIncreasing(core.logBaryonDensity) && coreStartDensity >= log(crustDensity),
            isInsideTrainingRegion: region.contains(maximumMassMsun: request.maximumMassMsun,
                                                    radius14Km: request.radius14Km, z: z),
            latentStandardScores: region.standardScores(of: z),
            energyDensityClosure: reconstruction.energyDensityClosure,
            baryonDensityClosure: reconstruction.baryonDensityClosure,
            maximumMassRelativeError: stars.maximumMassStar.massMsun / request.maximumMassMsun - 1,
            radius14ErrorKm: stars.canonicalStar.radiusKm - request.radius14Km)
    }

    private static func isIncreasing(_ values: [Double]) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }
}
