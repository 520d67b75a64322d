/// Renders a panel with numeric x and y axes (every series kind except heat maps).
struct XYPanelRenderer {
    let panel: Panel
    let index: Int
    let cell: Rect
    let id: String

    func render(into writer: inout SVGWriter) throws(PlotError) {
        try validate()
        var xExtent = DataExtent(scale: panel.xAxis.scale)
        var yExtent = DataExtent(scale: panel.yAxis.scale)
        for series in panel.series {
            series.extend(x: &xExtent, y: &yExtent)
        }
        let xRange = try ResolvedAxis.range(of: panel.xAxis, extent: xExtent, panel: index, name: "x")
        let yRange = try ResolvedAxis.range(of: panel.yAxis, extent: yExtent, panel: index, name: "y")

        let labelBand = Style.axisLabelFont + 10
        let top = 12 + (panel.title == nil ? 0 : Style.panelTitleFont + 10)
        let bottom = 10 + Style.majorTick + Style.tickFont + 4 + (panel.xAxis.label == nil ? 0 : labelBand)
        let height = cell.height - top - bottom
        let yAxis = ResolvedAxis(scale: panel.yAxis.scale, range: yRange, target: min(8, max(3, Int(height / 45))))
        let yLabelWidth = yAxis.labels.map { textWidth($0, fontSize: Style.tickFont) }.max() ?? 0
        let left = 10 + (panel.yAxis.label == nil ? 0 : labelBand) + yLabelWidth + Style.majorTick + 4
        let area = Rect(x: cell.x + left, y: cell.y + top, width: cell.width - left - 20, height: height)
        let xAxis = ResolvedAxis.horizontal(scale: panel.xAxis.scale, range: xRange, length: area.width)
        let plot = PlotContext(
            area: area,
            x: ScaleMapping(scale: xAxis.scale, domain: xAxis.range, pixels: (area.x, area.maxX)),
            y: ScaleMapping(scale: yAxis.scale, domain: yAxis.range, pixels: (area.maxY, area.y)),
            id: id)

        writer.open("g", [("class", "panel"), ("id", id)])
        writer.open("defs")
        writer.open("clipPath", [("id", "\(id)-clip")])
        writer.empty("rect", area.attributes)
        writer.close("clipPath")
        writer.close("defs")
        if let title = panel.title {
            writer.text(
                "text",
                [
                    ("class", "panel-title"), ("x", px(area.midX)), ("y", px(cell.y + 12 + Style.panelTitleFont * 0.8)),
                    ("text-anchor", "middle"), ("font-size", px(Style.panelTitleFont)), ("font-weight", "bold"), ("fill", Style.ink),
                ], title)
        }
        AxisRenderer(axis: xAxis, mapping: plot.x, area: area, label: panel.xAxis.label, showGrid: panel.xAxis.grid)
            .drawHorizontal(into: &writer, labelOffset: Style.majorTick + Style.tickFont + 4 + labelBand - 4)
        AxisRenderer(axis: yAxis, mapping: plot.y, area: area, label: panel.yAxis.label, showGrid: panel.yAxis.grid)
            .drawVertical(into: &writer, labelX: cell.x + 10 + Style.axisLabelFont)

        let colors = panel.series.resolvedColors()
        writer.open("g", [("class", "plot-area"), ("clip-path", "url(#\(id)-clip)")])
        for (number, series) in panel.series.enumerated() {
            plot.draw(series, number: number, color: colors[number], into: &writer)
        }
        writer.close("g")
        writer.empty("rect", [("class", "frame")] + area.attributes + [("fill", "none"), ("stroke", Style.ink), ("stroke-width", "1")])
        LegendRenderer(entries: panel.series.legendEntries(colors: colors), position: panel.legend, area: area)
            .draw(into: &writer)
        writer.close("g")
    }

    private func validate() throws(PlotError) {
        for (number, series) in panel.series.enumerated() {
            switch series {
            case .line(let line) where line.x.count != line.y.count:
                throw .mismatchedLengths(panel: index, series: number, x: line.x.count, y: line.y.count)
            case .scatter(let scatter) where scatter.x.count != scatter.y.count:
                throw .mismatchedLengths(panel: index, series: number, x: scatter.x.count, y: scatter.y.count)
            case .histogram(let histogram):
                if let count = histogram.binCount, count < 1 {
                    throw .invalidBinCount(panel: index, series: number, count: count)
                }
            case .heatMap:
                throw .heatMapNotAlone(panel: index)
            default:
                continue
            }
        }
    }
}

private extension Series {
    /// Widens the axis extents by the values this series shows.
    func extend(x: inout DataExtent, y: inout DataExtent) {
        func pairs(_ xs: [Double], _ ys: [Double]) {
            for (a, b) in zip(xs, ys) where x.accepts(a) && y.accepts(b) {
                x.include(a)
                y.include(b)
            }
        }
        switch self {
        case .line(let line): pairs(line.x, line.y)
        case .scatter(let scatter): pairs(scatter.x, scatter.y)
        case .point(let point): pairs([point.x], [point.y])
        case .reference(let reference):
            if reference.orientation == .horizontal { y.include(reference.value) } else { x.include(reference.value) }
        case .histogram(let histogram):
            let bins = histogram.bins
            bins.edges.forEach { x.include($0) }
            bins.heights.forEach { y.include($0) }
            if !bins.heights.isEmpty { y.anchorsAtZero = true }
        case .heatMap:
            break
        }
    }
}
