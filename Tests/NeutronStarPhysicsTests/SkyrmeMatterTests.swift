import Foundation
import NeutronStarPhysics
import Testing

@Suite("Skyrme nuclear matter")
struct SkyrmeMatterTests {
    let sly4 = SkyrmeFunctional(parameters: .sly4)

    @Test("SLy4 nuclear-matter parameters match the published values")
    func sly4NuclearMatter() throws {
        let p = try sly4.nuclearMatterParameters()
        // Reference implementation values (physics note §9), stated to 5-6 digits.
        #expect(abs(p.n0 - 0.159536) < 2e-6)
        #expect(abs(p.e0 - -15.9719) < 2e-4)
        #expect(abs(p.k0 - 229.897) < 2e-3)
        #expect(abs(p.effectiveMassScalar - 0.69466) < 2e-5)
        #expect(abs(p.effectiveMassVector - 0.80010) < 2e-5)
        #expect(abs(p.j - 32.0039) < 2e-4)
        #expect(abs(p.l - 45.961) < 2e-3)
        #expect(abs(p.kSym - -119.70) < 0.02)
        // Chabanat et al. (1998) rounded values.
        #expect(abs(p.n0 - 0.1595) < 1e-4 && abs(p.e0 - -15.97) < 0.01 && abs(p.k0 - 229.9) < 0.1)
        #expect(abs(p.j - 32.0) < 0.01 && abs(p.l - 45.9) < 0.1 && abs(p.effectiveMassScalar - 0.695) < 1e-3)
    }

    @Test("The nuclear-matter inverse map round-trips SLy4 to 1e-10")
    func inverseMapRoundTrip() throws {
        let nmp = try sly4.nuclearMatterParameters()
        let back = try SkyrmeParameters(nuclearMatter: nmp, surface: .sly4)
        for (name, (a, b)) in zip(SkyrmeParameters.columnNames, zip(back.values, SkyrmeParameters.sly4.values)) {
            #expect(abs(a - b) <= 1e-10 * max(1, abs(b)), "\(name): \(a) vs \(b)")
        }
    }

    @Test("Nuclear-matter parameters with sigma <= 0 are rejected")
    func sigmaNonPositiveRejected() {
        let bad = NuclearMatterParameters(n0: 0.16, e0: -16, k0: 100, effectiveMassScalar: 0.6, effectiveMassVector: 0.8, j: 32, l: 50)
        #expect(throws: PhysicsError.self) { try SkyrmeParameters(nuclearMatter: bad) }
    }

    @Test("Chemical potentials equal numerical derivatives of the energy density")
    func chemicalPotentials() {
        for (nn, np) in [(0.08, 0.004), (0.3, 0.03), (0.9, 0.1), (0.02, 0.001)] {
            let loc = sly4.local(neutronDensity: nn, protonDensity: np)
            // Five-point stencils with h = 1e-3 n_q: truncation ~1e-12 and round-off ~1e-12 relative,
            // both below the 1e-10 target.
            let hN = 1e-3 * nn, hP = 1e-3 * np
            func eps(_ a: Double, _ b: Double) -> Double { sly4.local(neutronDensity: a, protonDensity: b).energyDensity }
            let dN = (-eps(nn + 2 * hN, np) + 8 * eps(nn + hN, np) - 8 * eps(nn - hN, np) + eps(nn - 2 * hN, np)) / (12 * hN)
            let dP = (-eps(nn, np + 2 * hP) + 8 * eps(nn, np + hP) - 8 * eps(nn, np - hP) + eps(nn, np - 2 * hP)) / (12 * hP)
            #expect(abs(dN - loc.muN) / loc.muN < 1e-10)
            #expect(abs(dP - loc.muP) / loc.muP < 1e-10)
            func mu(_ a: Double, _ b: Double) -> (Double, Double) {
                let l = sly4.local(neutronDensity: a, protonDensity: b); return (l.muN, l.muP)
            }
            let hN2 = 1e-5 * nn, hP2 = 1e-5 * np
            let hnn = (mu(nn + hN2, np).0 - mu(nn - hN2, np).0) / (2 * hN2)
            let hnp = (mu(nn, np + hP2).0 - mu(nn, np - hP2).0) / (2 * hP2)
            let hpp = (mu(nn, np + hP2).1 - mu(nn, np - hP2).1) / (2 * hP2)
            let hpn = (mu(nn + hN2, np).1 - mu(nn - hN2, np).1) / (2 * hN2)
            #expect(abs(hnn - loc.hNN) < 1e-6 * max(1, abs(loc.hNN)))
            #expect(abs(hnp - loc.hNP) < 1e-6 * max(1, abs(loc.hNP)))
            #expect(abs(hpp - loc.hPP) < 1e-6 * max(1, abs(loc.hPP)))
            #expect(abs(hpn - loc.hPN) < 1e-6 * max(1, abs(loc.hPN)))
        }
    }

