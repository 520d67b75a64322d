/// A grid of values on categorical axes with a colour scale and a number in every cell —
/// e.g. validation loss over a (learning rate × latent size) hyper-parameter sweep.
/// A heat map must be the only series in its panel; non-finite cells are drawn light grey, without a number.
public struct HeatMap: Sendable, Hashable {
    /// `values[row][column]`; row 0 is drawn at the top.
    public var values: [[Double]]
    /// One label per column (bottom axis).
    public var columnLabels: [String]
    /// One label per row (left axis).
    public var rowLabels: [String]
    public var colorMap: ColorMap
    /// Format of the number printed in each cell; `nil` prints none.
    public var cellFormat: NumberStyle?
    /// Outline the cell holding the smallest (or largest) value.
    public var highlight: Extremum?
    /// Title of the colour bar, e.g. "validation loss".
    public var scaleLabel: String?

    /// Which extreme cell to outline.
    public enum Extremum: Sendable, Hashable {
        case minimum
        case maximum
    }

    public init(
        values: [[Double]], columnLabels: [String], rowLabels: [String], colorMap: ColorMap = .viridis,
        cellFormat: NumberStyle? = .significant(3), highlight: Extremum? = nil, scaleLabel: String? = nil
    ) {
        self.values = values
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
        self.colorMap = colorMap
        self.cellFormat = cellFormat
        self.highlight = highlight
        self.scaleLabel = scaleLabel
    }
}
