import EOSDecoding
import Foundation
import NeuralNetwork
import NeutronStarPhysics
import Testing

@Suite("EOSDecoder")
struct EOSDecoderTests {
    /// A decoder returning SLy4's vector (Float-rounded) reproduces SLy4's stars: the Float rounding of the
    /// outputs (~6e-8 relative) moves M_max and R_1.4 by far less than the 1e-5 allowed here.
    @Test func decodingToSLy4ReproducesItsStars() throws {
        let decoder = try EOSDecoder(model: modelDecoding(to: sly4.vector.values))
        let truth = sly4.summary
        let result = try decoder.decode(
            DecodingRequest(
                maximumMassMsun: truth.maximumMassStar.massMsun,
                radius14Km: truth.canonicalStar.radiusKm))
        #expect(abs(result.maximumMassMsun / truth.maximumMassStar.massMsun - 1) < 1e-5)
        #expect(abs(result.radius14Km - truth.canonicalStar.radiusKm) < 1e-4)
        #expect(abs(result.tidalDeformability14 / truth.canonicalStar.tidalDeformability - 1) < 1e-4)
        #expect(result.stars.massRadiusCurve.count == 50)
        #expect(result.request.z == [0.25], "no z means the training mean")
        let d = result.diagnostics
        #expect(d.isCausal && d.maximumSoundSpeedSquared < 1)
        #expect(d.isEnergyDensityMonotone && d.isBaryonDensityMonotone)
        #expect(d.energyDensityJumpMeVfm3 > 0.5 && d.energyDensityJumpMeVfm3 < 1.5, "SLy4 core starts ~1.0 MeV fm^-3 above its crust")
        #expect(d.isInsideTrainingRegion)
        #expect(abs(d.energyDensityClosure) < 1e-6 && abs(d.baryonDensityClosure) < 1e-6)
        #expect(abs(d.maximumMassRelativeError) < 1e-5 && abs(d.radius14ErrorKm) < 1e-4)
        #expect(result.rawVector.count == 107)
    }

    @Test func trainingRegionFlagsOutsidePoints() throws {
        let decoder = try EOSDecoder(model: modelDecoding(to: sly4.vector.values), options: DecodingOptions(curvePoints: 0))
        let farZ = try decoder.decode(DecodingRequest(maximumMassMsun: 2.05, radius14Km: 11.7, z: [0.25 + 3.5 * 0.5]))
        #expect(!farZ.diagnostics.isInsideTrainingRegion)
        #expect(abs(farZ.diagnostics.latentStandardScores[0] - 3.5) < 1e-12)
        let heavy = try decoder.decode(DecodingRequest(maximumMassMsun: 2.7, radius14Km: 11.7))
        #expect(!heavy.diagnostics.isInsideTrainingRegion)
        #expect(abs(heavy.diagnostics.maximumMassRelativeError - (2.05446 / 2.7 - 1)) < 1e-4)
    }

