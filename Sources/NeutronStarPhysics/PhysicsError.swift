/// Why a physical calculation failed. Every case names the quantity and the offending value,
/// so a caller can report it; physics code never signals failure with NaN.
public enum PhysicsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value lies outside the range where a model or table is valid.
    case outsideValidity(quantity: String, value: Double, range: ClosedRange<Double>)
    /// An input parameter is unusable (non-finite, wrong sign, inconsistent).
    case invalidParameter(name: String, value: Double, reason: String)
    /// The proton fraction vanishes in beta equilibrium (negative symmetry energy) at this density.
    case vanishingProtonFraction(baryonDensity: Double)
    /// The effective mass of a nucleon species is not positive at this density.
    case nonPositiveEffectiveMass(baryonDensity: Double)
    /// No crust–core transition was found in the scanned density range.
    case crustCoreTransitionNotFound(reason: String)
    /// dp/dn ≤ 0: matter is mechanically unstable at this density.
    case mechanicalInstability(baryonDensity: Double)
    /// The maximum mass is not reached inside the tabulated EOS.
    case maximumMassNotFound(reason: String)
    /// The sound speed exceeds the speed of light at this pressure.
    case acausal(pressure: Double, soundSpeedSquared: Double)
    /// No star of the requested mass exists on the stable branch.
    case massNotReached(mass: Double, maximumMass: Double)
    /// A numerical method failed; the message says which and where.
    case numerical(String)

    public var description: String {
        switch self {
        case let .outsideValidity(quantity, value, range):
            return "\(quantity) = \(value) is outside the valid range [\(range.lowerBound), \(range.upperBound)]"
        case let .invalidParameter(name, value, reason):
            return "invalid \(name) = \(value): \(reason)"
        case let .vanishingProtonFraction(n):
            return "the proton fraction vanishes in beta equilibrium at n_B = \(n) fm^-3 (negative symmetry energy)"
        case let .nonPositiveEffectiveMass(n):
            return "a nucleon effective mass is not positive at n_B = \(n) fm^-3"
        case let .crustCoreTransitionNotFound(reason):
            return "no crust-core transition found: \(reason)"
        case let .mechanicalInstability(n):
            return "mechanically unstable matter (dp/dn <= 0) at n_B = \(n) fm^-3"
        case let .maximumMassNotFound(reason):
            return "maximum mass not found: \(reason)"
        case let .acausal(p, cs2):
            return "acausal EOS: c_s^2 = \(cs2) > 1 at p = \(p) MeV fm^-3"
        case let .massNotReached(mass, mMax):
            return "no stable star of \(mass) Msun: the maximum mass is \(mMax) Msun"
        case let .numerical(message):
            return "numerical failure: \(message)"
        }
    }
}
