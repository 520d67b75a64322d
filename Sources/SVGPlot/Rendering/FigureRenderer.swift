/// Validates a figure, lays out its panel grid and writes the SVG document.
struct FigureRenderer {
    let figure: Figure
    private static let titleHeight = 34.0

    func render() throws(PlotError) -> String {
        try validateLayout()
        let rows = (figure.panels.count + figure.columns - 1) / figure.columns
        let top = figure.title == nil ? 0 : Self.titleHeight
        let width = Double(min(figure.columns, figure.panels.count)) * figure.panelWidth
        let height = top + Double(rows) * figure.panelHeight
        let prefix = sanitizedPrefix

        var writer = SVGWriter()
        writer.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        writer.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("class", "svgplot"),
                ("width", px(width)), ("height", px(height)), ("viewBox", "0 0 \(px(width)) \(px(height))"),
                ("font-family", Style.fontFamily),
            ])
        writer.empty(
            "rect", [("class", "background"), ("x", "0"), ("y", "0"), ("width", px(width)), ("height", px(height)), ("fill", "#ffffff")])
        if let title = figure.title {
            writer.text(
                "text",
                [
                    ("class", "figure-title"), ("x", px(width / 2)), ("y", px(Self.titleHeight * 0.7)),
                    ("text-anchor", "middle"), ("font-size", px(Style.figureTitleFont)), ("font-weight", "bold"), ("fill", Style.ink),
                ], title)
        }
        for (index, panel) in figure.panels.enumerated() {
            let cell = Rect(
                x: Double(index % figure.columns) * figure.panelWidth,
                y: top + Double(index / figure.columns) * figure.panelHeight,
                width: figure.panelWidth, height: figure.panelHeight)
            let id = "\(prefix)-panel-\(index)"
            if panel.series.contains(where: { if case .heatMap = $0 { true } else { false } }) {
                try HeatMapPanelRenderer(panel: panel, index: index, cell: cell, id: id).render(into: &writer)
            } else {
                try XYPanelRenderer(panel: panel, index: index, cell: cell, id: id).render(into: &writer)
            }
        }
        writer.close("svg")
        return writer.output
    }

    private func validateLayout() throws(PlotError) {
        guard !figure.panels.isEmpty else { throw .invalidLayout("the figure has no panels") }
        guard figure.columns >= 1 else { throw .invalidLayout("columns must be at least 1, got \(figure.columns)") }
        guard figure.panelWidth >= 160, figure.panelHeight >= 120, figure.panelWidth <= 10_000, figure.panelHeight <= 10_000 else {
            throw .invalidLayout("panel size must be within 160…10000 × 120…10000 px, got \(figure.panelWidth) × \(figure.panelHeight)")
        }
    }

    private var sanitizedPrefix: String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        let cleaned = String(figure.idPrefix.map { allowed.contains($0) ? $0 : "_" })
        // An XML id must not start with a digit or '-'.
        guard let first = cleaned.first, first.isLetter || first == "_" else { return "fig" + cleaned }
        return cleaned
    }
}
