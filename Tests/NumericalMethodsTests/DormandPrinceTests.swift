import Foundation
import NumericalMethods
import Testing

@Suite("Dormand-Prince 5(4)")
struct DormandPrinceTests {
    @Test("Exponential decay matches exp(-t) to the requested tolerance")
    func exponentialDecay() throws {
        let solver = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-10, absoluteTolerance: 1e-14)
        let sol = try solver.integrate(from: 0, to: 5, initial: SIMD2(1, 0)) { _, y in SIMD2(-y[0], 0) }
        #expect(abs(sol.state[0] - exp(-5.0)) / exp(-5.0) < 1e-9)
    }

    @Test("Harmonic oscillator: error falls as the tolerance tightens (5th order)")
    func convergence() throws {
        func error(_ rtol: Double) throws -> (Double, Int) {
            let solver = DormandPrince<SIMD2<Double>>(relativeTolerance: rtol, absoluteTolerance: rtol * 1e-3)
            let sol = try solver.integrate(from: 0, to: 10, initial: SIMD2(1, 0)) { _, y in SIMD2(y[1], -y[0]) }
            return (max(abs(sol.state[0] - cos(10)), abs(sol.state[1] + sin(10))), sol.acceptedSteps)
        }
        let (e6, n6) = try error(1e-6)
        let (e10, n10) = try error(1e-10)
        #expect(e6 < 1e-4)
        #expect(e10 < 1e-8)
        #expect(e10 < e6 / 100)
        #expect(n10 > n6)
    }

    @Test("Backward integration returns to the start")
    func backward() throws {
        let solver = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-11)
        let fwd = try solver.integrate(from: 0, to: 2, initial: SIMD2(1, 0.5)) { t, y in SIMD2(y[1], -sin(t) * y[0]) }
        let back = try solver.integrate(from: 2, to: 0, initial: fwd.state) { t, y in SIMD2(y[1], -sin(t) * y[0]) }
        #expect(abs(back.state[0] - 1) < 1e-8)
        #expect(abs(back.state[1] - 0.5) < 1e-8)
    }

    @Test("Dense output is accurate inside every step")
    func denseOutput() throws {
        let solver = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        var worst = 0.0
        var steps = 0
        _ = try solver.integrate(
            from: 0, to: 6, initial: SIMD2(0, 1),
            onStep: { step in
                steps += 1
                for i in 0...10 {
                    let t = step.t0 + Double(i) / 10 * (step.t1 - step.t0)
                    let y = step.state(at: t)
                    worst = max(worst, abs(y[0] - sin(t)), abs(y[1] - cos(t)))
                }
            }
        ) { _, y in SIMD2(y[1], -y[0]) }
        #expect(steps > 5)
        #expect(worst < 1e-7)
    }

    @Test("A solution that blows up fails with a typed error, not NaN")
    func blowUp() {
        let solver = DormandPrince<SIMD2<Double>>(relativeTolerance: 1e-8, maxSteps: 2000)
        #expect(throws: NumericsError.self) {
            _ = try solver.integrate(from: 0, to: 2, initial: SIMD2(1, 0)) { _, y in SIMD2(y[0] * y[0], 0) }
        }
    }
}