    @Test("Electron gas: exact forms reach the ultra-relativistic limit p = eps/3")
    func electronGas() {
        let e = LeptonGas.electrons.state(chemicalPotential: 200)
        #expect(abs(e.pressure / e.energyDensity - 1.0 / 3) < 1e-5)
        // n = mu^3/(3 pi^2 (hbar c)^3) in that limit.
        let nUR = 200.0 * 200 * 200 / (3 * Double.pi * Double.pi * pow(PhysicalConstants.hbarC, 3))
        #expect(abs(e.numberDensity / nUR - 1) < 1e-5)
        #expect(LeptonGas.electrons.state(chemicalPotential: 0.3).numberDensity == 0)
        // Thermodynamic consistency dp/dmu = n.
        let h = 1e-4
        let dp =
            (LeptonGas.electrons.state(chemicalPotential: 50 + h).pressure - LeptonGas.electrons.state(chemicalPotential: 50 - h).pressure)
            / (2 * h)
        #expect(abs(dp / LeptonGas.electrons.state(chemicalPotential: 50).numberDensity - 1) < 1e-8)
    }

    @Test("Beta equilibrium satisfies charge neutrality, mu_e = mu_n - mu_p and p = n mu_n - eps")
    func betaEquilibrium() throws {
        for muons in [false, true] {
            let beta = BetaEquilibrium(functional: sly4, includeMuons: muons)
            for n in [0.09, 0.16, 0.32, 0.6, 1.1] {
                let s = try beta.solve(baryonDensity: n)
                #expect(s.protonFraction > 0.01 && s.protonFraction < 0.2)
                let identity = n * s.muN - s.energyDensity
                #expect(abs(identity - s.pressure) <= 1e-9 * max(1, s.pressure))
                #expect(abs(s.muE - (s.nucleons.muN - s.nucleons.muP)) < 1e-12)
            }
        }
    }

    @Test("The exact sound speed equals dp/deps from finite differences along beta equilibrium")
    func soundSpeed() throws {
        let beta = BetaEquilibrium(functional: sly4)
        for n in [0.1, 0.25, 0.5, 1.0] {
            let s = try beta.solve(baryonDensity: n)
            let h = 1e-5 * n
            let up = try beta.solve(baryonDensity: n + h), down = try beta.solve(baryonDensity: n - h)
            let fd = (up.pressure - down.pressure) / (up.energyDensity - down.energyDensity)
            #expect(abs(fd - s.soundSpeedSquared) < 1e-7)
        }
    }

    @Test("Negative symmetry energy makes the proton fraction vanish, with a typed error")
    func vanishingProtons() throws {
        var nmp = try sly4.nuclearMatterParameters()
        nmp.j = 28; nmp.l = -40  // symmetry energy turns negative above a few n0
        let params = try SkyrmeParameters(nuclearMatter: nmp)
        let beta = BetaEquilibrium(functional: SkyrmeFunctional(parameters: params))
        #expect(throws: PhysicsError.self) { try beta.solve(baryonDensity: 1.2) }
    }
}
