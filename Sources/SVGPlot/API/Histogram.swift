import Foundation

/// A histogram whose bins are computed from raw values (non-finite values are ignored).
public struct Histogram: Sendable, Hashable {
    public var values: [Double]
    /// Number of equal-width bins; `nil` chooses it automatically (Freedman–Diaconis,
    /// falling back to Sturges when the interquartile range is zero), capped at 100.
    public var binCount: Int?
    /// Plot probability density (area 1) instead of counts.
    public var density: Bool
    public var label: String?
    public var color: Color?

    public init(values: [Double], binCount: Int? = nil, density: Bool = false, label: String? = nil, color: Color? = nil) {
        self.values = values
        self.binCount = binCount
        self.density = density
        self.label = label
        self.color = color
    }

    /// The bins: `edges.count == heights.count + 1`; both are empty when no value is finite.
    public var bins: HistogramBins { HistogramBins(values: values, binCount: binCount, density: density) }
}

/// Equal-width bins over the finite values' range; the last bin includes the maximum.
/// Values that are all equal give one bin of width 1 centred on them.
public struct HistogramBins: Sendable, Hashable {
    public let edges: [Double]
    /// Counts, or densities when computed with `density: true`.
    public let heights: [Double]

    public init(values: [Double], binCount: Int? = nil, density: Bool = false) {
        let finite = values.filter(\.isFinite).sorted()
        guard let lo = finite.first, let hi = finite.last else {
            edges = []
            heights = []
            return
        }
        let count = lo == hi ? 1 : max(1, binCount ?? Self.automaticCount(sorted: finite))
        let (start, width) = lo == hi ? (lo - 0.5, 1.0) : (lo, (hi - lo) / Double(count))
        var counts = [Double](repeating: 0, count: count)
        for v in finite {
            counts[min(count - 1, max(0, Int((v - start) / width)))] += 1
        }
        edges = (0...count).map { $0 == count && lo != hi ? hi : start + Double($0) * width }
        heights = density ? counts.map { $0 / (Double(finite.count) * width) } : counts
    }

    /// Freedman–Diaconis bin count for sorted finite values, Sturges if the IQR is zero.
    static func automaticCount(sorted: [Double]) -> Int {
        let n = Double(sorted.count)
        let span = sorted[sorted.count - 1] - sorted[0]
        let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25)
        guard span > 0, iqr > 0 else { return Int((log2(n)).rounded(.up)) + 1 }
        let width = 2 * iqr / cbrt(n)
        return min(100, max(1, Int((span / width).rounded(.up))))
    }

    /// Linear-interpolation quantile of sorted values.
    private static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let i = Int(position)
        guard i + 1 < sorted.count else { return sorted[i] }
        return sorted[i] + (sorted[i + 1] - sorted[i]) * (position - Double(i))
    }
}
