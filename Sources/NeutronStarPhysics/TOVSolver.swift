import Foundation
import NumericalMethods

/// A non-rotating neutron star: the solution of the TOV equations with its tidal deformability.
public struct Star: Sendable, Equatable, Codable {
    /// Central pressure p_c [MeV fm⁻³].
    public var centralPressure: Double
    /// Central energy density ε_c [MeV fm⁻³].
    public var centralEnergyDensity: Double
    /// Gravitational mass [M☉].
    public var massMsun: Double
    /// Circumferential radius [km].
    public var radiusKm: Double
    /// Tidal Love number k2.
    public var loveNumberK2: Double
    /// Dimensionless tidal deformability Λ = (2/3) k2 / C⁵.
    public var tidalDeformability: Double
    /// Accepted plus rejected integration steps.
    public var integrationSteps: Int
    /// EOS evaluations (right-hand-side calls).
    public var eosEvaluations: Int
}

/// Solves the TOV equations and the tidal (Hinderer) equation for one central pressure.
///
/// Integrates (r, m, y) in s = sqrt(ln(p_c/p)), which makes the centre regular, from the centre series at
/// p = p_c(1 − 10⁻⁸) down to the surface pressure, with an adaptive Dormand–Prince 5(4) stepper. The
/// integration stops exactly at the crust–core transition, where the interior jump condition on y is applied;
/// at the surface the massless envelope is added by the exact Schwarzschild exterior. Geometrized units
/// (G = c = 1, km) inside.
public struct TOVSolver: Sendable {
    /// The default surface pressure [MeV fm⁻³].
    public static let defaultSurfacePressure = 1e-10
    /// Relative offset of the starting pressure from the central pressure.
    static let centreOffset = 1e-8

    /// The EOS.
    public let eos: NeutronStarEOS
    /// Per-step relative tolerance of the integrator: the accuracy knob (M, R converge to about this).
    public let relativeTolerance: Double
    /// Pressure at which the integration stops [MeV fm⁻³].
    public let surfacePressure: Double

    public init(eos: NeutronStarEOS, relativeTolerance: Double = 1e-8, surfacePressure: Double = TOVSolver.defaultSurfacePressure) {
        self.eos = eos
        self.relativeTolerance = relativeTolerance
        self.surfacePressure = surfacePressure
    }

    /// The star with central pressure `pc` [MeV fm⁻³].
    /// - Throws: `PhysicsError.outsideValidity` when pc is outside the EOS, `.numerical` when integration fails.
    public func star(centralPressure pc: Double) throws -> Star {
        let range = eos.surfacePressureRange(surface: surfacePressure)
        guard pc.isFinite, pc > surfacePressure * 10, pc <= range.upperBound else {
            throw PhysicsError.outsideValidity(quantity: "central pressure [MeV fm^-3]", value: pc, range: surfacePressure * 10...range.upperBound)
        }
        let g = PhysicalConstants.mevFm3ToKmMinus2
        let lnPc = Foundation.log(pc)
        let pcc = eos.transitionPressure
        let centralTable = pc >= pcc ? eos.core : eos.crust
        let (ec, cs2c) = centralTable.energyDensityAndSoundSpeed(logPressure: lnPc)
        let pG = pc * g, eG = ec * g
        let delta = Self.centreOffset
        let r0sq = 3 * delta * pG / (2 * Double.pi * (eG + pG) * (eG + 3 * pG))
        let r0 = r0sq.squareRoot()
        let m0 = 4.0 / 3 * Double.pi * eG * r0sq * r0
        let y0 = 2 - 4 * Double.pi / 7 * (11 * pG + eG / 3 + (eG + pG) / cs2c) * r0sq
        var state = SIMD4<Double>(r0, m0, y0, 0)
        var s = (-Foundation.log1p(-delta)).squareRoot()
        let stepper = DormandPrince<SIMD4<Double>>(relativeTolerance: relativeTolerance, absoluteTolerance: 1e-14, maxSteps: 20_000)
        var steps = 0, evaluations = 0
        var nextStep: Double? = nil

        func run(_ table: EOSTable, to sEnd: Double) throws {
            let sol = try stepper.integrate(from: s, to: sEnd, initial: state, initialStep: nextStep) { s, y in
                Self.derivatives(s: s, state: y, lnPc: lnPc, table: table)
            }
            state = sol.state
            steps += sol.acceptedSteps + sol.rejectedSteps
            evaluations += sol.evaluations
            nextStep = sol.nextStep
            s = sEnd
        }

        do {
            if pc * (1 - delta) > pcc {
                try run(eos.core, to: Foundation.log(pc / pcc).squareRoot())
                let r3 = state[0] * state[0] * state[0]
                state[2] -= 4 * Double.pi * r3 * eos.energyDensityJump * g / (state[1] + 4 * Double.pi * r3 * pcc * g)
            }
            try run(eos.crust, to: Foundation.log(pc / surfacePressure).squareRoot())
        } catch let error as NumericsError {
            throw PhysicsError.numerical("TOV integration at p_c = \(pc) MeV fm^-3: \(error)")
        }
        let (rs, mass, ys) = (state[0], state[1], state[2])
        // Massless envelope above the surface pressure: exact Schwarzschild exterior.
        let surface = try eos.crust.point(pressure: surfacePressure)
        let enthalpy = Foundation.log((surface.energyDensity + surfacePressure) / (surface.baryonDensity * PhysicalConstants.ironEnergyPerBaryonMeV))
        let radius = 2 * mass / (1 - (1 - 2 * mass / rs) * Foundation.exp(2 * enthalpy))
        let y = try Self.exteriorY(from: rs, to: radius, y: ys, mass: mass)
        let c = mass / radius
        let k2 = Self.loveNumber(compactness: c, y: y)
        let lambda = 2.0 / 3 * k2 / Foundation.pow(c, 5)
        guard radius.isFinite, radius > 0, k2.isFinite, lambda.isFinite, mass > 0 else {
            throw PhysicsError.numerical("TOV solution not finite at p_c = \(pc) MeV fm^-3")
        }
        return Star(centralPressure: pc, centralEnergyDensity: ec, massMsun: mass / PhysicalConstants.solarMassKm,
                    radiusKm: radius, loveNumberK2: k2, tidalDeformability: lambda,
                    integrationSteps: steps, eosEvaluations: evaluations)
    }

