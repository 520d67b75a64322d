import Foundation
import NeutronStarPhysics
import Testing

@Suite("TOV and tidal deformability")
struct TOVTests {
    /// An incompressible EOS (constant ε, c_s² → ∞ approximated by 1e12) for crust and core alike, with
    /// n = ε/μ0 so that the surface envelope correction vanishes.
    static func incompressible(energyDensity e: Double) throws -> NeutronStarEOS {
        func table(from lo: Double, to hi: Double) throws -> EOSTable {
            let count = 200
            let step = (log(hi) - log(lo)) / Double(count - 1)
            return try EOSTable(
                logPressureStart: log(lo), logPressureStep: step,
                energyDensity: Array(repeating: e, count: count),
                baryonDensity: Array(repeating: e / PhysicalConstants.ironEnergyPerBaryonMeV, count: count),
                soundSpeedSquared: Array(repeating: 1e12, count: count))
        }
        return try NeutronStarEOS(crust: table(from: 1e-13, to: 2), core: table(from: 1, to: 5000))
    }

    @Test("Constant-density star matches the Schwarzschild interior solution", arguments: [50.0, 300.0, 1500.0])
    func constantDensity(centralPressure pc: Double) throws {
        let e = 400.0
        let star = try TOVSolver(eos: try Self.incompressible(energyDensity: e), relativeTolerance: 1e-10).star(centralPressure: pc)
        // p_c/ε = (1 − u)/(3u − 1) with u = sqrt(1 − 2M/R), and M = (4π/3) ε R³.
        let ratio = pc / e
        let u = (1 + ratio) / (1 + 3 * ratio)
        let eG = e * PhysicalConstants.mevFm3ToKmMinus2
        let radius = (3 * (1 - u * u) / (8 * Double.pi * eG)).squareRoot()
        let mass = 4.0 / 3 * Double.pi * eG * radius * radius * radius / PhysicalConstants.solarMassKm
        #expect(abs(star.radiusKm / radius - 1) < 1e-7)
        #expect(abs(star.massMsun / mass - 1) < 1e-7)
    }

    @Test("Newtonian limit of the Love number: k2 -> 3/4 for a light incompressible star with the surface jump")
    func loveNumberFormula() {
        // Newtonian limit k2 = (2 − y) / (2 (y + 3)). A uniform sphere has y = 2 inside and loses 3 at the
        // density jump of its surface: y = −1 gives 3/4. (Below C ~ 1e-3 the closed form cancels catastrophically.)
        #expect(abs(TOVSolver.loveNumber(compactness: 1e-3, y: -1) - 0.75) < 5e-3)
        #expect(abs(TOVSolver.loveNumber(compactness: 1e-3, y: 0) - 1.0 / 3) < 3e-3)
        #expect(abs(TOVSolver.loveNumber(compactness: 1e-3, y: 2)) < 1e-3)
        // Relativistic suppression: k2 falls with compactness.
        #expect(TOVSolver.loveNumber(compactness: 0.1, y: -1) < TOVSolver.loveNumber(compactness: 0.03, y: -1))
    }

    @Test("M, R and Lambda converge as the tolerance tightens")
    func convergence() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let reference = try TOVSolver(eos: r.model.eos, relativeTolerance: 1e-12).star(centralPressure: 150)
        var previousError = Double.infinity
        for tolerance in [1e-5, 1e-7, 1e-9] {
            let star = try TOVSolver(eos: r.model.eos, relativeTolerance: tolerance).star(centralPressure: 150)
            let error = max(
                abs(star.massMsun / reference.massMsun - 1), abs(star.radiusKm / reference.radiusKm - 1),
                abs(star.tidalDeformability / reference.tidalDeformability - 1))
            #expect(error < previousError || error < 1e-11)
            #expect(error < tolerance * 50)
            previousError = error
        }
    }

    @Test("The mass-radius curve rises to M_max, and M_max is a maximum of M(p_c)")
    func massRadiusCurve() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let curve = r.summary.massRadiusCurve
        #expect(curve.count == 5)
        for (a, b) in zip(curve, curve.dropFirst()) {
            #expect(b.massMsun > a.massMsun)
            #expect(b.centralPressure > a.centralPressure)
        }
        let top = r.summary.maximumMassStar
        #expect(curve.last?.centralPressure == top.centralPressure)
        let solver = TOVSolver(eos: r.model.eos)
        for factor in [0.99, 1.01] {
            #expect(try solver.star(centralPressure: top.centralPressure * factor).massMsun < top.massMsun)
        }
        #expect(throws: PhysicsError.self) { try StarSequence(solver: solver).star(mass: 2.1) }
    }

    @Test("Central pressures outside the EOS are rejected")
    func outsideTable() throws {
        let r = try #require(SLy4Pipeline.thermodynamic)
        let solver = TOVSolver(eos: r.model.eos)
        #expect(throws: PhysicsError.self) { try solver.star(centralPressure: 1e7) }
        #expect(throws: PhysicsError.self) { try solver.star(centralPressure: -1) }
        #expect(throws: PhysicsError.self) { try solver.star(centralPressure: .nan) }
    }
}
