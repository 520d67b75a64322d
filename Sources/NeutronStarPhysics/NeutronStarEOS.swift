import Foundation

/// A neutron-star EOS: a crust table below the crust–core transition pressure p_cc and a core table from
/// p_cc up. The energy density may jump at p_cc (a first-order join); the jump is kept, not smoothed.
public struct NeutronStarEOS: Sendable {
    /// The crust (used for p < p_cc).
    public let crust: EOSTable
    /// The core (used for p ≥ p_cc); its first node is the transition.
    public let core: EOSTable

    /// Joins a crust and a core.
    /// - Throws: `PhysicsError.outsideValidity` unless the crust table covers p_cc and the surface pressure.
    public init(crust: EOSTable, core: EOSTable) throws {
        let pcc = core.pressureRange.lowerBound
        guard crust.pressureRange.contains(pcc), crust.pressureRange.lowerBound <= TOVSolver.defaultSurfacePressure else {
            throw PhysicsError.outsideValidity(quantity: "crust-core transition pressure [MeV fm^-3]", value: pcc, range: crust.pressureRange)
        }
        self.crust = crust
        self.core = core
    }

    /// p_cc [MeV fm⁻³].
    public var transitionPressure: Double { core.pressureRange.lowerBound }
    /// The highest tabulated pressure [MeV fm⁻³].
    public var maximumPressure: Double { core.pressureRange.upperBound }
    /// ε_core(p_cc) − ε_crust(p_cc) [MeV fm⁻³].
    public var energyDensityJump: Double {
        core.energyDensity[0] - crust.energyDensityAndSoundSpeed(logPressure: core.logPressureStart).0
    }

    /// The EOS point at pressure p, from the crust below p_cc and the core from p_cc up.
    /// - Throws: `PhysicsError.outsideValidity` outside [lowest crust pressure, highest core pressure].
    public func point(pressure p: Double) throws -> EOSPoint {
        p < transitionPressure ? try crust.point(pressure: p) : try core.point(pressure: p)
    }

    /// `count` points logarithmically spaced in pressure from `lowestPressure` to `highestPressure`
    /// (both included; the default spans the surface pressure to the top of the core table).
    public func samples(count: Int, lowestPressure: Double = TOVSolver.defaultSurfacePressure,
                        highestPressure: Double? = nil) throws -> [EOSPoint] {
        guard count >= 2 else {
            throw PhysicsError.invalidParameter(name: "point count", value: Double(count), reason: "need at least 2")
        }
        let top = highestPressure ?? maximumPressure
        let lo = Foundation.log(lowestPressure), hi = Foundation.log(top)
        return try (0..<count).map { i in
            try point(pressure: i == count - 1 ? top : Foundation.exp(lo + (hi - lo) * Double(i) / Double(count - 1)))
        }
    }
}
