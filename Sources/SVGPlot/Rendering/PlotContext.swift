/// The plot area of one panel with its data-to-pixel mappings; draws series into it.
struct PlotContext {
    let area: Rect
    let x: ScaleMapping
    let y: ScaleMapping
    /// The panel id; series ids extend it.
    let id: String

    /// Root attributes shared by every series element (see `Figure` for the convention).
    func seriesAttributes(_ number: Int, _ series: Series) -> SVGWriter.Attributes {
        [("id", "\(id)-series-\(number)"), ("class", "series series-\(number) \(series.kind)")]
    }

    func draw(_ series: Series, number: Int, color: Color, into writer: inout SVGWriter) {
        let root = seriesAttributes(number, series)
        switch series {
        case .line(let line): drawLine(line, root: root, color: color, into: &writer)
        case .scatter(let scatter): drawScatter(scatter, root: root, color: color, into: &writer)
        case .point(let point): drawPoint(point, root: root, color: color, into: &writer)
        case .reference(let reference): drawReference(reference, root: root, into: &writer)
        case .histogram(let histogram): drawHistogram(histogram, root: root, color: color, into: &writer)
        case .heatMap: break
        }
    }

    /// One path; every unplottable point ends the current subpath.
    private func drawLine(_ line: LineSeries, root: SVGWriter.Attributes, color: Color, into writer: inout SVGWriter) {
        var path = ""
        var penDown = false
        for (a, b) in zip(line.x, line.y) {
            guard let px = x.pixel(a), let py = y.pixel(b) else {
                penDown = false
                continue
            }
            path += (path.isEmpty ? "" : " ") + (penDown ? "L" : "M") + NumberText.coordinate(px) + " " + NumberText.coordinate(py)
            penDown = true
        }
        writer.empty(
            "path",
            root + [
                ("d", path), ("fill", "none"), ("stroke", color.svg), ("stroke-width", px(line.width)),
                ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
            ] + dashAttributes(line.dash, width: line.width))
    }

    private func drawScatter(_ scatter: ScatterSeries, root: SVGWriter.Attributes, color: Color, into writer: inout SVGWriter) {
        writer.open("g", root)
        for (a, b) in zip(scatter.x, scatter.y) {
            guard let px = x.pixel(a), let py = y.pixel(b) else { continue }
            MarkerShape(marker: scatter.marker, size: scatter.size)
                .write(at: px, py, fill: color, opacity: scatter.opacity, stroke: color.svg, strokeWidth: 0.8, into: &writer)
        }
        writer.close("g")
    }

    /// Marker with a white outline and a haloed label, placed left of points near the right edge.
    private func drawPoint(_ point: HighlightPoint, root: SVGWriter.Attributes, color: Color, into writer: inout SVGWriter) {
        writer.open("g", root)
        if let px = x.pixel(point.x), let py = y.pixel(point.y) {
            MarkerShape(marker: point.marker, size: point.size)
                .write(at: px, py, fill: color, opacity: 1, stroke: "#ffffff", strokeWidth: 1.2, into: &writer)
            let onRight = px > area.x + area.width * 0.75
            let offset = point.size / 2 + 4
            writer.text(
                "text",
                [
                    ("class", "point-label"), ("x", NumberText.coordinate(onRight ? px - offset : px + offset)),
                    ("y", NumberText.coordinate(py - offset + Style.annotationFont * 0.35)),
                    ("text-anchor", onRight ? "end" : "start"), ("font-size", NumberText.coordinate(Style.annotationFont)),
                    ("font-weight", "bold"), ("fill", color.svg),
                    ("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke"),
                ], point.label)
        }
        writer.close("g")
    }

    private func drawReference(_ reference: ReferenceLine, root: SVGWriter.Attributes, into writer: inout SVGWriter) {
        writer.open("g", root)
        let style: SVGWriter.Attributes =
            [("stroke", reference.color.svg), ("stroke-width", px(reference.width))]
            + dashAttributes(reference.dash, width: reference.width)
        let labelStyle: SVGWriter.Attributes = [
            ("font-size", px(Style.annotationFont - 0.5)), ("fill", reference.color.svg),
            ("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke"),
        ]
        switch reference.orientation {
        case .horizontal:
            if let py = y.pixel(reference.value) {
                writer.empty("line", [("x1", px(area.x)), ("y1", px(py)), ("x2", px(area.maxX)), ("y2", px(py))] + style)
                if let label = reference.label {
                    writer.text(
                        "text",
                        [("class", "refline-label"), ("x", px(area.maxX - 6)), ("y", px(py - 4)), ("text-anchor", "end")] + labelStyle,
                        label)
                }
            }
        case .vertical:
            if let pxValue = x.pixel(reference.value) {
                writer.empty("line", [("x1", px(pxValue)), ("y1", px(area.y)), ("x2", px(pxValue)), ("y2", px(area.maxY))] + style)
                if let label = reference.label {
                    let (lx, ly) = (pxValue - 5, area.y + 6)
                    writer.text(
                        "text",
                        [
                            ("class", "refline-label"), ("x", px(lx)), ("y", px(ly)), ("text-anchor", "end"),
                            ("transform", "rotate(-90 \(px(lx)) \(px(ly)))"),
                        ] + labelStyle, label)
                }
            }
        }
        writer.close("g")
    }

    /// Bars from zero (or the bottom of a log axis) to each non-empty bin's height.
    private func drawHistogram(_ histogram: Histogram, root: SVGWriter.Attributes, color: Color, into writer: inout SVGWriter) {
        let bins = histogram.bins
        let base = y.pixel(0).map { min(max($0, area.y), area.maxY) } ?? area.maxY
        writer.open("g", root)
        for (i, height) in bins.heights.enumerated() where height > 0 {
            guard let left = x.pixel(bins.edges[i]), let right = x.pixel(bins.edges[i + 1]), let top = y.pixel(height) else { continue }
            let bar = Rect(x: min(left, right), y: min(top, base), width: abs(right - left), height: abs(base - top))
            writer.empty(
                "rect",
                [("class", "bar")] + bar.attributes + [
                    ("fill", color.svg), ("fill-opacity", "0.55"), ("stroke", color.svg), ("stroke-width", "0.8"),
                ])
        }
        writer.close("g")
    }
}

/// `stroke-dasharray` for a dash style, scaled with the line width.
func dashAttributes(_ dash: LineDash, width: Double) -> SVGWriter.Attributes {
    let w = max(width, 1)
    switch dash {
    case .solid: return []
    case .dashed: return [("stroke-dasharray", "\(px(4 * w)) \(px(2.5 * w))")]
    case .dotted: return [("stroke-dasharray", "0.01 \(px(2.2 * w))"), ("stroke-linecap", "round")]
    case .dashDot: return [("stroke-dasharray", "\(px(4 * w)) \(px(2 * w)) 0.01 \(px(2 * w))"), ("stroke-linecap", "round")]
    }
}
