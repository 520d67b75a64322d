/// A single emphasised point with its own text label next to it (e.g. "SLy4").
public struct HighlightPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var label: String
    public var color: Color?
    public var marker: Marker
    /// Marker size in px (default 9).
    public var size: Double

    public init(x: Double, y: Double, label: String, color: Color? = nil, marker: Marker = .diamond, size: Double = 9) {
        self.x = x
        self.y = y
        self.label = label
        self.color = color
        self.marker = marker
        self.size = size
    }
}

/// A horizontal or vertical line across the whole plot area, with an optional label
/// (e.g. the 1.4 M☉ line). Its value is included in the automatic axis range.
public struct ReferenceLine: Sendable, Hashable {
    public enum Orientation: Sendable, Hashable {
        /// A line at constant y.
        case horizontal
        /// A line at constant x.
        case vertical
    }

    public var orientation: Orientation
    public var value: Double
    public var label: String?
    /// Default dark grey.
    public var color: Color
    public var dash: LineDash
    public var width: Double

    public init(
        _ orientation: Orientation, at value: Double, label: String? = nil, color: Color = .darkGray, dash: LineDash = .dashed,
        width: Double = 1.25
    ) {
        self.orientation = orientation
        self.value = value
        self.label = label
        self.color = color
        self.dash = dash
        self.width = width
    }
}
