import Foundation
import NeutronStarPhysics
import Testing

/// The core extension above a vector's p_max: causal and monotone by construction, and long enough to contain the
/// maximum mass when the vector's p_max falls short of it (as decoded vectors' p_max often does).
@Suite("Reconstruction above p_max")
struct ReconstructionExtensionTests {
    /// SLy4's exact 107-vector, but ending at `fraction` of SLy4's maximum-mass central pressure: the c_s² nodes are
    /// SLy4's on the shorter grid, so the rebuilt EOS is SLy4 up to the new p_max and the constant-c_s² extension above.
    static func truncatedSLy4(fraction: Double) throws -> (vector: SoundSpeedVector, sly4: SLy4Pipeline.Result) {
        let sly4 = try #require(SLy4Pipeline.thermodynamic)
        var top = sly4.summary.maximumMassStar
        top.centralPressure *= fraction
        return (try sly4.model.soundSpeedVector(maximumMassStar: top), sly4)
    }

    /// The reason of a `.maximumMassNotFound` error, or nil.
    static func maximumMassNotFoundReason(_ error: PhysicsError?) -> String? {
        guard case let .maximumMassNotFound(reason)? = error else { return nil }
        return reason
    }

    @Test("A vector ending at p_max / 2.2 (the true maximum lies above 1.6 p_max) is solved by extending the table")
    func maximumAboveTheDefaultExtension() throws {
        let (vector, sly4) = try Self.truncatedSLy4(fraction: 1 / 2.2)
        let rebuilt = try ReconstructedEOS(vector: vector)
        #expect(abs(rebuilt.extendedPressureFactor / ReconstructedEOS.extensionFactor - 1) < 0.01)
        // The former failure: with the table ending at 1.6 p_max the mass still rises at its top.
        let former = #expect(throws: PhysicsError.self) {
            try StarSequence(solver: TOVSolver(eos: rebuilt.eos, relativeTolerance: 1e-6)).maximumMassStar()
        }
        #expect(Self.maximumMassNotFoundReason(former)?.contains("still increases") == true)

