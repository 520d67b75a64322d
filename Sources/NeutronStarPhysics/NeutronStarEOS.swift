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
            throw PhysicsError.outsideValidity(
                quantity: "crust-core transition pressure [MeV fm^-3]", value: pcc, range: crust.pressureRange)
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

    /// The baryon densities the EOS covers [fm⁻³]: from the crust's first node to the core's last.
    public var baryonDensityRange: ClosedRange<Double> {
        crust.baryonDensityRange.lowerBound...core.baryonDensityRange.upperBound
    }

    /// The EOS point at baryon density n [fm⁻³].
    ///
    /// Below the crust–core transition it is the crust, from the transition density n_cc of the core up the core,
    /// each by inverting its table's ln n(ln p) interpolant (see `EOSTable`): p, ε and c_s² are those the TOV solver
    /// uses at that pressure, p and ε increase with n, and dε/dn = (ε + p)/n holds to the interpolation's accuracy.
    /// Between the crust's density at p_cc and n_cc (the density gap of the first-order join, ~1 % of n_cc for
    /// SLy4) p stays p_cc, ε is linear in n and c_s² = 0; there dε/dn differs from (ε + p)/n by the mismatch of
    /// (ε + p)/n across the join (2e-4 for SLy4). Should the crust's density at p_cc exceed n_cc, the core is used
    /// from n_cc up.
    /// - Throws: `PhysicsError.outsideValidity` outside ``baryonDensityRange`` (a relative slack of 1e-12 is allowed).
    public func point(baryonDensity n: Double) throws -> EOSPoint {
        let range = baryonDensityRange
        guard n.isFinite, n >= range.lowerBound * (1 - 1e-12), n <= range.upperBound * (1 + 1e-12) else {
            throw PhysicsError.outsideValidity(quantity: "baryon density [fm^-3]", value: n, range: range)
        }
        let x = Foundation.log(min(max(n, range.lowerBound), range.upperBound))
        let coreStart = core.logBaryonDensity[0]
        if x >= coreStart { return core.point(logBaryonDensity: x) }
        let lnPcc = core.logPressureStart
        let crustTop = crust.baryonDensity(logPressure: lnPcc)
        if n <= crustTop { return crust.point(logBaryonDensity: x) }
        // The density gap of the join: p = p_cc, ε linear in n between the two sides.
        let below = crust.energyDensityAndSoundSpeed(logPressure: lnPcc).0, above = core.energyDensity[0]
        let nCC = Foundation.exp(coreStart)
        let fraction = (n - crustTop) / (nCC - crustTop)
        return EOSPoint(
            baryonDensity: n, energyDensity: below + fraction * (above - below), pressure: transitionPressure, soundSpeedSquared: 0)
    }

    /// `count` points logarithmically spaced in pressure from `lowestPressure` to `highestPressure`
    /// (both included; the default spans the surface pressure to the top of the core table).
    public func samples(
        count: Int, lowestPressure: Double = TOVSolver.defaultSurfacePressure,
        highestPressure: Double? = nil
    ) throws -> [EOSPoint] {
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
