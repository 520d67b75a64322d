import Foundation
import NeutronStarPhysics
import Testing

/// `NeutronStarEOS.point(baryonDensity:)`: the EOS at a baryon density.
@Suite("EOS at a baryon density")
struct EOSAtDensityTests {
    /// SLy4 (Skyrme core, 400 nodes) and SLy4 rebuilt from its 107-vector (what a decode gives).
    static func eoses() throws -> [(String, NeutronStarEOS)] {
        let r = try #require(SLy4Pipeline.thermodynamic)
        return [("SLy4", r.model.eos), ("SLy4 rebuilt", try ReconstructedEOS(vector: r.vector).eos)]
    }

    @Test("Table nodes are reproduced: the node pressures and energy densities at the node densities")
    func nodes() throws {
        for (name, eos) in try Self.eoses() {
            for i in stride(from: 0, to: eos.core.count, by: 7) {
                let point = try eos.point(baryonDensity: exp(eos.core.logBaryonDensity[i]))
                #expect(abs(point.pressure / eos.core.pressure[i] - 1) < 1e-13, "\(name) core node \(i)")
                #expect(abs(point.energyDensity / eos.core.energyDensity[i] - 1) < 1e-13, "\(name) core node \(i)")
                #expect(abs(point.soundSpeedSquared / eos.core.soundSpeedSquared[i] - 1) < 1e-13)
            }
            for i in stride(from: 0, to: eos.crust.count, by: 97) where eos.crust.pressure[i] < eos.transitionPressure {
                let point = try eos.point(baryonDensity: exp(eos.crust.logBaryonDensity[i]))
                #expect(abs(point.pressure / eos.crust.pressure[i] - 1) < 1e-13, "\(name) crust node \(i)")
                #expect(abs(point.energyDensity / eos.crust.energyDensity[i] - 1) < 1e-13, "\(name) crust node \(i)")
            }
        }
    }

    @Test("Between nodes it inverts the pressure interpolation: n(p) and then p(n) return p")
    func roundTrip() throws {
        for (name, eos) in try Self.eoses() {
            for point in try eos.samples(count: 301, highestPressure: eos.maximumPressure * 0.999) {
                let back = try eos.point(baryonDensity: point.baryonDensity)
                #expect(abs(back.pressure / point.pressure - 1) < 1e-11, "\(name) at p = \(point.pressure)")
                #expect(abs(back.energyDensity / point.energyDensity - 1) < 1e-12, "\(name) at p = \(point.pressure)")
            }
        }
    }

    @Test("p and eps increase with n over the whole range; the density gap at p_cc holds p = p_cc and c_s^2 = 0")
    func monotone() throws {
        for (name, eos) in try Self.eoses() {
            let range = eos.baryonDensityRange
            let count = 20_000
            var previous: EOSPoint? = nil
            var gapPoints = 0
            for i in 0..<count {
                let n = exp(log(range.lowerBound) + (log(range.upperBound) - log(range.lowerBound)) * Double(i) / Double(count - 1))
                let point = try eos.point(baryonDensity: n)
                if let previous {
                    #expect(point.pressure >= previous.pressure && point.energyDensity > previous.energyDensity, "\(name) at n = \(n)")
                }
                if point.soundSpeedSquared == 0 {
                    gapPoints += 1
                    #expect(point.pressure == eos.transitionPressure)
                    #expect(n < exp(eos.core.logBaryonDensity[0]))
                } else {
                    #expect(previous.map { point.pressure > $0.pressure } ?? true, "\(name) at n = \(n)")
                }
                previous = point
            }
            // SLy4's gap, 0.08782 to 0.08886 fm⁻³, holds 10 of the 20 000 log-spaced points.
            #expect(gapPoints > 0 && gapPoints < 40, "\(name): \(gapPoints)")
        }
    }

    @Test("Thermodynamic consistency: d eps/dn = (eps + p)/n and dp/d eps = c_s^2, by central differences")
    func consistency() throws {
        for (name, eos) in try Self.eoses() {
            var worstFirstLaw = 0.0, worstSound = 0.0
            // From the outer crust (1e-8 fm⁻³) to just below the top, skipping 2 % around the crust–core gap.
            let nCC = exp(eos.core.logBaryonDensity[0])
            let top = eos.baryonDensityRange.upperBound * 0.99
            for i in 0..<400 {
                let n = exp(log(1e-8) + (log(top) - log(1e-8)) * Double(i) / 399)
                if abs(n / nCC - 1) < 0.02 { continue }
                let h = 1e-5 * n
                let lo = try eos.point(baryonDensity: n - h), mid = try eos.point(baryonDensity: n),
                    hi = try eos.point(baryonDensity: n + h)
                let dEdN = (hi.energyDensity - lo.energyDensity) / (2 * h)
                worstFirstLaw = max(worstFirstLaw, abs(dEdN / ((mid.energyDensity + mid.pressure) / n) - 1))
                let dPdE = (hi.pressure - lo.pressure) / (hi.energyDensity - lo.energyDensity)
                worstSound = max(worstSound, abs(dPdE / mid.soundSpeedSquared - 1))
            }
            // Measured: first law 1.5e-6 (SLy4) and 1.9e-6 (rebuilt), c_s² 7e-6 and 8e-6 (the Hermite slopes are
            // exact at the nodes, O(h³) between); allowed 1e-5 and 5e-5.
            #expect(worstFirstLaw < 1e-5, "\(name): d eps/dn vs (eps + p)/n, worst \(worstFirstLaw)")
            #expect(worstSound < 5e-5, "\(name): dp/d eps vs c_s^2, worst \(worstSound)")
        }
    }

    @Test("Densities outside the tables are errors naming the quantity and the range")
    func outside() throws {
        for (_, eos) in try Self.eoses() {
            let range = eos.baryonDensityRange
            #expect(abs(range.upperBound / exp(eos.core.logBaryonDensity.last!) - 1) < 1e-15)
            #expect(try eos.point(baryonDensity: range.lowerBound).pressure == eos.crust.pressure[0])
            for bad in [range.lowerBound * 0.999, range.upperBound * 1.001, 0, -0.16, .nan, .infinity] {
                let error = #expect(throws: PhysicsError.self) { try eos.point(baryonDensity: bad) }
                guard case let .outsideValidity(quantity, _, allowed)? = error else {
                    Issue.record("\(String(describing: error))"); continue
                }
                #expect(quantity.hasPrefix("baryon density") && allowed == range)
            }
        }
    }
}
