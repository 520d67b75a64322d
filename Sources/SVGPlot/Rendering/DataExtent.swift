import Foundation

/// The range of data values an axis must show, gathered from a panel's series.
struct DataExtent {
    let scale: AxisScale
    private(set) var lower = Double.infinity
    private(set) var upper = -Double.infinity
    /// Set by histograms: bars start at zero, so the automatic range keeps zero as an edge.
    var anchorsAtZero = false

    init(scale: AxisScale) {
        self.scale = scale
    }

    /// Whether `value` can be placed on this axis (finite, and positive on a log axis).
    func accepts(_ value: Double) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    mutating func include(_ value: Double) {
        guard accepts(value) else { return }
        lower = min(lower, value)
        upper = max(upper, value)
    }

    /// The automatic range: data extent plus 5 % padding on each side (in log space on
    /// log axes); a single value is widened; no data gives 0…1 (linear) or 1…10 (log).
    var automaticRange: ClosedRange<Double> {
        guard lower <= upper else { return scale == .linear ? 0...1 : 1...10 }
        switch scale {
        case .linear:
            if lower == upper {
                let half = lower == 0 ? 1 : abs(lower) * 0.1
                return (lower - half)...(upper + half)
            }
            let pad = (upper - lower) * 0.05
            let low = anchorsAtZero && lower >= 0 ? min(lower, 0) : lower - pad
            let high = anchorsAtZero && upper <= 0 ? 0 : upper + pad
            return low...high
        case .log10:
            let factor = lower == upper ? sqrt(10) : pow(upper / lower, 0.05)
            return (lower / factor)...(upper * factor)
        }
    }
}
