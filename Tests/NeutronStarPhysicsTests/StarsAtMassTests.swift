import Foundation
import NeutronStarPhysics
import Testing

/// The star of a given gravitational mass: `StarSequence.stars(masses:scanned:maximum:including:)`.
@Suite("Stars at given masses")
struct StarsAtMassTests {
    /// SLy4 through the Skyrme pipeline (it keeps its scan), computed once.
    static let sly4 = try? SkyrmeStarAnalysis(parameters: .sly4, curvePoints: 0)

    @Test("At 1.4 Msun the star is the summary's canonical star, bit for bit (Skyrme pipeline and rebuilt vector)")
    func canonicalStar() throws {
        let analysis = try #require(Self.sly4)
        let star = try #require(try analysis.stars(masses: [1.4])[0])
        #expect(star == analysis.summary.canonicalStar)
        let rebuilt = try ReconstructedStars(reconstruction: try ReconstructedEOS(vector: analysis.vector), curvePoints: 0)
        #expect(try rebuilt.stars(masses: [1.4])[0] == rebuilt.summary.canonicalStar)
    }

    /// The root of M(p_c) = mass by plain bisection in ln p_c on stars solved at a tight tolerance (1e-11), sharing
    /// nothing with the sequence's scan and Brent search but the EOS.
    static func bisectionReference(mass: Double, eos: NeutronStarEOS, below top: Double) throws -> Star {
        let solver = TOVSolver(eos: eos, relativeTolerance: 1e-11)
        var lo = log(1.0), hi = log(top)
        #expect(try solver.star(centralPressure: exp(lo)).massMsun < mass)
        while hi - lo > 1e-11 {
            let mid = 0.5 * (lo + hi)
            if try solver.star(centralPressure: exp(mid)).massMsun < mass { lo = mid } else { hi = mid }
        }
        return try solver.star(centralPressure: exp(0.5 * (lo + hi)))
    }

    @Test("At 1.0, 1.8 and 2.0 Msun R, Lambda and k2 agree with a bisection root on tightly solved stars to 1e-6")
    func againstBisection() throws {
        let analysis = try #require(Self.sly4)
        let masses = [1.0, 1.8, 2.0]
        let found = try analysis.stars(masses: masses)
        for (mass, star) in zip(masses, found) {
            let star = try #require(star)
            let reference = try Self.bisectionReference(
                mass: mass, eos: analysis.model.eos, below: analysis.summary.maximumMassStar.centralPressure)
            #expect(abs(star.massMsun / mass - 1) < 1e-8)
            #expect(abs(star.radiusKm / reference.radiusKm - 1) < 1e-6, "R(\(mass)) \(star.radiusKm) vs \(reference.radiusKm)")
            #expect(abs(star.tidalDeformability / reference.tidalDeformability - 1) < 1e-6, "Lambda(\(mass))")
            #expect(abs(star.loveNumberK2 / reference.loveNumberK2 - 1) < 1e-6, "k2(\(mass))")
            #expect(abs(star.centralPressure / reference.centralPressure - 1) < 1e-6, "p_c(\(mass))")
        }
    }

    @Test("No star at or above M_TOV, below the lightest star (the branch turns at ~0.1 Msun), or for tiny masses")
    func missingStars() throws {
        let analysis = try #require(Self.sly4)
        let top = analysis.summary.maximumMassStar
        let found = try analysis.stars(masses: [top.massMsun, top.massMsun + 1e-6, 3.0, 0.05, 1e-3, 0.2])
        #expect(found[0] == nil && found[1] == nil && found[2] == nil)
        #expect(found[3] == nil && found[4] == nil)
        // 0.2 Msun lies below the lightest scanned star (p_c = 5 MeV fm^-3, 0.285 Msun): the branch is extended.
        let light = try #require(found[5])
        #expect(light.centralPressure < analysis.scannedStars[0].centralPressure)
        #expect(abs(light.massMsun / 0.2 - 1) < 1e-8)
        #expect(light.radiusKm > 14 && light.radiusKm < 20, "a light star is large: \(light.radiusKm) km")
    }

    @Test("Each mass's star is independent of the other masses asked for; repeats are identical")
    func independentOfTheOthers() throws {
        let analysis = try #require(Self.sly4)
        let alone = try analysis.stars(masses: [1.8])
        let together = try analysis.stars(masses: [0.2, 1.8, 1.2, 1.8, 2.5])
        #expect(together[1] == alone[0] && together[3] == alone[0])
        #expect(together[4] == nil)
    }

    @Test("Extras are added at the root's central pressure without changing M, R, k2 or Lambda")
    func extrasRideAlong() throws {
        let analysis = try #require(Self.sly4)
        let plain = try analysis.stars(masses: [1.338, 2.0])
        let extended = try analysis.stars(masses: [1.338, 2.0], including: [.momentOfInertia, .baryonMass])
        for (a, b) in zip(plain, extended) {
            let a = try #require(a), b = try #require(b)
            #expect(a.momentOfInertia == nil && a.baryonMassMsun == nil)
            #expect(b.momentOfInertia != nil && b.baryonMassMsun != nil)
            #expect(
                a.massMsun == b.massMsun && a.radiusKm == b.radiusKm && a.tidalDeformability == b.tidalDeformability
                    && a.loveNumberK2 == b.loveNumberK2 && a.centralPressure == b.centralPressure)
        }
        let onlyInertia = try #require(try analysis.stars(masses: [1.338], including: .momentOfInertia)[0])
        #expect(onlyInertia.baryonMassMsun == nil && onlyInertia.momentOfInertia == extended[0]?.momentOfInertia)
    }

    @Test("A mass that is not finite and positive is an error naming it")
    func invalidMass() throws {
        let analysis = try #require(Self.sly4)
        for bad in [Double.nan, -1, 0, .infinity] {
            let error = #expect(throws: PhysicsError.self) { try analysis.stars(masses: [1.4, bad]) }
            guard case let .invalidParameter(name, _, _)? = error else { Issue.record("\(String(describing: error))"); continue }
            #expect(name.hasPrefix("masses[1]"))
        }
    }
}
