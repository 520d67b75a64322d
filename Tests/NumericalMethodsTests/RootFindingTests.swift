import Foundation
import NumericalMethods
import Testing

@Suite("Root finding and minimisation")
struct RootFindingTests {
    @Test("Brent finds the Dottie number and the root of x^3 - 2x - 5")
    func brentRoots() throws {
        let dottie = try BrentRoot.solve(in: 0, 1, xTolerance: 1e-15) { cos($0) - $0 }
        #expect(abs(dottie - 0.739085133215160641655) < 1e-14)
        let wallis = try BrentRoot.solve(in: 2, 3, xTolerance: 1e-15) { $0 * $0 * $0 - 2 * $0 - 5 }
        #expect(abs(wallis - 2.09455148154232659148) < 1e-14)
    }

    @Test("Brent counts few evaluations on a smooth root")
    func brentIsFast() throws {
        var calls = 0
        _ = try BrentRoot.solve(in: 0, 4, xTolerance: 1e-13) { x -> Double in
            calls += 1; return exp(x) - 10
        }
        #expect(calls < 15)
    }

    @Test("An unbracketed root throws rootNotBracketed")
    func notBracketed() {
        #expect(throws: NumericsError.rootNotBracketed(a: 0, b: 1, fa: 1, fb: 2)) {
            try BrentRoot.solve(in: 0, 1) { $0 + 1 }
        }
    }

    @Test("Brent minimisation finds pi as the minimum of cos on [3, 4] and a shifted parabola")
    func brentMinimize() throws {
        let m = try BrentMinimize.minimize(in: 3, 4, xTolerance: 1e-10) { cos($0) }
        #expect(abs(m.x - Double.pi) < 1e-7)
        #expect(abs(m.value + 1) < 1e-14)
        let p = try BrentMinimize.minimize(in: -10, 10, xTolerance: 1e-10) { ($0 - 2.5) * ($0 - 2.5) + 1 }
        #expect(abs(p.x - 2.5) < 1e-8)
        // A minimum at the boundary is approached within tolerance.
        let edge = try BrentMinimize.minimize(in: 0, 1, xTolerance: 1e-9) { $0 }
        #expect(edge.x < 1e-8)
    }
}
