import Foundation

/// Major and minor tick positions of an axis.
public struct TickSet: Sendable, Hashable {
    /// Labelled ticks, ascending.
    public var major: [Double]
    /// Unlabelled ticks, ascending, not overlapping `major`.
    public var minor: [Double]
}

/// "Nice" tick selection.
public enum Ticks {
    /// The step of the form {1, 2, 5} × 10ᵏ whose multiples inside `lower...upper` number
    /// closest to `target` (ties go to the larger step).
    public static func niceStep(_ lower: Double, _ upper: Double, target: Int) -> Double {
        let span = upper - lower
        guard span > 0, span.isFinite else { return 1 }
        let k = Int(Foundation.log10(span / Double(max(target, 1))).rounded(.down))
        var best = (step: 1.0, miss: Int.max)
        for exponent in (k - 1)...(k + 1) {
            for mantissa in [1.0, 2, 5] {
                let step = mantissa * decade(exponent)
                let count = Int((upper / step + 1e-9).rounded(.down) - (lower / step - 1e-9).rounded(.up)) + 1
                let miss = abs(count - target)
                if miss <= best.miss { best = (step, miss) }
            }
        }
        return best.step
    }

    /// Multiples of `niceStep` inside `lower...upper`, with a minor tick halfway between majors.
    public static func linear(_ lower: Double, _ upper: Double, target: Int = 6) -> TickSet {
        guard lower.isFinite, upper.isFinite, upper > lower else { return TickSet(major: [], minor: []) }
        let step = niceStep(lower, upper, target: target)
        let major = multiples(of: step, in: lower, upper)
        let minor = multiples(of: step / 2, in: lower, upper).filter { m in
            !major.contains { abs($0 - m) < step * 1e-6 }
        }
        return TickSet(major: major, minor: minor)
    }

    /// Ticks for a log₁₀ axis over `lower...upper` (both > 0):
    /// - spanning 2–10 decades: every decade major, 2…9 × 10ᵏ minor;
    /// - more than 10 decades: every k-th decade major (at most 10), the others minor;
    /// - less than two decades: 1, 2, 5 × 10ᵏ major, the other integers × 10ᵏ minor.
    public static func log10(_ lower: Double, _ upper: Double) -> TickSet {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return TickSet(major: [], minor: []) }
        let firstDecade = decadeIndex(atLeast: lower)
        let lastDecade = decadeIndex(atMost: upper)
        let decadeCount = lastDecade - firstDecade + 1
        if decadeCount > 10 {
            let stride = (decadeCount + 9) / 10
            let decades = Array(firstDecade...lastDecade)
            let major = decades.filter { ($0 - firstDecade) % stride == 0 }.map(decade)
            let minor = decades.filter { ($0 - firstDecade) % stride != 0 }.map(decade)
            return TickSet(major: major, minor: minor)
        }
        // (mantissa, value) pairs m × 10ᵏ inside the range.
        var candidates: [(mantissa: Int, value: Double)] = []
        for k in (firstDecade - 1)...(lastDecade + 1) {
            for m in 1...9 {
                let value = Double(m) * decade(k)
                if value >= lower * (1 - 1e-12), value <= upper * (1 + 1e-12) { candidates.append((m, value)) }
            }
        }
        func values(_ mantissas: Set<Int>) -> [Double] {
            candidates.filter { mantissas.contains($0.mantissa) }.map { $0.value }
        }
        if decadeCount >= 2 {
            return TickSet(major: values([1]), minor: values(Set(2...9)))
        }
        let major = values([1, 2, 5])
        if major.count >= 2 {
            return TickSet(major: major, minor: values([3, 4, 6, 7, 8, 9]))
        }
        return TickSet(major: values(Set(1...9)), minor: [])
    }

    /// 10ᵏ, exact for the decades that Double can represent.
    static func decade(_ k: Int) -> Double {
        k >= 0 ? pow(10, Double(k)) : 1 / pow(10, Double(-k))
    }

    private static func decadeIndex(atLeast value: Double) -> Int {
        var k = Int(Foundation.log10(value).rounded(.down))
        while decade(k) < value * (1 - 1e-12) { k += 1 }
        return k
    }

    private static func decadeIndex(atMost value: Double) -> Int {
        var k = Int(Foundation.log10(value).rounded(.up))
        while decade(k) > value * (1 + 1e-12) { k -= 1 }
        return k
    }

    private static func multiples(of step: Double, in lower: Double, _ upper: Double) -> [Double] {
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { i in
            let v = i * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
    }
}
