import APIModels
import Testing

/// The one set of point rules (`/v1/decode`, the batch and the explorer use it): messages checked literally,
/// since clients and the OpenAPI examples rely on the wording.
@Suite("TrainingRegionInfo point checks")
struct TrainingRegionCheckTests {
    private let region = TrainingRegionInfo(
        maximumMass: ValueRange(min: 1.9, max: 2.4), radius14: ValueRange(min: 10.5, max: 13.5),
        z: [LatentDimensionInfo(mean: 0, std: 1, min: -3, max: 3), LatentDimensionInfo(mean: 0.5, std: 0.5, min: -1, max: 2)],
        zSigmas: 2, zLimitSigmas: 3, sampleCount: 100)

    private func problem(_ m: Double, _ r: Double, _ z: [Double]?, prefix: String = "") -> APIProblem? {
        do {
            try region.check(maximumMass: m, radius14: r, z: z, prefix: prefix)
            return nil
        } catch {
            return error
        }
    }

    @Test func pointsInsideAreAcceptedBoundsIncluded() {
        #expect(problem(2.0, 12, nil) == nil)
        #expect(problem(1.9, 13.5, [-3, 2]) == nil)
    }

    @Test func eachFieldIsNamedWithItsRangeAndUnit() {
        #expect(
            problem(2.5, 12, nil)
                == APIProblem(
                    status: 422, code: "out_of_range", message: "m_max = 2.5 Msun is outside the allowed range [1.9, 2.4] Msun",
                    field: "m_max"))
        #expect(
            problem(2.0, 10.4, nil, prefix: "points[3].")
                == APIProblem(
                    status: 422, code: "out_of_range", message: "points[3].r_14 = 10.4 km is outside the allowed range [10.5, 13.5] km",
                    field: "points[3].r_14"))
        #expect(
            problem(2.0, 12, [0, 2.5])
                == APIProblem(
                    status: 422, code: "out_of_range", message: "z[1] = 2.5 is outside the allowed range [-1.0, 2.0]", field: "z[1]"))
    }

    @Test func nonFiniteValuesAreOutOfRange() {
        #expect(problem(.nan, 12, nil)?.detail.field == "m_max")
        #expect(
            problem(2.0, 12, [.infinity, 0])?.detail
                == APIErrorDetail(
                    code: "out_of_range", message: "z[0] = inf is outside the allowed range [-3.0, 3.0]", field: "z[0]"))
    }

    @Test func zNeedsOneValuePerLatentDimension() {
        #expect(
            problem(2.0, 12, [0], prefix: "points[0].")
                == APIProblem(
                    status: 422, code: "invalid_length", message: "points[0].z has 1 values; the model has 2 latent dimensions",
                    field: "points[0].z"))
    }
}
