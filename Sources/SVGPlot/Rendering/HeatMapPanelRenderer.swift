/// Renders a panel holding one heat map: categorical axes, coloured and annotated cells,
/// and a colour bar on the right.
struct HeatMapPanelRenderer {
    let panel: Panel
    let index: Int
    let cell: Rect
    let id: String

    private static let barWidth = 14.0

    func render(into writer: inout SVGWriter) throws(PlotError) {
        guard panel.series.count == 1, case .heatMap(let map) = panel.series[0] else {
            throw .heatMapNotAlone(panel: index)
        }
        try validate(map)
        let rows = map.rowLabels.count, columns = map.columnLabels.count
        let finite = map.values.joined().filter(\.isFinite)
        let lower = finite.min() ?? 0, upper = finite.max() ?? 1
        let scale = ResolvedAxis(scale: .linear, range: lower < upper ? lower...upper : (lower - 1)...(upper + 1), target: 5)

        let labelBand = Style.axisLabelFont + 10
        let rowLabelWidth = map.rowLabels.map { textWidth($0, fontSize: Style.tickFont) }.max() ?? 0
        let scaleLabelWidth = scale.labels.map { textWidth($0, fontSize: Style.tickFont) }.max() ?? 0
        var left = 10 + (panel.yAxis.label == nil ? 0 : labelBand) + rowLabelWidth + 6
        let right = 14 + Self.barWidth + 5 + scaleLabelWidth + (map.scaleLabel == nil ? 8 : labelBand + 4)
        let top = 12 + (panel.title == nil ? 0 : Style.panelTitleFont + 10)
        let columnLabelWidth = map.columnLabels.map { textWidth($0, fontSize: Style.tickFont) }.max() ?? 0
        let rotateColumns = columnLabelWidth > (cell.width - left - right) / Double(columns) - 4
        if rotateColumns, let first = map.columnLabels.first {
            // The first rotated label reaches cos(35°)·width left of its cell's centre.
            let overhang = textWidth(first, fontSize: Style.tickFont) * 0.82 + Style.tickFont * 0.3
            let firstCentre = (cell.width - left - right) / Double(columns) / 2
            left = max(left, overhang - firstCentre + 8)
        }
        let provisionalWidth = cell.width - left - right
        let columnBand = rotateColumns ? columnLabelWidth * 0.58 + Style.tickFont : Style.tickFont + 4
        let bottom = 10 + columnBand + (panel.xAxis.label == nil ? 0 : labelBand)
        let area = Rect(x: cell.x + left, y: cell.y + top, width: provisionalWidth, height: cell.height - top - bottom)
        let cellWidth = area.width / Double(columns), cellHeight = area.height / Double(rows)

        writer.open("g", [("class", "panel"), ("id", id)])
        writeDefs(map.colorMap, into: &writer)
        if let title = panel.title {
            writer.text(
                "text",
                [
                    ("class", "panel-title"), ("x", px(area.midX)), ("y", px(cell.y + 12 + Style.panelTitleFont * 0.8)),
                    ("text-anchor", "middle"), ("font-size", px(Style.panelTitleFont)), ("font-weight", "bold"), ("fill", Style.ink),
                ], title)
        }
        writeCategoryAxes(map, area: area, rotateColumns: rotateColumns, columnBand: columnBand, into: &writer)

        writer.open("g", [("id", "\(id)-series-0"), ("class", "series series-0 heatmap")])
        let fractionOf = { (v: Double) in lower < upper ? (v - lower) / (upper - lower) : 0.5 }
        for (r, row) in map.values.enumerated() {
            for (c, value) in row.enumerated() {
                let box = Rect(x: area.x + Double(c) * cellWidth, y: area.y + Double(r) * cellHeight, width: cellWidth, height: cellHeight)
                guard value.isFinite else {
                    writer.empty(
                        "rect",
                        [("class", "cell-missing")] + box.attributes + [("fill", "#f0f0f0"), ("stroke", "#ffffff"), ("stroke-width", "1")])
                    continue
                }
                let color = map.colorMap.color(at: fractionOf(value))
                writer.empty(
                    "rect", [("class", "cell")] + box.attributes + [("fill", color.svg), ("stroke", "#ffffff"), ("stroke-width", "1")])
                if let style = map.cellFormat {
                    let text = NumberText.format(value, style: style)
                    let fontSize = min(Style.tickFont, cellHeight * 0.45, (cellWidth - 4) / max(textWidth(text, fontSize: 1), 0.01))
                    writer.text(
                        "text",
                        [
                            ("class", "cell-label"), ("x", px(box.midX)), ("y", px(box.midY + fontSize * 0.35)),
                            ("text-anchor", "middle"), ("font-size", px(fontSize)),
                            ("fill", color.luminance < 0.5 ? "#ffffff" : "#1a1a1a"),
                        ], text)
                }
            }
        }
        if let position = extremePosition(map) {
            let box = Rect(
                x: area.x + Double(position.column) * cellWidth + 1.5, y: area.y + Double(position.row) * cellHeight + 1.5,
                width: cellWidth - 3, height: cellHeight - 3)
            writer.empty(
                "rect",
                [("class", "highlight")] + box.attributes + [("fill", "none"), ("stroke", Palette.vermillion.svg), ("stroke-width", "2.5")])
        }
        writer.close("g")
        writeColorBar(scale, map: map, area: area, lower: lower, upper: upper, into: &writer)
        writer.close("g")
    }

