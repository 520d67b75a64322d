import Foundation

/// Thermodynamics of a free, cold, relativistic Fermi gas of spin-1/2 particles (exact forms,
/// rest mass included). Chemical potential μ and mass m in MeV; n in fm⁻³; ε, p in MeV fm⁻³.
public struct LeptonGas: Sendable {
    /// Particle rest mass in MeV.
    public let massMeV: Double

    public init(massMeV: Double) { self.massMeV = massMeV }

    public static let electrons = LeptonGas(massMeV: PhysicalConstants.electronMassMeV)
    public static let muons = LeptonGas(massMeV: PhysicalConstants.muonMassMeV)

    /// Number density, energy density, pressure and dn/dμ at chemical potential μ (all zero for μ ≤ m).
    public struct State: Sendable {
        public var numberDensity = 0.0
        public var energyDensity = 0.0
        public var pressure = 0.0
        public var dNumberDensityDMu = 0.0
    }

    /// The gas at chemical potential `mu` (MeV).

    public func state(chemicalPotential mu: Double) -> State {
        let m = massMeV
        guard mu > m else { return State() }
        let k = (mu * mu - m * m).squareRoot()
        let hc3 = PhysicalConstants.hbarC * PhysicalConstants.hbarC * PhysicalConstants.hbarC
        let n = k * k * k / (3 * Double.pi * Double.pi * hc3)
        let eps = (k * mu * (2 * k * k + m * m) - m * m * m * m * log((k + mu) / m)) / (8 * Double.pi * Double.pi * hc3)
        var s = State()
        s.numberDensity = n
        s.energyDensity = eps
        s.pressure = mu * n - eps
        s.dNumberDensityDMu = k * mu / (Double.pi * Double.pi * hc3)
        return s
    }
}
