import Foundation
import NumericalMethods

/// The opt-in integration for the moment of inertia and the baryon mass.
///
/// The state of the plain integration, (r, m, Y, 0) in lanes 0–3, gains two lanes:
/// - the frame-dragging Riccati variable w = r ω̄′/ω̄ (Hartle 1967). From (r⁴ j ω̄′)′ + 4 r³ j′ ω̄ = 0 with
///   j′/j = −4π r (ε + p)/(1 − 2m/r):  dw/dr = −w (w + 3)/r + 4π r (ε + p)(w + 4)/(1 − 2m/r),  w = O(r²) at the
///   centre. ω̄ and r⁴ j ω̄′ are continuous at the density jump at p_cc, so w is too (no jump condition). In vacuum
///   ω̄ = Ω − 2J/r³, for which I = J/Ω = r³ w/(6 + 2w) holds at every radius: I is read off at the surface pressure,
///   and the massless envelope above it changes nothing;
/// - the baryon mass: dm_B/dr = 4π r² m_u n_B / sqrt(1 − 2m/r).
///
/// In the core segment (in s, with the scaled state) they are scaled like r and m: ŵ = w/s² and μ_B = m_B/s³. The
/// steps are chosen with the extra lanes under the same relative tolerance as r and m.
///
/// The envelope above the surface pressure p_s holds a mass of about 4π R⁴ p_s/M (hydrostatic equilibrium), ~1e-11
/// of M at the default p_s = 1e-10 MeV fm⁻³: its share of I and of M_B is of that order, far below the tolerance.
extension TOVSolver {
    /// The star with the quantities of `including` from one extended integration (see the type's documentation).
    func extendedStar(_ start: CentreStart, including quantities: StarQuantities) throws -> Star {
        let pc = start.centralPressure, lnPc = start.lnPc, pcc = eos.transitionPressure
        let baryons = quantities.contains(.baryonMass)
        let fourPi = 4 * Double.pi
        let (s0, r0, m0) = (start.s0, start.r0, start.m0)
        let r0sq = r0 * r0
        // Centre series: w = (16π/5)(ε_c + p_c) r², and with ρ_B = m_u n_B (km⁻²), dρ_B/dε = ρ_B/(ε + p) and
        // 1/sqrt(1 − 2m/r) = 1 + m₃ r² + …: m_B = (4π/3) ρ_Bc r³ + (4π/5)(ρ_Bc ε₂/(ε_c + p_c) + ρ_Bc m₃) r⁵.
        let w0 = 16 * Double.pi / 5 * (start.eG + start.pG) * r0sq
        let centralTable = pc >= pcc ? eos.core : eos.crust
        let rhoBc = baryons ? Self.restMassDensity(centralTable.baryonDensity(logPressure: lnPc)) : 0
        let mB0 = (fourPi / 3 * rhoBc + fourPi / 5 * rhoBc * (start.e2 / (start.eG + start.pG) + start.m3) * r0sq) * r0sq * r0
        let tidal = Self.tidalAbsoluteTolerance * relativeTolerance
        let stepper = DormandPrince<SIMD8<Double>>(
            relativeTolerance: relativeTolerance * Self.structureToleranceFactor,
            absoluteTolerances: SIMD8(1e-14, 1e-14, tidal, 1e-14, 1e-14, 1e-14, 1e-14, 1e-14),
            maxSteps: 20_000)
        var steps = 0, evaluations = 0
        var state: SIMD8<Double>
        do {
            if start.hasCore {
                let sEnd = Foundation.log(pc / pcc).squareRoot()
                let core = eos.core
                let initial = SIMD8(r0 / s0, m0 / (s0 * s0 * s0), start.y0Shifted, 0, w0 / (s0 * s0), mB0 / (s0 * s0 * s0), 0, 0)
                let inner = try stepper.integrate(from: s0, to: sEnd, initial: initial) { s, u in
                    Self.scaledExtendedDerivatives(s: s, state: u, lnPc: lnPc, table: core, baryons: baryons)
                }
                let crust = eos.crust
                let enthalpyTable = crust.enthalpyTable
                let hStart = enthalpyTable.enthalpy(logPressure: Foundation.log(pcc))
                let hEnd = enthalpyTable.enthalpy(logPressure: Foundation.log(surfacePressure))
                let guess = inner.nextStep * 2 * sEnd * pcc / (crust.energyDensityAndSoundSpeed(logPressure: Foundation.log(pcc)).0 + pcc)
                var crustStepper = stepper
                crustStepper.relativeTolerance = relativeTolerance * Self.crustToleranceFactor
                crustStepper.absoluteTolerances[2] *= Self.crustToleranceFactor
                let s3 = sEnd * sEnd * sEnd
                let joined = SIMD8(
                    inner.state[0] * sEnd, inner.state[1] * s3, inner.state[2], 0,
                    inner.state[4] * sEnd * sEnd, inner.state[5] * s3, 0, 0)
                let outer = try crustStepper.integrate(from: hStart, to: hEnd, initial: joined, initialStep: guess) { h, u in
                    Self.enthalpyExtendedDerivatives(h: h, state: u, table: enthalpyTable, crust: crust, baryons: baryons)
                }
                steps = inner.acceptedSteps + inner.rejectedSteps + outer.acceptedSteps + outer.rejectedSteps
                evaluations = inner.evaluations + outer.evaluations
                state = outer.state
            } else {
                let crust = eos.crust
                let sol = try stepper.integrate(
                    from: s0, to: Foundation.log(pc / surfacePressure).squareRoot(),
                    initial: SIMD8(r0, m0, start.y0Shifted, 0, w0, mB0, 0, 0)
                ) { s, u in
                    Self.extendedDerivatives(s: s, state: u, lnPc: lnPc, table: crust, baryons: baryons)
                }
                steps = sol.acceptedSteps + sol.rejectedSteps
                evaluations = sol.evaluations
                state = sol.state
            }
        } catch let error as NumericsError {
            throw PhysicsError.numerical("TOV integration (moment of inertia, baryon mass) at p_c = \(pc) MeV fm^-3: \(error)")
        }
        var star = try surfaceStar(
            start, surfaceRadius: state[0], mass: state[1], shiftedY: state[2], steps: steps, evaluations: evaluations)
        let rs = state[0], w = state[4]
        let inertiaKm3 = rs * rs * rs * w / (6 + 2 * w)
        if quantities.contains(.momentOfInertia) {
            guard inertiaKm3.isFinite, inertiaKm3 > 0 else {
                throw PhysicsError.numerical("moment of inertia not finite and positive at p_c = \(pc) MeV fm^-3")
            }
            star.momentOfInertia = inertiaKm3 * PhysicalConstants.km3To1e45GramCm2
        }
        if baryons {
            guard state[5].isFinite, state[5] > 0 else {
                throw PhysicsError.numerical("baryon mass not finite and positive at p_c = \(pc) MeV fm^-3")
            }
            star.baryonMassMsun = state[5] / PhysicalConstants.solarMassKm
        }
        return star
    }

