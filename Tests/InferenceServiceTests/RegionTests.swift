import APIModels
import Foundation
import InferenceService
import MiniHTTP
import Testing

/// region_score recomputed from a published `training_region.support` the way openapi.yaml (RegionSupport) tells a
/// sampler to: forward substitution, log-mean-exp of the Gaussian kernels, count of calibration values below.
func publishedScore(_ support: RegionSupportInfo, _ x: [Double]) -> Double {
    var u = [Double](repeating: 0, count: x.count)
    for i in x.indices {
        let lower = (0..<i).reduce(0.0) { $0 + support.choleskyFactor[i][$1] * u[$1] }
        u[i] = (x[i] - support.center[i] - lower) / support.choleskyFactor[i][i]
    }
    let exponents = support.whitenedPoints.map { w in
        -zip(u, w).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * support.bandwidth * support.bandwidth)
    }
    let top = exponents.max()!
    let logDensity = top + log(exponents.reduce(0.0) { $0 + exp($1 - top) } / Double(exponents.count))
    return Double(support.calibrationLogDensities.filter { $0 < logDensity }.count) / Double(support.calibrationLogDensities.count)
}

@Suite("The learned training region in answers")
struct RegionTests {
    static func info(_ name: String, on server: InferenceServer) throws -> ModelInfo {
        try JSONDecoder().decode(ModelInfo.self, from: Data(server.handle(HTTPRequest(method: "GET", target: "/v1/models/\(name)")).body))
    }

    /// models/default: SLy4's (M_max, R_1.4) lies on the Skyrme band and is inside; (2.4, 11.2), inside the label box
    /// but off the band (heavy and compact: it decodes 10 % off in M_max), is outside. The score in each answer is the one a sampler computes
    /// from `/v1/models/default`.
    @Test func defaultModelSeparatesTheBandFromTheBox() throws {
        let region = try Self.info("default", on: defaultModelServer).trainingRegion
        let support = try #require(region.support)
        #expect(support.coordinates == ["m_max", "r_14", "z1", "z2", "z3", "z4"])
        #expect(support.threshold == 0.01)
        let mean = region.z.map(\.mean)
        for (m, r, inside) in [(2.05446, 11.7497, true), (2.4, 11.2, false)] {
            #expect(
                (region.maximumMass.min...region.maximumMass.max).contains(m) && (region.radius14.min...region.radius14.max).contains(r))
            let decoded = try decodedPoint(m, r, eosPoints: 20)
            let diagnostics = try #require(decoded["diagnostics"] as? [String: Any])
            let score = try #require(diagnostics["region_score"] as? Double)
            #expect(diagnostics["inside_training_region"] as? Bool == inside, "(\(m), \(r)) score \(score)")
            #expect(abs(score - publishedScore(support, [m, r] + mean)) <= 1.0 / Double(support.calibrationLogDensities.count))
            #expect((score >= support.threshold) == inside)
        }
    }

    /// The tiny model (d = 1) publishes its support, and decode and encode answers carry region_score.
    @Test func tinyModelPublishesItsSupportAndScores() throws {
        let region = try Self.info("tiny", on: sharedServer).trainingRegion
        let support = try #require(region.support)
        #expect(support.coordinates == ["m_max", "r_14", "z1"])
        #expect(support.center.count == 3 && support.choleskyFactor.count == 3 && support.whitenedPoints.allSatisfy { $0.count == 3 })
        let decoded = call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12.3, "eos_points": 10}"#)
        try #require(decoded.status == 200, "\(decoded.json)")
        let diagnostics = try #require(decoded.json["diagnostics"] as? [String: Any])
        let score = try #require(diagnostics["region_score"] as? Double)
        #expect(abs(score - publishedScore(support, [2.1, 12.3, region.z[0].mean])) <= 1.0 / Double(support.calibrationLogDensities.count))
        let vector = try #require(decoded.json["vector"] as? [Double])
        let encoded = call("POST", "/v1/encode", json: jsonText(["vector": vector]))
        try #require(encoded.status == 200, "\(encoded.json)")
        let encodedScore = try #require(encoded.json["region_score"] as? Double)
        let m = try #require(encoded.json["m_max"] as? Double), r = try #require(encoded.json["r_14"] as? Double)
        let mu = try #require(encoded.json["mu_v"] as? [Double])
        #expect(abs(encodedScore - publishedScore(support, [m, r] + mu)) <= 1.0 / Double(support.calibrationLogDensities.count))
    }
}
