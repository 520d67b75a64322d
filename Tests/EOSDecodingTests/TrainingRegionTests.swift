import EOSDecoding
import NeuralNetwork
import Testing

@Suite("Training region with a learned support")
struct TrainingRegionTests {
    /// One kernel centre at (M_max, R_1.4, z) = (2.45, 12, 0.25) with whitening scales (0.1, 0.5, 0.5) and h = 1, so
    /// log f = −|u|²/2 exactly; four calibration values. A point moved by k scales in M_max has log f = −k²/2: k = 1.2
    /// gives −0.72 (two of four calibration values below: score 0.5), k = 2 gives −2 (none strictly below: 0).
    static let support = TrainingSupport(
        center: [2.45, 12, 0.25], choleskyFactor: [[0.1, 0, 0], [0, 0.5, 0], [0, 0, 0.5]],
        bandwidth: 1, whitenedPoints: [[0, 0, 0]],
        calibrationLogDensities: [-2, -1, -0.5, -0.1], threshold: 0.25)

    static func decoder() throws -> EOSDecoder {
        let plain = try modelDecoding(to: sly4.vector.values)
        var statistics = plain.latentStatistics
        statistics.support = support
        let model = try VAEModel(
            architecture: plain.architecture, parameters: plain.parameters, inputScaler: plain.inputScaler,
            labelScaler: plain.labelScaler, latentStatistics: statistics)
        return try EOSDecoder(model: model, options: DecodingOptions(curvePoints: 0))
    }

    @Test func scoreAndMembershipFollowTheSupportInsideTheLabelBox() throws {
        let region = try Self.decoder().trainingRegion
        #expect(region.score(maximumMassMsun: 2.45, radius14Km: 12, z: [0.25]) == 1)
        #expect(region.score(maximumMassMsun: 2.33, radius14Km: 12, z: [0.25]) == 0.5)
        #expect(region.contains(maximumMassMsun: 2.33, radius14Km: 12, z: [0.25]))
        #expect(region.score(maximumMassMsun: 2.25, radius14Km: 12, z: [0.25]) == 0)
        #expect(!region.contains(maximumMassMsun: 2.25, radius14Km: 12, z: [0.25]))
        // z moved by 0.7 scales: score 0.75, inside. R_1.4 moved by 2.4 scales (inside the label box): score 0, outside.
        #expect(region.contains(maximumMassMsun: 2.45, radius14Km: 12, z: [0.6]))
        #expect(!region.contains(maximumMassMsun: 2.45, radius14Km: 13.2, z: [0.25]))
        // A score of 0.75 just above the label box (M_max ≤ 2.5) is still outside.
        #expect(region.score(maximumMassMsun: 2.52, radius14Km: 12, z: [0.25])! > 0.7)
        #expect(!region.contains(maximumMassMsun: 2.52, radius14Km: 12, z: [0.25]))
    }

    @Test func diagnosticsReportTheScore() throws {
        let decoder = try Self.decoder()
        let inside = try decoder.decode(DecodingRequest(maximumMassMsun: 2.33, radius14Km: 12))
        #expect(inside.diagnostics.regionScore == 0.5)
        #expect(inside.diagnostics.isInsideTrainingRegion)
        let outside = try decoder.decode(DecodingRequest(maximumMassMsun: 2.05, radius14Km: 11.7))
        #expect(outside.diagnostics.regionScore == 0)
        #expect(!outside.diagnostics.isInsideTrainingRegion)
    }

    /// Without a support (older model files) there is no score and the box decides.
    @Test func withoutSupportTheBoxDecides() throws {
        let decoder = try EOSDecoder(model: modelDecoding(to: sly4.vector.values), options: DecodingOptions(curvePoints: 0))
        let result = try decoder.decode(DecodingRequest(maximumMassMsun: 2.05, radius14Km: 11.7))
        #expect(result.diagnostics.regionScore == nil)
        #expect(result.diagnostics.isInsideTrainingRegion)
    }
}
