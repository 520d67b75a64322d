import Foundation
import ModelFormat
import NeuralNetwork
import Testing

@Suite("Model directory: the learned training region")
struct TrainingSupportFormatTests {
    /// `makeBundle()` with a support fitted to seeded points in its 6 coordinates (M_max, R_1.4, z1…z4).
    static func bundleWithSupport() throws -> ModelBundle {
        let bundle = try makeBundle()
        var generator = SeededGenerator(seed: 9)
        let points = (0..<300).map { _ in
            let m = 1.9 + 0.5 * generator.nextUniform()
            return [m, 10 + 1.5 * m + 0.1 * generator.nextStandardNormal()] + (0..<4).map { _ in generator.nextStandardNormal() }
        }
        let fit = try TrainingSupportFit(
            points: points, supportCount: 100, calibrationCount: 150, bandwidths: [0.3, 0.5],
            threshold: 0.01, seed: 1)
        var statistics = bundle.model.latentStatistics
        statistics.support = fit.support
        let model = bundle.model
        return ModelBundle(
            model: try VAEModel(
                architecture: model.architecture, parameters: model.parameters,
                inputScaler: model.inputScaler, labelScaler: model.labelScaler,
                latentStatistics: statistics),
            metadata: bundle.metadata)
    }

    @Test("a support round-trips through model.json bit for bit")
    func roundTrip() throws {
        try withTemporaryDirectory { directory in
            let bundle = try Self.bundleWithSupport()
            try ModelDirectory.save(bundle, to: directory)
            let loaded = try ModelDirectory.load(from: directory)
            let support = try #require(loaded.model.latentStatistics.support)
            #expect(support == bundle.model.latentStatistics.support)
            #expect(support.score([2.1, 13.15, 0, 0, 0, 0]) == bundle.model.latentStatistics.support!.score([2.1, 13.15, 0, 0, 0, 0]))
        }
    }

    @Test("a model.json without a support (written before it existed) still loads, with no support")
    func olderFileLoads() throws {
        try withTemporaryDirectory { directory in
            try ModelDirectory.save(try Self.bundleWithSupport(), to: directory)
            try editDocument(in: directory) { object in
                var statistics = object["latentStatistics"] as! [String: Any]
                statistics["support"] = nil
                object["latentStatistics"] = statistics
            }
            let loaded = try ModelDirectory.load(from: directory)
            #expect(loaded.model.latentStatistics.support == nil)
            #expect(loaded.model.latentStatistics.sampleCount == 700)
        }
    }

    @Test("an invalid support is rejected with its field named")
    func invalidSupport() throws {
        func error(_ edit: @escaping (inout [String: Any]) -> Void) throws -> String {
            try withTemporaryDirectory { directory in
                try ModelDirectory.save(try Self.bundleWithSupport(), to: directory)
                try editDocument(in: directory) { object in
                    var statistics = object["latentStatistics"] as! [String: Any]
                    var support = statistics["support"] as! [String: Any]
                    edit(&support)
                    statistics["support"] = support
                    object["latentStatistics"] = statistics
                }
                do {
                    _ = try ModelDirectory.load(from: directory)
                    return "loaded"
                } catch {
                    return "\(error)"
                }
            }
        }
        #expect(try error { $0["bandwidth"] = -1 }.contains("field latentStatistics.support.bandwidth"))
        #expect(try error { $0["center"] = [2.1, 12] }.contains("field latentStatistics.support.center: has 2 entries, expected 6"))
        #expect(try error { $0["threshold"] = 2 }.contains("field latentStatistics.support.threshold"))
        #expect(
            try error { $0["calibrationLogDensities"] = [1, 0] }.contains(
                "latentStatistics.support.calibrationLogDensities[1]: not in ascending order"))
        #expect(try error { $0["whitenedPoints"] = nil }.contains("malformed JSON"))
    }
}
