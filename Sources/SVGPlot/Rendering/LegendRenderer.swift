/// One legend row: a sample of the series' style and its label.
struct LegendEntry {
    enum Sample {
        case line(width: Double, dash: LineDash)
        case marker(Marker, opacity: Double)
        case bar
    }

    let label: String
    let color: Color
    let sample: Sample
}

/// Draws the legend box in a corner of the plot area.
struct LegendRenderer {
    let entries: [LegendEntry]
    let position: LegendPosition
    let area: Rect

    private static let rowHeight = 17.0
    private static let sampleWidth = 26.0
    private static let inset = 8.0

    func draw(into writer: inout SVGWriter) {
        guard !entries.isEmpty, position != .hidden else { return }
        let labelWidth = entries.map { textWidth($0.label, fontSize: Style.legendFont) }.max() ?? 0
        let width = 8 + Self.sampleWidth + 6 + labelWidth + 10
        let height = 6 + Double(entries.count) * Self.rowHeight + 2
        let left = position == .topLeft || position == .bottomLeft
        let top = position == .topLeft || position == .topRight
        let box = Rect(
            x: left ? area.x + Self.inset : area.maxX - Self.inset - width,
            y: top ? area.y + Self.inset : area.maxY - Self.inset - height,
            width: width, height: height)
        writer.open("g", [("class", "legend")])
        writer.empty(
            "rect",
            [("class", "legend-box")] + box.attributes + [
                ("rx", "3"), ("fill", "#ffffff"), ("fill-opacity", "0.88"), ("stroke", "#bfbfbf"), ("stroke-width", "0.8"),
            ])
        for (row, entry) in entries.enumerated() {
            let midY = box.y + 6 + (Double(row) + 0.5) * Self.rowHeight
            let sampleX = box.x + 8
            writer.open("g", [("class", "legend-entry")])
            switch entry.sample {
            case .line(let width, let dash):
                writer.empty(
                    "line",
                    [
                        ("x1", px(sampleX)), ("y1", px(midY)), ("x2", px(sampleX + Self.sampleWidth)), ("y2", px(midY)),
                        ("stroke", entry.color.svg), ("stroke-width", px(width)), ("stroke-linecap", "round"),
                    ] + dashAttributes(dash, width: width))
            case .marker(let marker, let opacity):
                MarkerShape(marker: marker, size: 7)
                    .write(
                        at: sampleX + Self.sampleWidth / 2, midY, fill: entry.color, opacity: opacity, stroke: entry.color.svg,
                        strokeWidth: 0.8, into: &writer)
            case .bar:
                writer.empty(
                    "rect",
                    Rect(x: sampleX + 4, y: midY - 5, width: Self.sampleWidth - 8, height: 10).attributes + [
                        ("fill", entry.color.svg), ("fill-opacity", "0.55"), ("stroke", entry.color.svg), ("stroke-width", "0.8"),
                    ])
            }
            writer.text(
                "text",
                [
                    ("x", px(sampleX + Self.sampleWidth + 6)), ("y", px(midY + Style.legendFont * 0.35)),
                    ("font-size", px(Style.legendFont)), ("fill", Style.ink),
                ], entry.label)
            writer.close("g")
        }
        writer.close("g")
    }
}
