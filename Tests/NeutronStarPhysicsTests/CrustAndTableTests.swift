import Foundation
import NeutronStarPhysics
import Testing

@Suite("SLy4 crust and EOS tables")
struct CrustAndTableTests {
    @Test(
        "Haensel-Potekhin crust reproduces the physics note's check values",
        arguments: [
            (1e-8, 5.21679e-5, 5.60449e-8), (1e-4, 6.31938e-2, 6.75538e-5),
            (0.1, 32.68834, 0.0345702), (0.46275, 83.34568, 0.0878246),
        ])
    func crustCheckValues(pressure: Double, energyDensity: Double, baryonDensity: Double) throws {
        let point = try SLy4Crust.table.point(pressure: pressure)
        #expect(abs(point.energyDensity / energyDensity - 1) < 2e-6)
        #expect(abs(point.baryonDensity / baryonDensity - 1) < 2e-6)
    }

    @Test(
        "The crust stays within the published accuracy of the fit against Douchin & Haensel (2001)",
        arguments: [
            (2.091e-4, 3.495e11, 6.215e29), (4.710e-3, 7.906e12, 1.115e31),
            (4.268e-2, 7.202e13, 2.162e32), (7.596e-2, 1.284e14, 5.371e32),
        ])
    func douchinHaensel(n: Double, rho: Double, pDyn: Double) throws {
        let point = try SLy4Crust.table.point(pressure: pDyn * PhysicalConstants.dynPerCm2ToMeVfm3)
        #expect(abs(point.energyDensity / (rho * PhysicalConstants.gramPerCm3ToMeVfm3) - 1) < 0.055)
        #expect(abs(point.baryonDensity / n - 1) < 0.055)
    }

    @Test("Crust sound speed is causal and the energy density increases with pressure")
    func crustMonotone() throws {
        let table = SLy4Crust.table
        for (a, b) in zip(table.energyDensity, table.energyDensity.dropFirst()) { #expect(b > a) }
        #expect(table.soundSpeedSquared.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test("A table throws outside its pressure range and validates its input")
    func tableRange() throws {
        let table = SLy4Crust.table
        #expect(throws: PhysicsError.self) { try table.point(pressure: table.pressureRange.upperBound * 1.01) }
        #expect(throws: PhysicsError.self) { try table.point(pressure: 0) }
        #expect(throws: PhysicsError.self) {
            try EOSTable(
                logPressureStart: 0, logPressureStep: 0.1, energyDensity: [1, 2, 3, .nan], baryonDensity: [1, 1, 1, 1],
                soundSpeedSquared: [0.1, 0.1, 0.1, 0.1])
        }
        #expect(throws: PhysicsError.self) {
            try EOSTable(
                logPressureStart: 0, logPressureStep: 0.1, energyDensity: [1, 2, 3, 4], baryonDensity: [1, 1, 1, 1],
                soundSpeedSquared: [0.1, 0, 0.1, 0.1])
        }
    }

    @Test("Table interpolation is fourth order: halving the step cuts the error about 16-fold")
    func tableConvergence() throws {
        // A Γ = 2 polytrope in ε(p) with exact thermodynamics: ε = sqrt(p/K) + p (rest mass dominated form).
        let k = 1e-3
        func exact(_ p: Double) -> Double { (p / k).squareRoot() + p }
        func table(nodes: Int) throws -> EOSTable {
            let lo = log(0.1), hi = log(1000.0)
            let step = (hi - lo) / Double(nodes - 1)
            let ps = (0..<nodes).map { exp(lo + Double($0) * step) }
            // dε/dp = 1/(2 sqrt(K p)) + 1, c_s² = 1/(dε/dp).
            let cs2 = ps.map { 1 / (0.5 / (k * $0).squareRoot() + 1) }
            return try EOSTable(
                logPressureStart: lo, logPressureStep: step, energyDensity: ps.map(exact),
                baryonDensity: ps.map { exact($0) / 939 }, soundSpeedSquared: cs2)
        }
        func maxError(_ t: EOSTable) throws -> Double {
            try stride(from: 0.11, through: 990, by: 3.7).map { abs(try t.point(pressure: $0).energyDensity / exact($0) - 1) }.max()!
        }
        let coarse = try maxError(try table(nodes: 40)), fine = try maxError(try table(nodes: 79))
        #expect(coarse < 1e-5)
        #expect(coarse / fine > 10)
    }
}