    /// Rest-mass density m_u n_B in km⁻² for n_B in fm⁻³.
    @inline(__always)
    static func restMassDensity(_ baryonDensity: Double) -> Double {
        baryonDensity * PhysicalConstants.atomicMassUnitMeV * PhysicalConstants.mevFm3ToKmMinus2
    }

    /// dw/dr and dm_B/dr (geometrized) at radius r with f = 1 − 2m/r, for ε + p and ρ_B = m_u n_B in km⁻².
    @inline(__always)
    static func extraRates(r: Double, f: Double, w: Double, enthalpyDensity ep: Double, restMassDensity rhoB: Double) -> (Double, Double) {
        let fourPiR = 4 * Double.pi * r
        return (-w * (w + 3) / r + fourPiR * ep * (w + 4) / f, fourPiR * r * rhoB / f.squareRoot())
    }

    /// d/ds of the extended scaled state (ρ, μ, Y, 0, ŵ, μ_B) = (r/s, m/s³, Y, 0, w/s², m_B/s³) in the core.
    @inline(__always)
    static func scaledExtendedDerivatives(s: Double, state u: SIMD8<Double>, lnPc: Double, table: EOSTable, baryons: Bool) -> SIMD8<Double>
    {
        let lnP = lnPc - s * s
        let g = PhysicalConstants.mevFm3ToKmMinus2
        let e = table.interpolate(logPressure: lnP)[0] * g
        let p = Foundation.exp(lnP) * g
        let base = scaledRates(s: s, state: u.lowHalf, energyDensity: e, pressure: p)
        let rho = u[0], mu = u[1], wHat = u[4], muB = u[5]
        let r = rho * s
        let f = 1 - 2 * mu * s * s / rho
        let drds = 2 * p * rho * rho * f / ((e + p) * (mu + 4 * Double.pi * rho * rho * rho * p))
        let rhoB = baryons ? restMassDensity(table.baryonDensity(logPressure: lnP)) : 0
        let (dwdr, dmBdr) = extraRates(r: r, f: f, w: wHat * s * s, enthalpyDensity: e + p, restMassDensity: rhoB)
        // dŵ/ds = (dw/ds − 2 w/s)/s², dμ_B/ds = (dm_B/ds − 3 m_B/s)/s³, written so that nothing is divided by s twice.
        let inverseS = 1 / s
        let dwHat = (dwdr * inverseS * drds - 2 * wHat) * inverseS
        let dmuB = baryons ? (dmBdr * inverseS * inverseS * drds - 3 * muB) * inverseS : 0
        return SIMD8(lowHalf: base, highHalf: SIMD4(dwHat, dmuB, 0, 0))
    }

