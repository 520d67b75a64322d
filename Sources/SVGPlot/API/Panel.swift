/// One plot area with its own axes, series and legend.
public struct Panel: Sendable, Hashable {
    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    /// Drawn in order (later on top); a series' index is its `N` in `series-N`.
    public var series: [Series]
    /// Default `.topRight`; the legend lists line, scatter and histogram series that have a label.
    public var legend: LegendPosition

    public init(title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), series: [Series] = [], legend: LegendPosition = .topRight)
    {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.legend = legend
    }

    /// Appends a series (drawn above the existing ones).
    public mutating func add(_ newSeries: Series) {
        series.append(newSeries)
    }
}
