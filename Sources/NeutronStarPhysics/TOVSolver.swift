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
    /// Moment of inertia I [10⁴⁵ g cm²] in the slow-rotation limit (Hartle 1967); nil unless requested with
    /// ``StarQuantities/momentOfInertia``.
    public var momentOfInertia: Double? = nil
    /// Baryon (rest) mass M_B = m_u N_B [M☉], with m_u = 931.494 MeV (the atomic mass unit,
    /// ``PhysicalConstants/atomicMassUnitMeV``) per baryon; nil unless requested with ``StarQuantities/baryonMass``.
    public var baryonMassMsun: Double? = nil

    /// Compactness C = G M / (R c²), dimensionless.
    public var compactness: Double { massMsun * PhysicalConstants.solarMassKm / radiusKm }
}

/// Quantities a star carries beyond M, R, k2 and Λ, each computed only when asked for (they need an extended
/// integration, see ``TOVSolver/star(centralPressure:including:)``).
public struct StarQuantities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The moment of inertia I (slow rotation, Hartle 1967).
    public static let momentOfInertia = StarQuantities(rawValue: 1 << 0)
    /// The baryon (rest) mass M_B.
    public static let baryonMass = StarQuantities(rawValue: 1 << 1)
}

/// Solves the TOV equations and the tidal (Hinderer) equation for one central pressure.
///
/// From the centre series at p = p_c(1 − δ), δ ≤ 3·10⁻³, to the crust–core transition p_cc it integrates the scaled state
/// (r/s, m/s³, Y) in s = sqrt(ln(p_c/p)), which keeps the regular centre cheap; through the crust, down to the
/// surface pressure, it integrates (r, m, Y) in the pseudo-enthalpy h = ∫ dp/(ε + p), on the crust table resampled
/// uniformly in h. Y = y − 4π r³ ε/(m + 4π r³ p) replaces y: its equation holds no c_s², and it is continuous
/// across the energy-density jump at p_cc (the interior jump condition is built in). Both segments use an
/// adaptive Dormand–Prince 5(4) stepper. At the surface the massless envelope is added by the exact Schwarzschild
/// exterior. Geometrized units (G = c = 1, km) inside.
public struct TOVSolver: Sendable {
    /// The default surface pressure [MeV fm⁻³].
    public static let defaultSurfacePressure = 1e-10
    /// Largest relative offset δ of the starting pressure p_c(1 − δ) from the central pressure. The series start
    /// is exact to second order in r² (r², m and p to O(r⁵); y to O(r²), whose error decays like r⁻⁵ outward), and
    /// δ is also held to ``centreSeriesBound`` c_s² ε_c / p_c, so that ε changes by at most 0.03 % over the series.
    /// The explicit stepper, held to steps of order s near the regular centre, then starts near s = 0.03 instead of
    /// 1e-4 (the saving is in Benchmarks/tov/README.md). Against δ = 1e-8 on SLy4 stars from p_c = 2 to 1300 MeV fm⁻³,
    /// converged (tolerance 1e-11) M and R move by at most 7e-11 and Λ by at most 4e-9 (3e-10 above p_c = 5).
    static let centreOffset = 3e-3
    /// Bound on δ p_c / (c_s² ε_c), the relative change of ε between the centre and the start (the truncation
    /// error of the series scales as its square: 1e-3 moved converged masses by 3e-9).
    static let centreSeriesBound = 3e-4
    /// Absolute tolerance of Y = y − W ε in units of the relative tolerance.
    static let tidalAbsoluteTolerance = 1.0
    /// Relative tolerance of r and m (or r/s, m/s³) in units of `relativeTolerance`: they are cheap to make
    /// accurate because Y limits the steps.
    static let structureToleranceFactor = 0.2
    /// Tolerance of the crust segment (in h) in units of `relativeTolerance`.
    static let crustToleranceFactor = 0.003

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

    /// The star with central pressure `pc` [MeV fm⁻³], and the optional quantities of `including`.
    ///
    /// With `including` empty (the default) it integrates structure and tides alone. Asking for the moment of inertia
    /// or the baryon mass runs one extended integration instead, over the same segments with the same tolerances,
    /// the extra equations riding along (``extendedStar(_:including:)``); M, R and Λ then agree with the plain
    /// integration to the tolerance, not bit for bit.
    /// - Throws: `PhysicsError.outsideValidity` when pc is outside the EOS, `.numerical` when integration fails.
    public func star(centralPressure pc: Double, including quantities: StarQuantities = []) throws -> Star {
        let start = try centreStart(centralPressure: pc)
        return quantities.isEmpty ? try structureStar(start) : try extendedStar(start, including: quantities)
    }

