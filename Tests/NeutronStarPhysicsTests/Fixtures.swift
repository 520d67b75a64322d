import Foundation
import NeutronStarPhysics

/// Reference data of the physics note (`Fixtures/`, copied from the project's shared reference files).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A 107-vector file, one number per line.
    static func vector(_ name: String) throws -> [Double] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    struct Point: Decodable { let pc: Double; let M: Double; let R: Double; let Lambda: Double }
    struct Solve: Decodable {
        let Mmax: Double; let pc_max: Double; let R_Mmax: Double; let R14: Double; let Lambda14: Double; let eps_jump_at_cc: Double
    }
    struct Criterion: Decodable { let points: [Point]; let solve: Solve }

    /// `sly4_fixtures.json`: SLy4 stars at fixed central pressures and the solved global properties.
    static func stars() throws -> [String: Criterion] {
        try JSONDecoder().decode([String: Criterion].self, from: Data(contentsOf: directory.appendingPathComponent("sly4_fixtures.json")))
    }
}

/// SLy4 through the whole pipeline, computed once per test process.
enum SLy4Pipeline {
    struct Result: Sendable {
        let model: SkyrmeEOS
        let summary: StarSequenceSummary
        let vector: SoundSpeedVector
    }

    static func run(_ criterion: CrustCoreCriterion) throws -> Result {
        var options = SkyrmeEOSOptions()
        options.criterion = criterion
        let model = try SkyrmeEOS(parameters: .sly4, options: options)
        let summary = try StarSequence(solver: TOVSolver(eos: model.eos)).summary(curvePoints: 5)
        return Result(model: model, summary: summary, vector: try model.soundSpeedVector(maximumMassStar: summary.maximumMassStar))
    }

    static let thermodynamic = try? run(.thermodynamic)
    static let curvature = try? run(.curvature)
}
