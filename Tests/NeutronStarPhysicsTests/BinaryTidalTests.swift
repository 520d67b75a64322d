import Foundation
import NeutronStarPhysics
import Testing

@Suite("Binary tidal parameters")
struct BinaryTidalTests {
    @Test("A case computed by hand in exact fractions: m = (2, 1), Lambda = (0, 243)")
    func handComputed() throws {
        // η = 2/9, δ = 1/3: Λ̃ = (16/13)(1 + 24) · 243 / 3⁵ = 400/13; δΛ̃ = 58693/3957 (fractions carried exactly).
        let b = try BinaryTidalParameters(mass1: 2, mass2: 1, lambda1: 0, lambda2: 243)
        #expect(abs(b.lambdaTilde / (400.0 / 13) - 1) < 1e-14)
        #expect(abs(b.deltaLambdaTilde / (58693.0 / 3957) - 1) < 1e-13)
    }

    @Test("Equal masses: Lambda_tilde is the mean Lambda, and delta_Lambda_tilde vanishes for equal Lambdas")
    func symmetricLimit() throws {
        let same = try BinaryTidalParameters(mass1: 1.35, mass2: 1.35, lambda1: 420, lambda2: 420)
        #expect(abs(same.lambdaTilde - 420) < 1e-12)
        #expect(abs(same.deltaLambdaTilde) < 1e-12)
        let mean = try BinaryTidalParameters(mass1: 1.35, mass2: 1.35, lambda1: 300, lambda2: 500)
        #expect(abs(mean.lambdaTilde - 400) < 1e-12)
    }

    @Test("bilby's conversion functions (scripts/crosscheck/bilby_tidal.py, bilby 2.8.2) for m1 >= m2")
    func againstBilby() throws {
        let cases: [(m1: Double, m2: Double, l1: Double, l2: Double, tilde: Double, delta: Double)] = [
            (1.4, 1.4, 300, 300, 300.0, 0),
            (1.46, 1.27, 200, 450, 301.7072530285171, 27.981510881919938),
            (2.0, 1.0, 10, 2000, 264.5900601456153, 118.46552080960817),
            (1.6, 1.2, 150, 150, 157.85730304680737, -22.66114839961845),
        ]
        for c in cases {
            let b = try BinaryTidalParameters(mass1: c.m1, mass2: c.m2, lambda1: c.l1, lambda2: c.l2)
            #expect(abs(b.lambdaTilde - c.tilde) < 1e-11 * c.tilde, "\(c)")
            #expect(abs(b.deltaLambdaTilde - c.delta) < 1e-11 * max(abs(c.delta), 1), "\(c)")
        }
    }

    @Test("Relabelling the bodies keeps Lambda_tilde and flips the sign of delta_Lambda_tilde")
    func labels() throws {
        let a = try BinaryTidalParameters(mass1: 1.46, mass2: 1.27, lambda1: 200, lambda2: 450)
        let b = try BinaryTidalParameters(mass1: 1.27, mass2: 1.46, lambda1: 450, lambda2: 200)
        #expect(abs(a.lambdaTilde - b.lambdaTilde) < 1e-12 * a.lambdaTilde)
        #expect(abs(a.deltaLambdaTilde + b.deltaLambdaTilde) < 1e-12 * abs(a.deltaLambdaTilde))
    }

    @Test("Masses and Lambdas out of range are errors naming the argument")
    func invalid() {
        for (m1, m2, l1, l2, name) in [
            (0.0, 1.0, 1.0, 1.0, "mass1"), (1.0, .nan, 1.0, 1.0, "mass2"),
            (1.0, 1.0, -1.0, 1.0, "lambda1"), (1.0, 1.0, 1.0, .infinity, "lambda2"),
        ] {
            let error = #expect(throws: PhysicsError.self) { try BinaryTidalParameters(mass1: m1, mass2: m2, lambda1: l1, lambda2: l2) }
            guard case let .invalidParameter(n, _, _)? = error else { Issue.record("\(String(describing: error))"); continue }
            #expect(n.hasPrefix(name))
        }
    }
}
