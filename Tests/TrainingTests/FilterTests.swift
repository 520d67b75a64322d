import Foundation
import NeutronStarPhysics
import Testing
import Training

/// Each physics filter, triggered by a constructed model that fails it (nuclear-matter parameters found to fail
/// exactly that filter first; E0 = −16 MeV and SLy4's surface couplings throughout).
@Suite("Skyrme model filters")
struct FilterTests {
    static func model(_ n0: Double, _ k0: Double, _ ms: Double, _ mv: Double, _ j: Double, _ l: Double) throws -> SkyrmeParameters {
        try SkyrmeParameters(
            nuclearMatter: NuclearMatterParameters(n0: n0, e0: -16, k0: k0, effectiveMassScalar: ms, effectiveMassVector: mv, j: j, l: l))
    }

    static func rejection(_ p: SkyrmeParameters, options: SkyrmeEOSOptions = SkyrmeEOSOptions()) -> SkyrmeFilter? {
        do { _ = try SkyrmeStarAnalysis(parameters: p, options: options, curvePoints: 0); return nil } catch { return error.filter }
    }

    @Test("sigma <= 0 is rejected: by the inverse map and by a parameter set")
    func sigma() throws {
        #expect(throws: PhysicsError.self) { try Self.model(0.16, 150, 0.7, 0.8, 32, 46) }
        var p = SkyrmeParameters.sly4
        p.sigma = -0.1
        #expect(Self.rejection(p) == .positiveSigma)
    }

    @Test("Vanishing proton fraction") func protonFraction() throws {
        #expect(Self.rejection(try Self.model(0.163, 254.065, 0.8, 0.854, 34.608, 26.419)) == .protonFraction)
    }

    @Test("Non-positive effective mass") func effectiveMass() throws {
        #expect(Self.rejection(try Self.model(0.16, 206.602, 0.891, 0.635, 34.056, 69.217)) == .effectiveMass)
    }

    @Test("Crust-core transition outside (0.03, 0.13) fm^-3 or absent") func transition() throws {
        #expect(Self.rejection(try Self.model(0.161, 277.84, 0.798, 0.981, 32.661, 12.812)) == .crustCoreTransition)
        #expect(Self.rejection(try Self.model(0.158, 203.459, 0.882, 0.877, 26.683, 99.935)) == .crustCoreTransition)
    }

    @Test("Mechanical instability above the transition") func mechanical() throws {
        #expect(Self.rejection(try Self.model(0.162, 266.245, 0.842, 0.902, 34.568, 17.478)) == .mechanicalStability)
    }

    @Test("Maximum mass not reached inside the EOS") func maximumMass() throws {
        var options = SkyrmeEOSOptions()
        options.maximumBaryonDensity = 0.3
        #expect(Self.rejection(.sly4, options: options) == .maximumMass)
    }

    @Test("Acausal core below p_max") func causality() throws {
        #expect(Self.rejection(try Self.model(0.163, 318.039, 0.512, 0.698, 27.275, 79.497)) == .causality)
    }

    @Test("The training window keeps SLy4 only when its bounds allow") func window() throws {
        var w = TrainingWindow()
        #expect(w.contains(mMax: 2.0545, r14: 11.75))
        w.massLower = 2.1
        #expect(!w.contains(mMax: 2.0545, r14: 11.75))
        #expect(!TrainingWindow().contains(mMax: 2.2, r14: 10.5))  // below 3 M + 4
        #expect(!TrainingWindow().contains(mMax: 2.2, r14: 15.5))
    }
}