    /// d/ds of the extended state (r, m, Y, 0, w, m_B) for a star without core.
    @inline(__always)
    static func extendedDerivatives(s: Double, state u: SIMD8<Double>, lnPc: Double, table: EOSTable, baryons: Bool) -> SIMD8<Double> {
        let lnP = lnPc - s * s
        let g = PhysicalConstants.mevFm3ToKmMinus2
        let e = table.interpolate(logPressure: lnP)[0] * g
        let p = Foundation.exp(lnP) * g
        let base = rates(s: s, state: u.lowHalf, energyDensity: e, pressure: p)
        let r = u[0]
        let rhoB = baryons ? restMassDensity(table.baryonDensity(logPressure: lnP)) : 0
        let (dwdr, dmBdr) = extraRates(r: r, f: 1 - 2 * u[1] / r, w: u[4], enthalpyDensity: e + p, restMassDensity: rhoB)
        return SIMD8(lowHalf: base, highHalf: SIMD4(dwdr * base[0], dmBdr * base[0], 0, 0))
    }

    /// d/dh of the extended state (r, m, Y, 0, w, m_B) in the crust, in the pseudo-enthalpy h.
    @inline(__always)
    static func enthalpyExtendedDerivatives(
        h: Double, state u: SIMD8<Double>, table: EnthalpyTable, crust: EOSTable, baryons: Bool
    ) -> SIMD8<Double> {
        let v = table.evaluate(h)
        let p = v[0], e = v[1]
        let base = enthalpyRates(state: u.lowHalf, energyDensity: e, pressure: p)
        let r = u[0]
        let rhoB = baryons ? restMassDensity(crust.baryonDensity(logPressure: Foundation.log(p / PhysicalConstants.mevFm3ToKmMinus2))) : 0
        let (dwdr, dmBdr) = extraRates(r: r, f: 1 - 2 * u[1] / r, w: u[4], enthalpyDensity: e + p, restMassDensity: rhoB)
        return SIMD8(lowHalf: base, highHalf: SIMD4(dwdr * base[0], dmBdr * base[0], 0, 0))
    }
}
