/// Why a figure cannot be rendered. Every case names the panel (0-based, in figure order)
/// and, where relevant, the series (0-based, in panel order).
public enum PlotError: Error, Sendable, Equatable {
    /// A series has different numbers of x and y values.
    case mismatchedLengths(panel: Int, series: Int, x: Int, y: Int)
    /// An explicit axis range is unusable: not finite, empty, or not positive on a log axis.
    case invalidRange(panel: Int, axis: String, lower: Double, upper: Double)
    /// Heat-map rows differ in length or do not match the number of labels.
    case heatMapShape(panel: Int, series: Int, detail: String)
    /// A heat map must be the only series in its panel (it uses categorical axes).
    case heatMapNotAlone(panel: Int)
    /// A histogram was asked for fewer than one bin.
    case invalidBinCount(panel: Int, series: Int, count: Int)
    /// The figure has no panels, non-positive panel sizes, or fewer than one column.
    case invalidLayout(String)
}