    /// The state of the centre series at the starting pressure p_c(1 − δ), geometrized units.
    struct CentreStart {
        /// p_c [MeV fm⁻³] and its log; ε_c [MeV fm⁻³].
        let centralPressure: Double, lnPc: Double, centralEnergyDensity: Double
        /// ε_c and p_c in km⁻², and the series coefficients m₃ (m = m₃ r³ + …) and ε₂ (ε = ε_c + ε₂ r² + …).
        let eG: Double, pG: Double, m3: Double, e2: Double
        /// δ, s₀ = sqrt(−ln(1 − δ)), r₀, m₀ and Y₀ at the start.
        let delta: Double, s0: Double, r0: Double, m0: Double, y0Shifted: Double
        /// Whether the star has a core (its start lies above p_cc).
        let hasCore: Bool
    }

    /// Validates p_c and evaluates the centre series.
    func centreStart(centralPressure pc: Double) throws -> CentreStart {
        let range = eos.surfacePressureRange(surface: surfacePressure)
        guard pc.isFinite, pc > surfacePressure * 10, pc <= range.upperBound else {
            throw PhysicsError.outsideValidity(
                quantity: "central pressure [MeV fm^-3]", value: pc, range: surfacePressure * 10...range.upperBound)
        }
        let g = PhysicalConstants.mevFm3ToKmMinus2
        let lnPc = Foundation.log(pc)
        let pcc = eos.transitionPressure
        let centralTable = pc >= pcc ? eos.core : eos.crust
        let (ec, cs2c) = centralTable.energyDensityAndSoundSpeed(logPressure: lnPc)
        let pG = pc * g, eG = ec * g
        let delta = min(Self.centreOffset, Self.centreSeriesBound * cs2c * ec / pc)
        // The centre series in x = r²: p = p_c + p₂ x + p₄ x², m = (m₃ + m₅ x) r³, ε = ε_c + (p − p_c)/c_s²,
        // solved for the x where p = p_c(1 − δ) to second order in δ.
        let fourPi = 4 * Double.pi
        let m3 = fourPi * eG / 3
        let p2 = -(eG + pG) * (m3 + fourPi * pG) / 2
        let e2 = p2 / cs2c
        let m5 = fourPi * e2 / 5
        let p4 = -((eG + pG) * (m5 + fourPi * p2 + 2 * m3 * (m3 + fourPi * pG)) + (e2 + p2) * (m3 + fourPi * pG)) / 4
        let x1 = -delta * pG / p2
        let r0sq = x1 - p4 / p2 * x1 * x1
        let r0 = r0sq.squareRoot()
        let m0 = (m3 + m5 * r0sq) * r0sq * r0
        let y0 = 2 - 4 * Double.pi / 7 * (11 * pG + eG / 3 + (eG + pG) / cs2c) * r0sq
        let s0 = (-Foundation.log1p(-delta)).squareRoot()
        // Y = y − W ε (see `derivatives`), with ε at the starting pressure.
        let y0Shifted =
            y0 - 4 * Double.pi * r0sq * r0 / (m0 + 4 * Double.pi * r0sq * r0 * pG * (1 - delta))
            * centralTable.energyDensityAndSoundSpeed(logPressure: lnPc - s0 * s0).0 * g
        return CentreStart(
            centralPressure: pc, lnPc: lnPc, centralEnergyDensity: ec, eG: eG, pG: pG, m3: m3, e2: e2,
            delta: delta, s0: s0, r0: r0, m0: m0, y0Shifted: y0Shifted, hasCore: pc * (1 - delta) > pcc)
    }