    private func validate(_ map: HeatMap) throws(PlotError) {
        let rows = map.rowLabels.count, columns = map.columnLabels.count
        guard rows > 0, columns > 0 else {
            throw .heatMapShape(panel: index, series: 0, detail: "needs at least one row label and one column label")
        }
        guard map.values.count == rows else {
            throw .heatMapShape(panel: index, series: 0, detail: "\(map.values.count) rows of values for \(rows) row labels")
        }
        if let bad = map.values.firstIndex(where: { $0.count != columns }) {
            throw .heatMapShape(
                panel: index, series: 0, detail: "row \(bad) has \(map.values[bad].count) values for \(columns) column labels")
        }
    }

    private func extremePosition(_ map: HeatMap) -> (row: Int, column: Int)? {
        guard let highlight = map.highlight else { return nil }
        var best: (row: Int, column: Int, value: Double)?
        for (r, row) in map.values.enumerated() {
            for (c, value) in row.enumerated() where value.isFinite {
                let better = best.map { highlight == .minimum ? value < $0.value : value > $0.value } ?? true
                if better { best = (r, c, value) }
            }
        }
        return best.map { ($0.row, $0.column) }
    }

    private func writeDefs(_ colorMap: ColorMap, into writer: inout SVGWriter) {
        writer.open("defs")
        writer.open("linearGradient", [("id", "\(id)-gradient"), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
        for (i, anchor) in colorMap.anchors.enumerated() {
            writer.empty(
                "stop",
                [("offset", NumberText.fixed(Double(i) / Double(colorMap.anchors.count - 1), decimals: 4)), ("stop-color", anchor.svg)])
        }
        writer.close("linearGradient")
        writer.close("defs")
    }

    private func writeCategoryAxes(_ map: HeatMap, area: Rect, rotateColumns: Bool, columnBand: Double, into writer: inout SVGWriter) {
        let cellWidth = area.width / Double(map.columnLabels.count), cellHeight = area.height / Double(map.rowLabels.count)
        let labelStyle: SVGWriter.Attributes = [("font-size", px(Style.tickFont)), ("fill", Style.ink)]
        writer.open("g", [("class", "axis x-axis")])
        for (c, label) in map.columnLabels.enumerated() {
            let x = area.x + (Double(c) + 0.5) * cellWidth, y = area.maxY + Style.tickFont + 3
            let placement: SVGWriter.Attributes =
                rotateColumns
                ? [("x", px(x)), ("y", px(y)), ("text-anchor", "end"), ("transform", "rotate(-35 \(px(x)) \(px(y)))")]
                : [("x", px(x)), ("y", px(y)), ("text-anchor", "middle")]
            writer.text("text", [("class", "tick-label")] + placement + labelStyle, label)
        }
        if let label = panel.xAxis.label {
            writer.text(
                "text",
                [
                    ("class", "axis-label"), ("x", px(area.midX)), ("y", px(area.maxY + columnBand + Style.axisLabelFont + 6)),
                    ("text-anchor", "middle"), ("font-size", px(Style.axisLabelFont)), ("fill", Style.ink),
                ], label)
        }
        writer.close("g")
        writer.open("g", [("class", "axis y-axis")])
        for (r, label) in map.rowLabels.enumerated() {
            let y = area.y + (Double(r) + 0.5) * cellHeight + Style.tickFont * 0.35
            writer.text("text", [("class", "tick-label"), ("x", px(area.x - 6)), ("y", px(y)), ("text-anchor", "end")] + labelStyle, label)
        }
        if let label = panel.yAxis.label {
            let x = cell.x + 10 + Style.axisLabelFont
            writer.text(
                "text",
                [
                    ("class", "axis-label"), ("x", px(x)), ("y", px(area.midY)), ("transform", "rotate(-90 \(px(x)) \(px(area.midY)))"),
                    ("text-anchor", "middle"), ("font-size", px(Style.axisLabelFont)), ("fill", Style.ink),
                ], label)
        }
        writer.close("g")
    }

    private func writeColorBar(_ scale: ResolvedAxis, map: HeatMap, area: Rect, lower: Double, upper: Double, into writer: inout SVGWriter)
    {
        let bar = Rect(x: area.maxX + 14, y: area.y, width: Self.barWidth, height: area.height)
        let mapping = ScaleMapping(scale: .linear, domain: scale.range, pixels: (bar.maxY, bar.y))
        writer.open("g", [("class", "colorbar")])
        writer.empty("rect", bar.attributes + [("fill", "url(#\(id)-gradient)"), ("stroke", Style.ink), ("stroke-width", "0.8")])
        for (tick, label) in zip(scale.ticks.major, scale.labels) {
            guard let y = mapping.pixel(tick) else { continue }
            writer.empty(
                "line",
                [
                    ("class", "tick major"), ("x1", px(bar.maxX)), ("y1", px(y)), ("x2", px(bar.maxX + 4)), ("y2", px(y)),
                    ("stroke", Style.ink), ("stroke-width", "1"),
                ])
            writer.text(
                "text",
                [
                    ("class", "tick-label"), ("x", px(bar.maxX + 6)), ("y", px(y + Style.tickFont * 0.35)),
                    ("font-size", px(Style.tickFont)), ("fill", Style.ink),
                ], label)
        }
        if let label = map.scaleLabel {
            let widest = scale.labels.map { textWidth($0, fontSize: Style.tickFont) }.max() ?? 0
            let x = bar.maxX + 6 + widest + 6 + Style.axisLabelFont
            writer.text(
                "text",
                [
                    ("class", "axis-label"), ("x", px(x)), ("y", px(bar.midY)), ("transform", "rotate(-90 \(px(x)) \(px(bar.midY)))"),
                    ("text-anchor", "middle"), ("font-size", px(Style.axisLabelFont)), ("fill", Style.ink),
                ], label)
        }
        writer.close("g")
    }
}