    /// d(r, m, y)/ds with s = sqrt(ln(p_c/p)), geometrized units.
    @inline(__always)
    static func derivatives(s: Double, state: SIMD4<Double>, lnPc: Double, table: EOSTable) -> SIMD4<Double> {
        let lnP = lnPc - s * s
        let (eMeV, cs2) = table.energyDensityAndSoundSpeed(logPressure: lnP)
        let g = PhysicalConstants.mevFm3ToKmMinus2
        let p = Foundation.exp(lnP) * g, e = eMeV * g
        let r = state[0], m = state[1], y = state[2]
        let r2 = r * r
        let fourPiR2 = 4 * Double.pi * r2
        let a = m + fourPiR2 * r * p
        let f = 1 - 2 * m / r
        let drds = 2 * s * p * r2 * f / ((e + p) * a)
        let dmds = fourPiR2 * e * drds
        let bigF = (1 - fourPiR2 * (e - p)) / f
        let arf = a / (r * f)
        let r2Q = fourPiR2 * (5 * e + 9 * p + (e + p) / cs2) / f - 6 / f - 4 * arf * arf
        let dyds = -(y * y + y * bigF + r2Q) / r * drds
        return SIMD4(drds, dmds, dyds, 0)
    }

    /// Carries y through the vacuum exterior from r = `from` to r = `to`.
    static func exteriorY(from r0: Double, to r1: Double, y: Double, mass: Double) throws -> Double {
        guard r1 > r0 else { return y }
        let sol = try DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-12, absoluteTolerance: 1e-14)
            .integrate(from: r0, to: r1, initial: SIMD2(y, 0)) { r, v in
                let f = 1 - 2 * mass / r
                let yy = v[0]
                let q = mass / (r * f)
                return SIMD2(-(yy * yy + yy / f - 6 / f - 4 * q * q) / r, 0)
            }
        return sol.state[0]
    }

    /// The tidal Love number k2 from the compactness C = M/R and y = R H'(R)/H(R).
    public static func loveNumber(compactness c: Double, y: Double) -> Double {
        let oneMinus2C = 1 - 2 * c
        let numerator = 1.6 * Foundation.pow(c, 5) * oneMinus2C * oneMinus2C * (2 + 2 * c * (y - 1) - y)
        let denominator = 2 * c * (6 - 3 * y + 3 * c * (5 * y - 8))
            + 4 * c * c * c * (13 - 11 * y + c * (3 * y - 2) + 2 * c * c * (1 + y))
            + 3 * oneMinus2C * oneMinus2C * (2 - y + 2 * c * (y - 1)) * Foundation.log(oneMinus2C)
        return numerator / denominator
    }
}

extension NeutronStarEOS {
    /// Central pressures for which a star can be built: from the surface pressure to the top of the core.
    func surfacePressureRange(surface: Double) -> ClosedRange<Double> { surface...maximumPressure }
}
