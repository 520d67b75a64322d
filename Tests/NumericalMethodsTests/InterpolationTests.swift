import Foundation
import NumericalMethods
import Testing

@Suite("Interpolation")
struct InterpolationTests {
    @Test("Not-a-knot cubic spline reproduces a cubic polynomial exactly")
    func notAKnotIsExactForCubics() throws {
        let f = { (x: Double) in 0.5 * x * x * x - 2 * x * x + x - 3 }
        let xs: [Double] = [0, 0.3, 1.1, 1.5, 2.8, 3.0, 4.2]
        let spline = try CubicSpline.interpolant(x: xs, y: xs.map(f), boundary: .notAKnot)
        for x in stride(from: 0.0, through: 4.2, by: 0.137) {
            #expect(abs(spline.value(at: x) - f(x)) < 1e-12)
            #expect(abs(spline.derivative(at: x) - (1.5 * x * x - 4 * x + 1)) < 1e-11)
        }
    }

    @Test("Natural spline of sin converges at fourth order in the interior")
    func naturalSplineConverges() throws {
        func maxError(_ n: Int) throws -> Double {
            let xs = (0...n).map { Double($0) * Double.pi / Double(n) }
            let s = try CubicSpline.interpolant(x: xs, y: xs.map(sin), boundary: .natural)
            // sin'' = 0 at 0 and pi, so the natural end condition is exact here.
            return stride(from: 0.0, through: Double.pi, by: 0.01).map { abs(s.value(at: $0) - sin($0)) }.max()!
        }
        let e1 = try maxError(20), e2 = try maxError(40)
        #expect(e1 < 2e-5)
        #expect(e1 / e2 > 12)  // ~16 for fourth order
    }

    @Test("PCHIP preserves monotonicity and stays inside the data range")
    func pchipIsMonotone() throws {
        let xs: [Double] = [0, 1, 2, 3, 4, 5, 6]
        let ys: [Double] = [0.01, 0.02, 0.02, 0.5, 0.98, 0.99, 0.99]
        let p = try MonotoneCubic.interpolant(x: xs, y: ys)
        var previous = -Double.infinity
        for x in stride(from: 0.0, through: 6.0, by: 0.001) {
            let v = p.value(at: x)
            #expect(v >= previous - 1e-15)
            #expect(v >= 0.01 - 1e-15 && v <= 0.99 + 1e-15)
            previous = v
        }
        for (x, y) in zip(xs, ys) { #expect(abs(p.value(at: x) - y) < 1e-15) }
    }

    @Test("PCHIP is exact for straight lines")
    func pchipLinear() throws {
        let xs: [Double] = [0, 0.5, 2, 2.5, 7]
        let p = try MonotoneCubic.interpolant(x: xs, y: xs.map { 3 * $0 - 1 })
        for x in stride(from: 0.0, through: 7.0, by: 0.1) {
            #expect(abs(p.value(at: x) - (3 * x - 1)) < 1e-12)
            #expect(abs(p.derivative(at: x) - 3) < 1e-12)
        }
    }

    @Test("Bad knots are rejected with a clear error")
    func invalidKnots() {
        #expect(throws: NumericsError.self) { try MonotoneCubic.interpolant(x: [0, 1, 1], y: [0, 1, 2]) }
        #expect(throws: NumericsError.self) { try CubicSpline.interpolant(x: [0], y: [0]) }
        #expect(throws: NumericsError.self) { try CubicSpline.interpolant(x: [0, 1, 2], y: [0, .nan, 2]) }
    }

    @Test("Cubic Hermite is exact for a cubic given exact slopes")
    func hermiteExact() {
        let f = { (x: Double) in x * x * x - x }
        let df = { (x: Double) in 3 * x * x - 1 }
        let x0 = 0.7, x1 = 1.9
        for t in stride(from: 0.0, through: 1.0, by: 0.05) {
            let x = x0 + t * (x1 - x0)
            let v = cubicHermite(y0: f(x0), y1: f(x1), d0: df(x0), d1: df(x1), h: x1 - x0, t: t)
            #expect(abs(v - f(x)) < 1e-13)
        }
    }
}