    /// The star from the centre series: structure and tides (the hot path).
    func structureStar(_ start: CentreStart) throws -> Star {
        let pc = start.centralPressure, lnPc = start.lnPc, pcc = eos.transitionPressure
        let (s0, r0, m0, y0Shifted) = (start.s0, start.r0, start.m0, start.y0Shifted)
        // r and m (or r/s, m/s³) are controlled relatively; Y passes near zero and only its absolute accuracy
        // matters (Λ depends on y = Y + W ε, of order one), so its lane gets an absolute tolerance.
        let stepper = DormandPrince<SIMD4<Double>>(
            relativeTolerance: relativeTolerance * Self.structureToleranceFactor,
            absoluteTolerances: SIMD4(1e-14, 1e-14, Self.tidalAbsoluteTolerance * relativeTolerance, 1e-14),
            maxSteps: 20_000)
        var steps = 0, evaluations = 0
        var state: SIMD4<Double>
        var s: Double
        var nextStep: Double? = nil
        let hasCore = start.hasCore

        do {
            if hasCore {
                // Core: the scaled state (r/s, m/s³, Y) removes the power laws r ∝ s, m ∝ s³ of the regular centre.
                // Y is continuous at p_cc: the jump condition on y needs no separate step.
                let sEnd = Foundation.log(pc / pcc).squareRoot()
                let table = eos.core
                let sol = try stepper.integrate(from: s0, to: sEnd, initial: SIMD4(r0 / s0, m0 / (s0 * s0 * s0), y0Shifted, 0)) { s, u in
                    Self.scaledDerivatives(s: s, state: u, lnPc: lnPc, table: table)
                }
                steps += sol.acceptedSteps + sol.rejectedSteps
                evaluations += sol.evaluations
                nextStep = sol.nextStep
                state = SIMD4(sol.state[0] * sEnd, sol.state[1] * sEnd * sEnd * sEnd, sol.state[2], 0)
                s = sEnd
            } else {
                state = SIMD4(r0, m0, y0Shifted, 0)
                s = s0
            }
            if hasCore {
                // Crust: in the pseudo-enthalpy h (Lindblom 1992), where r is nearly linear and the 22 e-folds of
                // crust pressure collapse into a short interval, down to the h of the surface pressure. Its large
                // steps could stride over the neutron-drip structure unseen, so the crust gets a tighter tolerance
                // (it stays cheap: ~15-25 steps at 1e-6).
                let crust = eos.crust.enthalpyTable
                let hStart = crust.enthalpy(logPressure: Foundation.log(pcc)),
                    hEnd = crust.enthalpy(logPressure: Foundation.log(surfacePressure))
                // The core's next step in s, converted with dh/ds = −2 s p/(ε + p) at p_cc.
                let guess = nextStep.map {
                    $0 * 2 * s * pcc / (eos.crust.energyDensityAndSoundSpeed(logPressure: Foundation.log(pcc)).0 + pcc)
                }
                var stepper = stepper
                stepper.relativeTolerance = relativeTolerance * Self.crustToleranceFactor
                stepper.absoluteTolerances[2] *= Self.crustToleranceFactor
                let sol = try stepper.integrate(from: hStart, to: hEnd, initial: state, initialStep: guess) { h, u in
                    Self.enthalpyDerivatives(h: h, state: u, table: crust)
                }
                steps += sol.acceptedSteps + sol.rejectedSteps
                evaluations += sol.evaluations
                state = sol.state
            } else {
                // A star without core (p_c < p_cc): the crust from the centre, in s.
                let table = eos.crust
                let sol = try stepper.integrate(
                    from: s, to: Foundation.log(pc / surfacePressure).squareRoot(), initial: state, initialStep: nextStep
                ) { s, y in
                    Self.derivatives(s: s, state: y, lnPc: lnPc, table: table)
                }
                steps += sol.acceptedSteps + sol.rejectedSteps
                evaluations += sol.evaluations
                state = sol.state
            }
        } catch let error as NumericsError {
            throw PhysicsError.numerical("TOV integration at p_c = \(pc) MeV fm^-3: \(error)")
        }
        return try surfaceStar(start, surfaceRadius: state[0], mass: state[1], shiftedY: state[2], steps: steps, evaluations: evaluations)
    }

