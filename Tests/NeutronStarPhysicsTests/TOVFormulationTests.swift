import Foundation
@testable import NeutronStarPhysics
import Testing

/// The TOV formulation: scaled centre variables, Y = y − W ε, the crust in the pseudo-enthalpy.
@Suite("TOV formulation")
struct TOVFormulationTests {
    @Test(
        "Every star of the sequence converges: errors against tolerance 1e-11 stay within 10x the tolerance",
        arguments: [1e-6, 1e-8])
    func sequenceConverges(tolerance: Double) throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let reference = TOVSolver(eos: r.model.eos, relativeTolerance: 1e-11)
        let solver = TOVSolver(eos: r.model.eos, relativeTolerance: tolerance)
        for pc in [2.0, 5, 12, 30, 70, 150, 400, 858, 1500] {
            let a = try solver.star(centralPressure: pc), b = try reference.star(centralPressure: pc)
            #expect(abs(a.massMsun / b.massMsun - 1) < 10 * tolerance, "M at p_c = \(pc)")
            #expect(abs(a.radiusKm / b.radiusKm - 1) < 10 * tolerance, "R at p_c = \(pc)")
            #expect(abs(a.tidalDeformability / b.tidalDeformability - 1) < 10 * tolerance, "Lambda at p_c = \(pc)")
        }
    }

    @Test("A star without core (p_c below the crust-core transition) converges too")
    func crustOnlyStar() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let pc = r.model.eos.transitionPressure * 0.5
        let a = try TOVSolver(eos: r.model.eos, relativeTolerance: 1e-8).star(centralPressure: pc)
        let b = try TOVSolver(eos: r.model.eos, relativeTolerance: 1e-11).star(centralPressure: pc)
        // A white-dwarf-like star (R ~ 1850 km, C ~ 5e-4): its k2 formula cancels catastrophically, so only M and R.
        #expect(a.radiusKm > 1000)
        #expect(abs(a.massMsun / b.massMsun - 1) < 1e-7)
        #expect(abs(a.radiusKm / b.radiusKm - 1) < 1e-7)
    }

    @Test("The enthalpy table reproduces its source table from the surface pressure up")
    func enthalpyTable() throws {
        let source = SLy4Crust.table
        let table = source.enthalpyTable
        let g = PhysicalConstants.mevFm3ToKmMinus2
        var previous = -Double.infinity
        let lo = log(TOVSolver.defaultSurfacePressure), hi = source.logPressureEnd
        for k in 0...3000 {
            let x = lo + (hi - lo) * (Double(k) + 0.31) / 3001
            let h = table.enthalpy(logPressure: x)
            #expect(h > previous)
            previous = h
            let v = table.evaluate(h)
            let (e, _) = source.energyDensityAndSoundSpeed(logPressure: x)
            #expect(abs(v[0] / (exp(x) * g) - 1) < 1e-7, "p at ln p = \(x)")
            #expect(abs(v[1] / (e * g) - 1) < 1e-7, "eps at ln p = \(x)")
        }
        // dh/d ln p = p/(ε + p): compare a finite difference of the enthalpy column.
        let x = log(0.1), dx = 1e-4
        let slope = (table.enthalpy(logPressure: x + dx) - table.enthalpy(logPressure: x - dx)) / (2 * dx)
        let p = 0.1, e = try source.point(pressure: p).energyDensity
        #expect(abs(slope / (p / (e + p)) - 1) < 1e-6)
    }

    @Test("The summary's stars are the solver's stars at the same central pressures")
    func summaryStarsAreReproducible() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let solver = TOVSolver(eos: r.model.eos)
        for star in [r.summary.maximumMassStar, r.summary.canonicalStar] + r.summary.massRadiusCurve {
            #expect(try solver.star(centralPressure: star.centralPressure) == star)
        }
    }
}
