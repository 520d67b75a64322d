/// A polyline through (x, y) pairs. Pairs where either value is non-finite (or ≤ 0 on a
/// log axis) are skipped and break the line into separate pieces.
public struct LineSeries: Sendable, Hashable {
    public var x: [Double]
    public var y: [Double]
    /// Legend text; `nil` keeps the series out of the legend.
    public var label: String?
    /// `nil` takes the next palette colour.
    public var color: Color?
    /// Stroke width in px (default 1.75).
    public var width: Double
    public var dash: LineDash

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, width: Double = 1.75, dash: LineDash = .solid) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// Markers at (x, y) pairs; non-finite pairs are skipped.
public struct ScatterSeries: Sendable, Hashable {
    public var x: [Double]
    public var y: [Double]
    public var label: String?
    public var color: Color?
    public var marker: Marker
    /// Marker size (diameter) in px (default 6).
    public var size: Double
    /// Fill opacity in [0, 1] (default 0.75), so overlapping points stay visible.
    public var opacity: Double

    public init(
        x: [Double], y: [Double], label: String? = nil, color: Color? = nil, marker: Marker = .circle, size: Double = 6,
        opacity: Double = 0.75
    ) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.marker = marker
        self.size = size
        self.opacity = opacity
    }
}