        let solved = try ReconstructedStars(reconstruction: rebuilt, relativeTolerance: 1e-6, curvePoints: 5)
        #expect(solved.reconstruction.requestedExtensionFactor == 1.6 * 1.6, "one further step of 1.6 suffices")
        // Above the new p_max the extension (c_s² frozen at its value there) is softer than SLy4 (c_s² rising to 0.98),
        // so the maximum is a little lower than SLy4's 2.05446 and its centre a little below SLy4's (2.2 p_max).
        // Reference (this set-up at TOV tolerance 1e-10): M_max 2.04744 at 1.983 p_max; allowed 2e-5 and 0.01.
        let ratio = solved.maximumMassPressureRatio
        #expect(abs(ratio - 1.983) < 0.01, "p_c(M_max) / p_max = \(ratio)")
        #expect(solved.isMaximumMassInExtension)
        let mMax = solved.summary.maximumMassStar.massMsun
        #expect(abs(mMax - 2.04744) < 2e-5, "M_max \(mMax)")
        // The canonical star's centre (~60 MeV fm⁻³) is far below p_max: it is exactly SLy4's.
        #expect(abs(solved.summary.canonicalStar.radiusKm - sly4.summary.canonicalStar.radiusKm) < 2e-3)
        // The curve ends at the maximum-mass star, in the extension.
        #expect(solved.summary.massRadiusCurve.last?.centralPressure == solved.summary.maximumMassStar.centralPressure)
    }

    @Test("A vector whose maximum is bracketed by the default table is solved exactly as before (SLy4's exact vector)")
    func defaultTableUnchanged() throws {
        let sly4 = try #require(SLy4Pipeline.thermodynamic)
        for interpolation in SoundSpeedInterpolation.allCases {
            let rebuilt = try ReconstructedEOS(vector: sly4.vector, interpolation: interpolation)
            let direct = try StarSequence(solver: TOVSolver(eos: rebuilt.eos)).summary(curvePoints: 5)
            let solved = try ReconstructedStars(reconstruction: rebuilt, curvePoints: 5)
            #expect(solved.summary == direct, "identical stars, not just close ones")
            #expect(solved.reconstruction.requestedExtensionFactor == ReconstructedEOS.extensionFactor)
            #expect(abs(solved.maximumMassPressureRatio - 1) < 1e-4, "the maximum sits at p_max (measured 1 - 2e-5)")
            #expect(!solved.isMaximumMassInExtension)
        }
    }

    @Test("The extension stops at 4 p_max: a vector ending far below its maximum still fails, naming the cap")
    func extensionIsCapped() throws {
        let (vector, _) = try Self.truncatedSLy4(fraction: 1 / 10)
        let error = #expect(throws: PhysicsError.self) {
            try ReconstructedStars(reconstruction: try ReconstructedEOS(vector: vector), relativeTolerance: 1e-6, curvePoints: 0)
        }
        #expect(Self.maximumMassNotFoundReason(error)?.contains("largest extension allowed") == true, "\(String(describing: error))")
        for factor in [1.0, 0.5, ReconstructedEOS.maximumExtensionFactor * 1.01, .nan] {
            #expect(throws: PhysicsError.self) { try ReconstructedEOS(vector: vector, extensionFactor: factor) }
        }
    }

    /// SLy4's vector with its top node c_s²(p_max) replaced (1.3 is an acausal decode).
    static func withTopSoundSpeed(_ cs2: Double) throws -> SoundSpeedVector {
        let sly4 = try #require(SLy4Pipeline.thermodynamic)
        var values = sly4.vector.values
        values[100] = cs2
        return try SoundSpeedVector(values: values)
    }

    @Test(
        "The extension is causal (c_s² ≤ 1, Δε ≥ Δp) and ε, n increase strictly, for any top c_s² and length",
        arguments: [0.05, 0.5, 0.9769, 0.999, 1.0, 1.3])
    func extensionIsCausalAndMonotone(topSoundSpeedSquared: Double) throws {
        let vector = try Self.withTopSoundSpeed(topSoundSpeedSquared)
        let pMax = vector.maximumPressure
        for factor in [ReconstructedEOS.extensionFactor, 2.56, ReconstructedEOS.maximumExtensionFactor] {
            let core = try ReconstructedEOS(vector: vector, extensionFactor: factor).eos.core
            #expect(core.pressure.last! >= factor * pMax * (1 - 1e-12))
            let above = core.pressure.indices.filter { core.pressure[$0] > pMax * (1 + 1e-12) }
            #expect(above.count > 10)
            // Nodes above p_max: c_s² is the decoded top value, capped at 1.
            #expect(above.allSatisfy { core.soundSpeedSquared[$0] == min(topSoundSpeedSquared, 1) })
            // Densities increase strictly at every node of the core, extension included.
            #expect(zip(core.energyDensity, core.energyDensity.dropFirst()).allSatisfy { $0 < $1 })
            #expect(zip(core.logBaryonDensity, core.logBaryonDensity.dropFirst()).allSatisfy { $0 < $1 })
            // Between the nodes of the extension, 20 samples per interval: monotone, and causal in the integrated
            // sense dε/dp = 1/c_s² ≥ 1 (the cubic Hermite ε is exact to ~1e-11 p; a sample step is ~5e-4 p). Only the
            // interval joining an acausal decoded top node to the capped extension (the first one above p_max)
            // bridges from c_s² > 1 down to 1, never above the decoded value.
            let first = try #require(above.first)
            var previous = try core.point(pressure: core.pressure[first - 1])
            var monotone = true, largestSoundSpeed = 0.0, largestBridge = 0.0, smallestSlope = Double.infinity
            for i in above {
                for k in 1...20 {
                    let p = exp(log(core.pressure[i - 1]) + Double(k) / 20 * core.logPressureStep)
                    let point = try core.point(pressure: min(p, core.pressure[i]))
                    monotone = monotone && point.energyDensity > previous.energyDensity && point.baryonDensity > previous.baryonDensity
                    if topSoundSpeedSquared <= 1 || i > first {
                        largestSoundSpeed = max(largestSoundSpeed, point.soundSpeedSquared)
                        smallestSlope = min(
                            smallestSlope, (point.energyDensity - previous.energyDensity) / (point.pressure - previous.pressure))
                    } else {
                        largestBridge = max(largestBridge, point.soundSpeedSquared)
                    }
                    previous = point
                }
            }
            #expect(monotone, "factor \(factor)")
            #expect(largestSoundSpeed <= 1, "factor \(factor): c_s^2 up to \(largestSoundSpeed)")
            #expect(smallestSlope >= 1 - 1e-6, "factor \(factor): d eps / d p down to \(smallestSlope)")
            #expect(largestBridge <= max(topSoundSpeedSquared, 1) + 1e-12)
        }
    }

    @Test("A vector with p_max barely above p_cc is refused at once (its table would need 10⁴–10⁶ nodes for the extension)")
    func degenerateCoreIsRefused() throws {
        let sly4 = try #require(SLy4Pipeline.thermodynamic)
        var values = sly4.vector.values
        values[106] = values[103] * 1.0001  // p_max just above p_cc
        let vector = try SoundSpeedVector(values: values)
        let start = ContinuousClock.now
        let error = #expect(throws: PhysicsError.self) { _ = try ReconstructedEOS(vector: vector) }
        #expect(ContinuousClock.now - start < .seconds(1))
        guard case let .invalidParameter(name, _, _)? = error else {
            Issue.record("expected invalidParameter, got \(String(describing: error))")
            return
        }
        #expect(name == "p_max / p_cc")
        // Twice p_cc is still rebuilt (the smallest ratio accepted).
        values[106] = values[103] * ReconstructedEOS.minimumPressureRatio
        #expect(throws: Never.self) { _ = try ReconstructedEOS(vector: SoundSpeedVector(values: values)) }
    }
}