    /// The star from the state at the surface pressure (radius r_s and mass m [km], Y): adds the massless envelope
    /// by the exact Schwarzschild exterior, carries y out to the radius and evaluates k2 and Λ.
    func surfaceStar(
        _ start: CentreStart, surfaceRadius rs: Double, mass: Double, shiftedY: Double, steps: Int, evaluations: Int
    ) throws -> Star {
        let g = PhysicalConstants.mevFm3ToKmMinus2
        let pc = start.centralPressure
        let surface = try eos.crust.point(pressure: surfacePressure)
        let rs3 = rs * rs * rs
        let ys = shiftedY + 4 * Double.pi * rs3 * surface.energyDensity * g / (mass + 4 * Double.pi * rs3 * surfacePressure * g)
        // Massless envelope above the surface pressure: exact Schwarzschild exterior.
        let enthalpy = Foundation.log(
            (surface.energyDensity + surfacePressure) / (surface.baryonDensity * PhysicalConstants.ironEnergyPerBaryonMeV))
        let radius = 2 * mass / (1 - (1 - 2 * mass / rs) * Foundation.exp(2 * enthalpy))
        let y = try Self.exteriorY(from: rs, to: radius, y: ys, mass: mass)
        let c = mass / radius
        let k2 = Self.loveNumber(compactness: c, y: y)
        let lambda = 2.0 / 3 * k2 / Foundation.pow(c, 5)
        guard radius.isFinite, radius > 0, k2.isFinite, lambda.isFinite, mass > 0 else {
            throw PhysicsError.numerical("TOV solution not finite at p_c = \(pc) MeV fm^-3")
        }
        return Star(
            centralPressure: pc, centralEnergyDensity: start.centralEnergyDensity, massMsun: mass / PhysicalConstants.solarMassKm,
            radiusKm: radius, loveNumberK2: k2, tidalDeformability: lambda,
            integrationSteps: steps, eosEvaluations: evaluations)
    }

    /// d(ρ, μ, Y)/ds for the scaled state ρ = r/s, μ = m/s³ with s = sqrt(ln(p_c/p)), geometrized units; Y as in
    /// `derivatives(s:state:lnPc:table:)`.
    ///
    /// Near the centre r ∝ s and m ∝ s³, and the Jacobian of the TOV system grows like 1/s (a regular singular
    /// point): with (r, m) an error-controlled stepper is held to steps proportional to s. The scaled variables
    /// tend to constants, which lets the steps grow quickly.
    @inline(__always)
    static func scaledDerivatives(s: Double, state: SIMD4<Double>, lnPc: Double, table: EOSTable) -> SIMD4<Double> {
        let lnP = lnPc - s * s
        let g = PhysicalConstants.mevFm3ToKmMinus2
        return scaledRates(s: s, state: state, energyDensity: table.interpolate(logPressure: lnP)[0] * g, pressure: Foundation.exp(lnP) * g)
    }

    /// The right-hand side of `scaledDerivatives(s:state:lnPc:table:)` at energy density `e` and pressure `p` [km⁻²].
    @inline(__always)
    static func scaledRates(s: Double, state: SIMD4<Double>, energyDensity e: Double, pressure p: Double) -> SIMD4<Double> {
        let rho = state[0], mu = state[1]
        let s2 = s * s
        let rho2 = rho * rho
        let fourPiRho2 = 4 * Double.pi * rho2
        let fourPiR2 = fourPiRho2 * s2
        let b = mu + fourPiRho2 * rho * p  // A / s³ with A = m + 4π r³ p
        let inverseB = 1 / b
        let f = 1 - 2 * mu * s2 / rho
        let inverseF = 1 / f
        let inverseRho = 1 / rho
        let inverseS = 1 / s
        let drds = 2 * p * rho2 * f / (e + p) * inverseB  // dr/ds, finite at the centre
        let w = fourPiRho2 * rho * inverseB  // W = 4π r³ / A
        let y = state[2] + w * e
        let bigF = (1 - fourPiR2 * (e - p)) * inverseF
        let arf = s2 * b * inverseRho * inverseF  // A / (r f)
        let r2Q = (fourPiR2 * (5 * e + 9 * p) - 6) * inverseF - 4 * arf * arf
        let dyds = -(y * y + y * bigF + r2Q) * drds * inverseRho * inverseS
        // dW/ds = W (3 dr/ds / r − dA/ds / A), dA/ds = 4π r² (ε + 3p) dr/ds − 8π s p r³.
        let dwds =
            w * inverseS * (3 * drds * inverseRho - (fourPiRho2 * (e + 3 * p) * drds - 8 * Double.pi * s2 * p * rho2 * rho) * inverseB)
        return SIMD4((drds - rho) * inverseS, (fourPiRho2 * e * drds - 3 * mu) * inverseS, dyds - e * dwds, 0)
    }

    /// d(r, m, Y)/ds with s = sqrt(ln(p_c/p)), geometrized units, where Y = y − W ε with W = 4π r³/(m + 4π r³ p).
    ///
    /// The tidal equation for y holds the term 4π r² (ε + p)/(c_s² f), which is a δ-function at a density jump and
    /// steep wherever c_s² is small (neutron drip, the crust–core transition). Along the solution it equals
    /// −W dε/ds exactly, so Y obeys an equation free of c_s², is continuous across a density jump (the interior
    /// jump condition y⁺ = y⁻ − W Δε is built in) and is much smoother to integrate.
    @inline(__always)
    static func derivatives(s: Double, state: SIMD4<Double>, lnPc: Double, table: EOSTable) -> SIMD4<Double> {
        let lnP = lnPc - s * s
        let g = PhysicalConstants.mevFm3ToKmMinus2
        return rates(s: s, state: state, energyDensity: table.interpolate(logPressure: lnP)[0] * g, pressure: Foundation.exp(lnP) * g)
    }

