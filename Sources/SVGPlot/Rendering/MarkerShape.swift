/// Writes one marker element (`class="marker"`) centred on a pixel position.
struct MarkerShape {
    let marker: Marker
    /// Diameter in px.
    let size: Double

    func write(at cx: Double, _ cy: Double, fill: Color, opacity: Double, stroke: String, strokeWidth: Double, into writer: inout SVGWriter)
    {
        let r = size / 2
        let paint: SVGWriter.Attributes = [
            ("fill", fill.svg), ("fill-opacity", px(min(max(opacity, 0), 1))),
            ("stroke", stroke), ("stroke-width", px(strokeWidth)),
        ]
        switch marker {
        case .circle:
            writer.empty("circle", [("class", "marker"), ("cx", px(cx)), ("cy", px(cy)), ("r", px(r))] + paint)
        case .square:
            let side = size * 0.9
            writer.empty(
                "rect", [("class", "marker")] + Rect(x: cx - side / 2, y: cy - side / 2, width: side, height: side).attributes + paint)
        case .triangle:
            let t = r * 1.2
            writer.empty(
                "path",
                [("class", "marker"), ("d", polygon([(cx, cy - t), (cx + t * 0.866, cy + t * 0.5), (cx - t * 0.866, cy + t * 0.5)]))]
                    + paint)
        case .diamond:
            let d = r * 1.2
            writer.empty(
                "path",
                [("class", "marker"), ("d", polygon([(cx, cy - d), (cx + d * 0.8, cy), (cx, cy + d), (cx - d * 0.8, cy)]))] + paint)
        case .cross:
            let c = r * 0.8
            let d = "M\(px(cx - c)) \(px(cy - c))L\(px(cx + c)) \(px(cy + c))M\(px(cx - c)) \(px(cy + c))L\(px(cx + c)) \(px(cy - c))"
            writer.empty(
                "path",
                [
                    ("class", "marker"), ("d", d), ("fill", "none"), ("stroke", fill.svg), ("stroke-width", px(max(1.5, strokeWidth))),
                    ("stroke-linecap", "round"),
                ])
        }
    }

    private func polygon(_ points: [(Double, Double)]) -> String {
        points.enumerated().map { ($0.offset == 0 ? "M" : "L") + px($0.element.0) + " " + px($0.element.1) }.joined() + "Z"
    }
}
