import Foundation
import NeutronStarPhysics
import Testing

/// SLy4 against the reference values of the physics note §10, with the tolerances stated there for a correct
/// port, and against the tighter reference solve of `sly4_fixtures.json`.
@Suite("SLy4 reference values")
struct SLy4ReferenceTests {
    @Test("Thermodynamic crust-core transition and global properties (physics note §10)")
    func thermodynamic() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let t = r.model.transition
        #expect(abs(t.baryonDensity / 0.08886 - 1) < 1e-4)
        #expect(abs(t.pressure / 0.46275 - 1) < 1e-4)
        #expect(abs(t.energyDensity / 84.350 - 1) < 1e-4)
        let top = r.summary.maximumMassStar, canonical = r.summary.canonicalStar
        #expect(abs(top.massMsun - 2.05446) < 2e-4)
        #expect(abs(top.radiusKm - 10.0080) < 2e-3)
        #expect(abs(top.centralPressure / 858.07 - 1) < 3e-3)
        #expect(abs(canonical.radiusKm - 11.7497) < 5e-3)
        #expect(abs(canonical.tidalDeformability - 303.81) < 0.5)
        #expect(abs(r.vector.values[100] - 0.9769) < 1e-3)
        #expect(abs(r.vector.maximumEnergyDensity / 1595.52 - 1) < 3e-3)
        #expect(abs(r.vector.maximumDensity / 1.20237 - 1) < 3e-3)
        // The reference solve (DP45 at rtol 1e-8 in an independent code): much tighter agreement.
        let s = try #require(try Fixtures.stars()["thermo"]).solve
        #expect(abs(top.massMsun - s.Mmax) < 1e-6)
        #expect(abs(top.radiusKm - s.R_Mmax) < 1e-4)
        #expect(abs(canonical.radiusKm - s.R14) < 1e-4)
        #expect(abs(canonical.tidalDeformability - s.Lambda14) < 0.01)
        #expect(abs(r.model.eos.energyDensityJump - s.eps_jump_at_cc) < 1e-5)
        #expect(abs(canonical.massMsun - 1.4) < 1e-9)
    }

    @Test("Eq. 9 (curvature) crust-core transition and global properties")
    func curvature() throws {
        let r = try #require(SLy4Pipeline.curvature)
        let t = r.model.transition
        #expect(abs(t.baryonDensity / 0.06958 - 1) < 1e-4)
        #expect(abs(t.pressure / 0.27092 - 1) < 1e-4)
        #expect(abs(t.energyDensity / 65.974 - 1) < 1e-4)
        #expect(abs(r.summary.maximumMassStar.massMsun - 2.05445) < 2e-4)
        #expect(abs(r.summary.maximumMassStar.radiusKm - 10.0073) < 2e-3)
        #expect(abs(r.summary.canonicalStar.radiusKm - 11.7473) < 5e-3)
        #expect(abs(r.summary.canonicalStar.tidalDeformability - 303.78) < 0.5)
        let s = try #require(try Fixtures.stars()["eq9"]).solve
        #expect(abs(r.summary.canonicalStar.radiusKm - s.R14) < 1e-4)
        #expect(abs(r.model.eos.energyDensityJump - s.eps_jump_at_cc) < 1e-5)
    }

    @Test("SLy4's 107-vector matches the exact reference vector to 1e-4 in every entry")
    func vectorMatchesExactReference() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let reference = try Fixtures.vector("sly4_107_exact.txt")
        #expect(reference.count == 107)
        for (i, (a, b)) in zip(r.vector.values, reference).enumerated() {
            #expect(abs(a / b - 1) < 1e-4, "entry \(i): \(a) vs \(b)")
        }
    }

    @Test("SLy4's 107-vector agrees with the authors' published vector (different conventions)")
    func vectorMatchesAuthors() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let authors = try Fixtures.vector("sly4_107_authors.txt")
        for i in 101...103 { #expect(abs(r.vector.values[i] / authors[i] - 1) < 0.01, "entry \(i)") }
        let squares = (0..<101).map { pow(r.vector.values[$0] / authors[$0] - 1, 2) }
        let rms = (squares.reduce(0, +) / 101).squareRoot()
        #expect(rms < 0.02)
    }

    @Test("Round trip SLy4 -> 107-vector -> reconstruction -> TOV keeps M_max to 1e-4 and R_1.4 to 2 m")
    func roundTrip() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        for interpolation in SoundSpeedInterpolation.allCases {
            let rebuilt = try ReconstructedEOS(vector: r.vector, interpolation: interpolation)
            let summary = try StarSequence(solver: TOVSolver(eos: rebuilt.eos)).summary(curvePoints: 0)
            #expect(abs(summary.maximumMassStar.massMsun / r.summary.maximumMassStar.massMsun - 1) < 1e-4)
            #expect(abs(summary.canonicalStar.radiusKm - r.summary.canonicalStar.radiusKm) < 0.002)
            // The exact vector's redundant entries close to ~1e-7.
            #expect(abs(rebuilt.energyDensityClosure) < 1e-6)
            #expect(abs(rebuilt.baryonDensityClosure) < 1e-6)
        }
    }

    @Test("Stars at fixed central pressures from the reference vectors match the fixtures", arguments: ["thermo", "eq9"])
    func fixedCentralPressureStars(criterion: String) throws {
        let file = criterion == "thermo" ? "sly4_107_exact.txt" : nil
        let fixtures = try #require(try Fixtures.stars()[criterion])
        let vector: SoundSpeedVector
        if let file {
            vector = try SoundSpeedVector(values: try Fixtures.vector(file))
        } else {
            vector = try #require(SLy4Pipeline.curvature).vector
        }
        let solver = TOVSolver(eos: try ReconstructedEOS(vector: vector, interpolation: .notAKnot).eos)
        for point in fixtures.points where point.pc <= vector.maximumPressure * 1.0001 {
            let star = try solver.star(centralPressure: point.pc)
            #expect(abs(star.massMsun - point.M) < 1e-5, "M at p_c = \(point.pc)")
            #expect(abs(star.radiusKm - point.R) < 1e-4, "R at p_c = \(point.pc)")
            #expect(abs(star.tidalDeformability / point.Lambda - 1) < 1e-3, "Lambda at p_c = \(point.pc)")
        }
    }

    @Test("Muons lower SLy4's M_max by about 0.004 and R_1.4 by about 0.036 km")
    func muons() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        var options = SkyrmeEOSOptions()
        options.includeMuons = true
        let model = try SkyrmeEOS(parameters: .sly4, options: options)
        let s = try StarSequence(solver: TOVSolver(eos: model.eos)).summary(curvePoints: 0)
        let dM = r.summary.maximumMassStar.massMsun - s.maximumMassStar.massMsun
        let dR = r.summary.canonicalStar.radiusKm - s.canonicalStar.radiusKm
        #expect(dM > 0.003 && dM < 0.005)
        #expect(dR > 0.028 && dR < 0.044)
    }
}