    /// The right-hand side of `derivatives(s:state:lnPc:table:)` at energy density `e` and pressure `p` [km⁻²].
    @inline(__always)
    static func rates(s: Double, state: SIMD4<Double>, energyDensity e: Double, pressure p: Double) -> SIMD4<Double> {
        let r = state[0], m = state[1]
        let r2 = r * r
        let fourPiR2 = 4 * Double.pi * r2
        let a = m + fourPiR2 * r * p
        let inverseA = 1 / a
        let inverseR = 1 / r
        let f = 1 - 2 * m * inverseR
        let inverseF = 1 / f
        let drds = 2 * s * p * r2 * f / (e + p) * inverseA
        let w = fourPiR2 * r * inverseA
        let y = state[2] + w * e
        let bigF = (1 - fourPiR2 * (e - p)) * inverseF
        let arf = a * inverseR * inverseF
        let r2Q = (fourPiR2 * (5 * e + 9 * p) - 6) * inverseF - 4 * arf * arf
        let dyds = -(y * y + y * bigF + r2Q) * inverseR * drds
        let dwds = w * (3 * drds * inverseR - (fourPiR2 * (e + 3 * p) * drds - 8 * Double.pi * s * p * r2 * r) * inverseA)
        return SIMD4(drds, fourPiR2 * e * drds, dyds - e * dwds, 0)
    }

    /// d(r, m, Y)/dh in the pseudo-enthalpy h (dh = dp/(ε + p)), geometrized units; Y as in
    /// `derivatives(s:state:lnPc:table:)`. dr/dh = −r (r − 2m)/A with A = m + 4π r³ p.
    @inline(__always)
    static func enthalpyDerivatives(h: Double, state: SIMD4<Double>, table: EnthalpyTable) -> SIMD4<Double> {
        let v = table.evaluate(h)
        return enthalpyRates(state: state, energyDensity: v[1], pressure: v[0])
    }

    /// The right-hand side of `enthalpyDerivatives(h:state:table:)` at energy density `e` and pressure `p` [km⁻²].
    @inline(__always)
    static func enthalpyRates(state: SIMD4<Double>, energyDensity e: Double, pressure p: Double) -> SIMD4<Double> {
        let r = state[0], m = state[1]
        let r2 = r * r
        let fourPiR2 = 4 * Double.pi * r2
        let a = m + fourPiR2 * r * p
        let inverseA = 1 / a
        let inverseR = 1 / r
        let f = 1 - 2 * m * inverseR
        let inverseF = 1 / f
        let drdh = -r * (r - 2 * m) * inverseA
        let w = fourPiR2 * r * inverseA
        let y = state[2] + w * e
        let bigF = (1 - fourPiR2 * (e - p)) * inverseF
        let arf = a * inverseR * inverseF
        let r2Q = (fourPiR2 * (5 * e + 9 * p) - 6) * inverseF - 4 * arf * arf
        let dydh = -(y * y + y * bigF + r2Q) * inverseR * drdh
        // dA/dh = 4π r² (ε + 3p) dr/dh + 4π r³ (ε + p).
        let dwdh = w * (3 * drdh * inverseR - (fourPiR2 * (e + 3 * p) * drdh + fourPiR2 * r * (e + p)) * inverseA)
        return SIMD4(drdh, fourPiR2 * e * drdh, dydh - e * dwdh, 0)
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
        let denominator =
            2 * c * (6 - 3 * y + 3 * c * (5 * y - 8))
            + 4 * c * c * c * (13 - 11 * y + c * (3 * y - 2) + 2 * c * c * (1 + y))
            + 3 * oneMinus2C * oneMinus2C * (2 - y + 2 * c * (y - 1)) * Foundation.log(oneMinus2C)
        return numerator / denominator
    }
}

extension NeutronStarEOS {
    /// Central pressures for which a star can be built: from the surface pressure to the top of the core.
    func surfacePressureRange(surface: Double) -> ClosedRange<Double> { surface...maximumPressure }
}