    @Test func invalidRequestsThrowTypedErrors() throws {
        let decoder = try EOSDecoder(model: modelDecoding(to: sly4.vector.values))
        for request in [
            DecodingRequest(maximumMassMsun: .nan, radius14Km: 12),
            DecodingRequest(maximumMassMsun: 2, radius14Km: -1),
            DecodingRequest(maximumMassMsun: 2, radius14Km: 12, z: [0, 1]),
            DecodingRequest(maximumMassMsun: 2, radius14Km: 12, z: [.infinity]),
        ] {
            #expect {
                try decoder.decode(request)
            } throws: { error in
                guard case .invalidRequest = error as? EOSDecodingError else { return false }
                return true
            }
        }
        #expect(throws: EOSDecodingError.self) {
            try EOSDecoder(
                model: modelDecoding(to: sly4.vector.values),
                options: DecodingOptions(tovRelativeTolerance: 0))
        }
    }

    @Test func inconsistentVectorIsInvalid() throws {
        var values = sly4.vector.values
        values[106] = values[103] / 2  // p_max below p_cc
        let decoder = try EOSDecoder(model: modelDecoding(to: values))
        #expect {
            try decoder.decode(DecodingRequest(maximumMassMsun: 2, radius14Km: 12))
        } throws: { error in
            guard case .invalidVector = error as? EOSDecodingError else { return false }
            return (error as? EOSDecodingError)?.stage == "invalid_vector"
        }
    }

    @Test func eosEndingBelowTheMaximumMassFailsInTheStarStage() throws {
        var values = sly4.vector.values
        values[106] = 30  // p_max = 30 MeV fm^-3: the mass still grows at the top of the table
        values[104] = 0.5
        values[105] = 500
        let decoder = try EOSDecoder(model: modelDecoding(to: values), options: DecodingOptions(curvePoints: 0))
        #expect {
            try decoder.decode(DecodingRequest(maximumMassMsun: 2, radius14Km: 12))
        } throws: { error in
            guard case .stars = error as? EOSDecodingError else { return false }
            return true
        }
    }

    /// The former "mass still increases at the top of the EOS table" failure: a decoded p_max below the maximum of
    /// M(p_c) of the rebuilt EOS, further than the default 1.6 p_max table. The decoder now extends the table, reports
    /// the true maximum of the rebuilt EOS and says that its centre lies in the extension.
    @Test func decodedPMaxBelowTheTrueMaximumIsSolvedAndFlagged() throws {
        var top = sly4.summary.maximumMassStar
        top.centralPressure /= 2.2  // SLy4's own maximum lies at 2.2 times this p_max
        let vector = try sly4.model.soundSpeedVector(maximumMassStar: top)
        let decoder = try EOSDecoder(model: modelDecoding(to: vector.values), options: DecodingOptions(curvePoints: 5))
        let result = try decoder.decode(DecodingRequest(maximumMassMsun: 2.05, radius14Km: 11.75))
        let d = result.diagnostics
        #expect(d.isMaximumMassInExtension)
        #expect(abs(d.maximumMassCentralPressureRatio - 1.983) < 0.01, "\(d.maximumMassCentralPressureRatio)")
        // The true maximum of the rebuilt EOS (SLy4 to p_max, softer constant c_s² above), a little below SLy4's
        // 2.05446 (reference 2.04744 at TOV tolerance 1e-10; the decoder's Float outputs and 1e-6 allow 1e-4).
        #expect(abs(result.maximumMassMsun - 2.04744) < 1e-4, "M_max \(result.maximumMassMsun)")
        #expect(abs(d.maximumMassRelativeError - (result.maximumMassMsun / 2.05 - 1)) < 1e-12)
        #expect(abs(result.radius14Km - sly4.summary.canonicalStar.radiusKm) < 2e-3)
        #expect(result.eos.maximumPressure >= result.stars.maximumMassStar.centralPressure)
        #expect(d.isCausal && d.isEnergyDensityMonotone && d.isBaryonDensityMonotone)

        // SLy4's exact vector: the maximum is at p_max, not in the extension.
        let exact = try EOSDecoder(model: modelDecoding(to: sly4.vector.values), options: DecodingOptions(curvePoints: 0))
            .decode(DecodingRequest(maximumMassMsun: 2.05, radius14Km: 11.75))
        #expect(!exact.diagnostics.isMaximumMassInExtension)
        #expect(abs(exact.diagnostics.maximumMassCentralPressureRatio - 1) < 1e-3)
    }

    /// Batched decoding gives single decoding's bits and keeps failures in place.
    @Test func batchMatchesSingles() throws {
        let decoder = try EOSDecoder(
            model: modelDecoding(to: sly4.vector.values, weightScale: 0.02),
            options: DecodingOptions(curvePoints: 0))
        let requests = [
            DecodingRequest(maximumMassMsun: 2.0, radius14Km: 11.5, z: [0]),
            DecodingRequest(maximumMassMsun: .nan, radius14Km: 11.5),
            DecodingRequest(maximumMassMsun: 2.3, radius14Km: 12.5, z: [1]),
        ]
        let batch = decoder.decode(batch: requests)
        #expect(batch.count == 3)
        guard case .failure(.invalidRequest) = batch[1] else { Issue.record("row 1 should fail"); return }
        for index in [0, 2] {
            let single = try decoder.decode(requests[index])
            let batched = try batch[index].get()
            #expect(single.rawVector.map(\.bitPattern) == batched.rawVector.map(\.bitPattern))
            #expect(single.maximumMassMsun.bitPattern == batched.maximumMassMsun.bitPattern)
            #expect(single.radius14Km.bitPattern == batched.radius14Km.bitPattern)
        }
        #expect(abs(try batch[0].get().rawVector[0] / batch[2].get().rawVector[0] - 1) > 1e-6, "inputs reach the outputs")
        #expect(decoder.decode(batch: []).isEmpty)
    }

    /// A point's answer has the same bits whether it travels alone or in a batch of 3, 8 or 64. The decoder has the
    /// production widths and weights large enough for the summation order to show in the bits: through OpenBLAS's
    /// `cblas_sgemm` (the kernels before) this test fails.
    @Test func answersDoNotDependOnTheBatchSize() throws {
        let model = try modelDecoding(to: sly4.vector.values, weightScale: 0.3, decoderHiddenWidths: [64, 128])
        let decoder = try EOSDecoder(model: model, options: DecodingOptions(curvePoints: 0))
        let requests = (0..<64).map { index in
            let t = Double(index) / 63
            return DecodingRequest(
                maximumMassMsun: 1.95 + 0.3 * t, radius14Km: 11.4 + 1.1 * (1 - t) * t * 4,
                z: [sin(7 * t)])
        }
        /// Per request: the raw vector, M_max and R_1.4 bits, or the error's description.
        func answers(inBatchesOf size: Int) -> [String] {
            stride(from: 0, to: requests.count, by: size).flatMap { start in
                decoder.decode(batch: Array(requests[start..<min(start + size, requests.count)]))
            }.map { result in
                switch result {
                case .success(let eos):
                    (eos.rawVector + [eos.maximumMassMsun, eos.radius14Km]).map { String($0.bitPattern, radix: 16) }
                        .joined(separator: " ")
                case .failure(let error): "\(error)"
                }
            }
        }
        let alone = answers(inBatchesOf: 1)
        #expect(alone.filter { !$0.contains(" ") }.count < 8, "most points decode")
        for size in [3, 8, 64] { #expect(answers(inBatchesOf: size) == alone, "batches of \(size)") }
    }
}
