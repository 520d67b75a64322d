/// Anything drawn inside a panel. The series' index in `Panel.series` is its number `N`
/// in the SVG (see `Figure` for the id/class convention).
public enum Series: Sendable, Hashable {
    case line(LineSeries)
    case scatter(ScatterSeries)
    case point(HighlightPoint)
    case reference(ReferenceLine)
    case histogram(Histogram)
    case heatMap(HeatMap)

    /// The SVG class naming the series kind (`line`, `scatter`, `point`, `refline`, `histogram`, `heatmap`).
    public var kind: String {
        switch self {
        case .line: "line"
        case .scatter: "scatter"
        case .point: "point"
        case .reference: "refline"
        case .histogram: "histogram"
        case .heatMap: "heatmap"
        }
    }
}
