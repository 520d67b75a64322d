/// How data values map onto an axis.
public enum AxisScale: Sendable, Hashable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 cannot be shown and are skipped like non-finite ones.
    case log10
}

/// One axis of a panel: label, scale, range and grid lines.
public struct Axis: Sendable, Hashable {
    /// Axis label; any text (e.g. "p [MeV fm⁻³]") — it is XML-escaped on output.
    public var label: String?
    public var scale: AxisScale
    /// Explicit data range; `nil` means automatic (data extent plus 5 % padding,
    /// in log space for log axes; histograms anchor at zero).
    public var range: ClosedRange<Double>?
    /// Draw light grid lines at the major ticks (default `true`).
    public var grid: Bool

    public init(label: String? = nil, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, grid: Bool = true) {
        self.label = label
        self.scale = scale
        self.range = range
        self.grid = grid
    }
}
