/// Draws grid lines, tick marks, tick labels and the axis label of one axis.
struct AxisRenderer {
    let axis: ResolvedAxis
    let mapping: ScaleMapping
    let area: Rect
    let label: String?
    let showGrid: Bool

    /// The bottom axis; `labelOffset` is the distance of the axis label's baseline below the area.
    func drawHorizontal(into writer: inout SVGWriter, labelOffset: Double) {
        writer.open("g", [("class", "axis x-axis")])
        for tick in axis.ticks.major {
            guard let x = mapping.pixel(tick) else { continue }
            if showGrid, x > area.x + 0.5, x < area.maxX - 0.5 {
                writer.empty("line", gridLine(x1: x, y1: area.y, x2: x, y2: area.maxY))
            }
            writer.empty("line", tickLine("tick major", x1: x, y1: area.maxY, x2: x, y2: area.maxY + Style.majorTick))
        }
        for tick in axis.ticks.minor {
            guard let x = mapping.pixel(tick) else { continue }
            writer.empty("line", tickLine("tick minor", x1: x, y1: area.maxY, x2: x, y2: area.maxY + Style.minorTick))
        }
        for (tick, text) in zip(axis.ticks.major, axis.labels) {
            guard let x = mapping.pixel(tick) else { continue }
            writer.text(
                "text",
                [
                    ("class", "tick-label"), ("x", px(x)), ("y", px(area.maxY + Style.majorTick + Style.tickFont + 2)),
                    ("text-anchor", "middle"), ("font-size", px(Style.tickFont)), ("fill", Style.ink),
                ], text)
        }
        if let label {
            writer.text(
                "text",
                [
                    ("class", "axis-label"), ("x", px(area.midX)), ("y", px(area.maxY + labelOffset)),
                    ("text-anchor", "middle"), ("font-size", px(Style.axisLabelFont)), ("fill", Style.ink),
                ], label)
        }
        writer.close("g")
    }

    /// The left axis; `labelX` is the x position of the (rotated) axis label's baseline.
    func drawVertical(into writer: inout SVGWriter, labelX: Double) {
        writer.open("g", [("class", "axis y-axis")])
        for tick in axis.ticks.major {
            guard let y = mapping.pixel(tick) else { continue }
            if showGrid, y > area.y + 0.5, y < area.maxY - 0.5 {
                writer.empty("line", gridLine(x1: area.x, y1: y, x2: area.maxX, y2: y))
            }
            writer.empty("line", tickLine("tick major", x1: area.x - Style.majorTick, y1: y, x2: area.x, y2: y))
        }
        for tick in axis.ticks.minor {
            guard let y = mapping.pixel(tick) else { continue }
            writer.empty("line", tickLine("tick minor", x1: area.x - Style.minorTick, y1: y, x2: area.x, y2: y))
        }
        for (tick, text) in zip(axis.ticks.major, axis.labels) {
            guard let y = mapping.pixel(tick) else { continue }
            writer.text(
                "text",
                [
                    ("class", "tick-label"), ("x", px(area.x - Style.majorTick - 3)), ("y", px(y + Style.tickFont * 0.35)),
                    ("text-anchor", "end"), ("font-size", px(Style.tickFont)), ("fill", Style.ink),
                ], text)
        }
        if let label {
            writer.text(
                "text",
                [
                    ("class", "axis-label"), ("x", px(labelX)), ("y", px(area.midY)),
                    ("transform", "rotate(-90 \(px(labelX)) \(px(area.midY)))"),
                    ("text-anchor", "middle"), ("font-size", px(Style.axisLabelFont)), ("fill", Style.ink),
                ], label)
        }
        writer.close("g")
    }

    private func gridLine(x1: Double, y1: Double, x2: Double, y2: Double) -> SVGWriter.Attributes {
        [
            ("class", "grid"), ("x1", px(x1)), ("y1", px(y1)), ("x2", px(x2)), ("y2", px(y2)),
            ("stroke", Style.gridColor), ("stroke-width", "1"),
        ]
    }

    private func tickLine(_ cls: String, x1: Double, y1: Double, x2: Double, y2: Double) -> SVGWriter.Attributes {
        [
            ("class", cls), ("x1", px(x1)), ("y1", px(y1)), ("x2", px(x2)), ("y2", px(y2)),
            ("stroke", Style.ink), ("stroke-width", "1"),
        ]
    }
}
