/// A figure: an optional title above a grid of panels, rendered to one SVG 1.1 document.
///
/// Output conventions (stable, for tests and for styling by CSS):
/// - root `<svg class="svgplot">`; figure title `<text class="figure-title">`.
/// - each panel is `<g class="panel" id="P-panel-K">` (`P` = `idPrefix`, `K` = panel index),
///   holding `<g class="axis x-axis">`/`<g class="axis y-axis">` (major ticks `line.tick.major`,
///   minor ticks `line.tick.minor`, labels `text.tick-label`, `text.axis-label`, grid `line.grid`),
///   `<text class="panel-title">` and `<g class="legend">` with one `<g class="legend-entry">` per entry.
/// - series number `N` (its index in `Panel.series`) has `id="P-panel-K-series-N"` and
///   `class="series series-N KIND"` on its root element, where KIND is `Series.kind`:
///   - line: the root is a single `<path>` (non-finite points start a new subpath);
///   - scatter: a `<g>` with one `.marker` element per drawn point;
///   - point: a `<g>` with one `.marker` and one `text.point-label`;
///   - refline: a `<g>` with one `<line>` and an optional `text.refline-label`;
///   - histogram: a `<g>` with one `rect.bar` per non-empty bin;
///   - heatmap: a `<g>` with one `rect.cell` per finite cell and one `text.cell-label` per
///     printed number, plus a `<g class="colorbar">` in the panel.
/// Numbers are written with at most two decimals, independent of locale; NaN never appears.
public struct Figure: Sendable, Hashable {
    public var title: String?
    public var panels: [Panel]
    /// Panels fill rows left to right, `columns` per row (default 1).
    public var columns: Int
    /// Size of each panel's cell in px (defaults 480 × 360).
    public var panelWidth: Double
    public var panelHeight: Double
    /// Prefix of every `id` (default "fig"), so several figures can share an HTML page.
    /// Characters other than ASCII letters, digits, `-` and `_` are replaced by `_`.
    public var idPrefix: String

    public init(
        title: String? = nil, panels: [Panel] = [], columns: Int = 1, panelWidth: Double = 480, panelHeight: Double = 360,
        idPrefix: String = "fig"
    ) {
        self.title = title
        self.panels = panels
        self.columns = columns
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
        self.idPrefix = idPrefix
    }

    /// Appends a panel.
    public mutating func add(_ panel: Panel) {
        panels.append(panel)
    }

    /// The complete SVG document (with XML declaration). Deterministic: equal figures
    /// give byte-identical output.
    public func render() throws(PlotError) -> String {
        try FigureRenderer(figure: self).render()
    }
}
