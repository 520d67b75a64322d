/// Physical constants and unit conversions (CODATA 2018, IAU 2015). Lengths in fm or km,
/// energies in MeV, densities in fm⁻³, energy densities and pressures in MeV fm⁻³.
public enum PhysicalConstants {
    /// ħc in MeV fm.
    public static let hbarC = 197.3269804
    /// Neutron rest mass in MeV.
    public static let neutronMassMeV = 939.56542052
    /// Proton rest mass in MeV.
    public static let protonMassMeV = 938.27208816
    /// Electron rest mass in MeV.
    public static let electronMassMeV = 0.51099895
    /// Muon rest mass in MeV.
    public static let muonMassMeV = 105.6583755
    /// ħ²/2m in MeV fm² (Chabanat et al. 1998, used with SLy4).
    public static let hbar2Over2mMeVfm2 = 20.73553
    /// Energy per baryon of cold ⁵⁶Fe at the stellar surface, in MeV (55.93493633 u / 56).
    public static let ironEnergyPerBaryonMeV = 55.93493633 * 931.49410242 / 56
    /// 1 MeV fm⁻³ in geometrized units (G = c = 1) with lengths in km: km⁻².
    public static let mevFm3ToKmMinus2 = 1.3238333e-6
    /// G M☉ / c² in km (IAU 2015 nominal).
    public static let solarMassKm = 1.4766250
    /// The atomic mass unit in MeV (CODATA 2018): the rest mass per baryon of the baryon mass M_B = m_u N_B.
    public static let atomicMassUnitMeV = 931.49410242
    /// A moment of inertia of 1 km³ (geometrized, G = c = 1) in 10⁴⁵ g cm²: c²/G = 1.3465909e28 g cm⁻¹
    /// (G = 6.67430e-11 m³ kg⁻¹ s⁻², CODATA 2018) times 1e15 cm³.
    public static let km3To1e45GramCm2 = 1.3465909215e-2
    /// 1 g cm⁻³ times c², in MeV fm⁻³.
    public static let gramPerCm3ToMeVfm3 = 5.6095886e-13
    /// 1 dyn cm⁻² in MeV fm⁻³.
    public static let dynPerCm2ToMeVfm3 = 6.2415091e-34
}
