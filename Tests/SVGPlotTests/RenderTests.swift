import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import SVGPlot

/// Parses the SVG (failing the test if it is not well-formed XML) and returns the
/// elements whose `class` attribute contains every given class name.
private func elements(_ svg: String, classes: String...) throws -> [XMLElement] {
    let document = try XMLDocument(xmlString: svg, options: [])
    let condition = classes.map { "contains(concat(' ', normalize-space(@class), ' '), ' \($0) ')" }.joined(separator: " and ")
    return try document.nodes(forXPath: "//*[\(condition)]").compactMap { $0 as? XMLElement }
}

/// An attribute's value (looked up by local name; the SVG namespace is the default one).
private func attribute(_ element: XMLElement?, _ name: String) -> String? {
    element?.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
}

private func render(_ panels: [Panel], columns: Int = 1) throws -> String {
    try Figure(title: "Test", panels: panels, columns: columns).render()
}

@Suite struct RenderTests {
    @Test func outputIsWellFormedSVG() throws {
        let svg = try render([Panel(series: [.line(LineSeries(x: [0, 1, 2], y: [1, 3, 2]))])])
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        let document = try XMLDocument(xmlString: svg, options: [])
        #expect(document.rootElement()?.name == "svg")
        #expect(attribute(document.rootElement(), "version") == "1.1")
    }

    @Test func eachSeriesKindHasOneRootElementWithStableClasses() throws {
        var panel = Panel(xAxis: Axis(label: "R [km]"), yAxis: Axis(label: "M [M☉]"))
        panel.add(.line(LineSeries(x: [10, 11, 12], y: [2, 1.5, 1], label: "A")))
        panel.add(.line(LineSeries(x: [10, 11, 12], y: [2.1, 1.6, 1.1], label: "B", dash: .dashed)))
        panel.add(.scatter(ScatterSeries(x: [10, 11, 12, .nan], y: [1, 2, 1.5, 1], label: "samples")))
        panel.add(.point(HighlightPoint(x: 11.5, y: 1.4, label: "SLy4")))
        panel.add(.reference(ReferenceLine(.horizontal, at: 1.4, label: "1.4 M☉")))
        panel.add(.reference(ReferenceLine(.vertical, at: 11)))
        let svg = try render([panel, Panel(series: [.histogram(Histogram(values: [1, 2, 2, 3, 3, 3], binCount: 3))])], columns: 2)

        #expect(try elements(svg, classes: "series", "line").count == 2)
        #expect(try elements(svg, classes: "series", "line").allSatisfy { $0.name == "path" })
        #expect(attribute(try elements(svg, classes: "series-1", "line").first, "stroke-dasharray") != nil)
        #expect(try elements(svg, classes: "series", "scatter").count == 1)
        #expect(try elements(svg, classes: "series-2", "scatter").first?.children?.count == 3, "the NaN point is skipped")
        #expect(try elements(svg, classes: "point-label").map(\.stringValue) == ["SLy4"])
        #expect(try elements(svg, classes: "series", "refline").count == 2)
        #expect(try elements(svg, classes: "refline-label").map(\.stringValue) == ["1.4 M☉"])
        #expect(try elements(svg, classes: "bar").count == 3)
        #expect(try elements(svg, classes: "panel").count == 2)
        #expect(try elements(svg, classes: "legend-entry").count == 3)
        #expect(svg.contains("id=\"fig-panel-0-series-3\""))
    }

    @Test func nonFiniteValuesBreakLinesAndNeverAppear() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6]
        let y: [Double] = [1, 2, .nan, 3, 4, .infinity, 5]
        let svg = try render([Panel(series: [.line(LineSeries(x: x, y: y))])])
        let path = try #require(attribute(try elements(svg, classes: "series-0", "line").first, "d"))
        #expect(path.filter { $0 == "M" }.count == 3)
        #expect(path.filter { $0 == "L" }.count == 2)
        for bad in ["nan", "NaN", "inf"] { #expect(!svg.contains(bad)) }
    }

    @Test func logAxisSkipsNonPositiveValuesAndLabelsDecades() throws {
        let panel = Panel(
            xAxis: Axis(label: "n [fm⁻³]", scale: .log10, range: 1e-2...1e3),
            yAxis: Axis(scale: .log10),
            series: [.line(LineSeries(x: [0, 0.1, 1, 10, 100], y: [1, 10, -1, 1000, 1e4]))])
        let svg = try render([panel])
        let labels = try elements(svg, classes: "x-axis").first.map {
            try $0.nodes(forXPath: "*[@class='tick-label']").map { $0.stringValue ?? "" }
        }
        #expect(labels == ["10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³"])
        let path = try #require(attribute(try elements(svg, classes: "series-0").first, "d"))
        #expect(path.filter { $0 == "M" }.count == 2, "x = 0 and y = -1 are skipped and break the line")
    }

    @Test func textIsEscaped() throws {
        let nasty = "p [MeV fm⁻³] <b> & \"quoted\" 'single' \u{1}"
        var panel = Panel(title: nasty, xAxis: Axis(label: nasty))
        panel.add(.line(LineSeries(x: [0, 1], y: [0, 1], label: nasty)))
        panel.add(.point(HighlightPoint(x: 0.5, y: 0.5, label: "<SLy4>")))
        let svg = try Figure(title: nasty, panels: [panel], idPrefix: "my fig\"").render()
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("&lt;b&gt; &amp; &quot;quoted&quot; &apos;single&apos;"))
        let clean = "p [MeV fm⁻³] <b> & \"quoted\" 'single' "
        #expect(try elements(svg, classes: "figure-title").first?.stringValue == clean)
        #expect(try elements(svg, classes: "axis-label").first?.stringValue == clean)
        #expect(try elements(svg, classes: "point-label").first?.stringValue == "<SLy4>")
        #expect(svg.contains("id=\"my_fig_-panel-0\""))
    }

    @Test func heatMapHasOneCellPerFiniteValue() throws {
        let map = HeatMap(
            values: [[0.12, 0.10, 0.31], [0.08, .nan, 0.2]],
            columnLabels: ["1e-4", "3e-4", "1e-3"], rowLabels: ["β=0.1", "β=1"],
            cellFormat: .fixed(2), highlight: .minimum, scaleLabel: "val. loss")
        let svg = try render([Panel(title: "sweep", series: [.heatMap(map)])])
        #expect(try elements(svg, classes: "series-0", "heatmap").count == 1)
        #expect(try elements(svg, classes: "cell").count == 5)
        #expect(try elements(svg, classes: "cell-missing").count == 1)
        #expect(try elements(svg, classes: "cell-label").map(\.stringValue) == ["0.12", "0.10", "0.31", "0.08", "0.20"])
        #expect(try elements(svg, classes: "highlight").count == 1)
        #expect(try elements(svg, classes: "colorbar").count == 1)
    }

    /// Figures covering every series kind, both scales and the heat map, byte for byte against the SVGs committed in
    /// `Golden/` (written by an earlier run and reviewed by eye). After an intended change of the output, regenerate
    /// them with `SVGPLOT_UPDATE_GOLDEN=1 swift test --filter SVGPlotTests` and review the diff.
    @Test(arguments: ["all-series", "log-axes", "heat-map"])
    func renderingMatchesTheCommittedGolden(name: String) throws {
        let svg = try goldenFigure(name).render()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).svg")
        if ProcessInfo.processInfo.environment["SVGPLOT_UPDATE_GOLDEN"] == "1" {
            try svg.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(svg == golden, "\(name): the render differs from Golden/\(name).svg (see the test's doc comment)")
    }

    /// The figures of ``renderingMatchesTheCommittedGolden(name:)``.
    private func goldenFigure(_ name: String) -> Figure {
        switch name {
        case "all-series":
            var panel = Panel(title: "M–R", xAxis: Axis(label: "R [km]"), yAxis: Axis(label: "M [M☉]"))
            panel.add(.line(LineSeries(x: [10, 11, 12, 12.5], y: [2, 1.5, 1, 0.4], label: "A")))
            panel.add(.line(LineSeries(x: [10, 11, 12], y: [2.1, 1.6, 1.1], label: "B", dash: .dashed)))
            panel.add(.scatter(ScatterSeries(x: [10.2, 11.1, 12.3], y: [1, 2, 1.5], label: "samples")))
            panel.add(.point(HighlightPoint(x: 11.5, y: 1.4, label: "SLy4")))
            panel.add(.reference(ReferenceLine(.horizontal, at: 1.4, label: "1.4 M☉")))
            panel.add(.reference(ReferenceLine(.vertical, at: 11)))
            let histogram = Panel(xAxis: Axis(label: "Λ"), series: [.histogram(Histogram(values: [1, 2, 2, 3, 3, 3, 4.5], binCount: 4))])
            return Figure(title: "Golden: all series", panels: [panel, histogram], columns: 2)
        case "log-axes":
            let panel = Panel(
                xAxis: Axis(label: "n [fm⁻³]", scale: .log10, range: 1e-2...1e3),
                yAxis: Axis(label: "p [MeV fm⁻³]", scale: .log10),
                series: [.line(LineSeries(x: [0.01, 0.1, 1, 10, 100, 1000], y: [1e-3, 0.02, 1, 40, 900, 2e4]))])
            return Figure(title: "Golden: log axes", panels: [panel])
        default:
            let map = HeatMap(
                values: [[0.12, 0.10, 0.31], [0.08, .nan, 0.2]], columnLabels: ["1e-4", "3e-4", "1e-3"],
                rowLabels: ["β=0.1", "β=1"], cellFormat: .fixed(2), highlight: .minimum, scaleLabel: "val. loss")
            return Figure(title: "Golden: heat map", panels: [Panel(title: "sweep", series: [.heatMap(map)])])
        }
    }

    @Test func invalidInputsThrowTypedErrors() {
        #expect(throws: PlotError.mismatchedLengths(panel: 0, series: 0, x: 2, y: 1)) {
            try render([Panel(series: [.line(LineSeries(x: [0, 1], y: [0]))])])
        }
        #expect(throws: PlotError.invalidRange(panel: 0, axis: "y", lower: 0, upper: 10)) {
            try render([Panel(yAxis: Axis(scale: .log10, range: 0...10))])
        }
        #expect(throws: PlotError.heatMapNotAlone(panel: 1)) {
            let map = HeatMap(values: [[1]], columnLabels: ["a"], rowLabels: ["b"])
            return try render([Panel(), Panel(series: [.heatMap(map), .line(LineSeries(x: [], y: []))])])
        }
        #expect(throws: PlotError.self) {
            try render([Panel(series: [.heatMap(HeatMap(values: [[1, 2], [3]], columnLabels: ["a", "b"], rowLabels: ["c", "d"]))])])
        }
        #expect(throws: PlotError.invalidLayout("the figure has no panels")) { try Figure().render() }
    }

    @Test func automaticRangePadsDataAndAnchorsHistogramsAtZero() throws {
        let svg = try render([Panel(series: [.histogram(Histogram(values: [5, 6, 6, 7], binCount: 2))])])
        let yLabels = try elements(svg, classes: "y-axis").first.map {
            try $0.nodes(forXPath: "*[@class='tick-label']").map { $0.stringValue ?? "" }
        }
        #expect(yLabels?.first.flatMap(Double.init) == 0)
    }

    @Test func tickAndCellLabelsAreFormattedWithoutLocale() throws {
        let panel = Panel(xAxis: Axis(range: 0...2.5), yAxis: Axis(range: 0...1e6), legend: .hidden)
        let svg = try render([Panel(series: [.line(LineSeries(x: [0, 1], y: [0, 1], label: "hidden"))], legend: .hidden), panel])
        let xLabels = try elements(svg, classes: "x-axis")[1].nodes(forXPath: "*[@class='tick-label']").map { $0.stringValue ?? "" }
        #expect(xLabels == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        let yLabels = try elements(svg, classes: "y-axis")[1].nodes(forXPath: "*[@class='tick-label']").map { $0.stringValue ?? "" }
        #expect(yLabels == ["0", "2×10⁵", "4×10⁵", "6×10⁵", "8×10⁵", "10⁶"])
        #expect(try elements(svg, classes: "legend").isEmpty)

        let map = HeatMap(
            values: [[0.052, 1.234e-5, -2500]], columnLabels: ["a", "b", "c"], rowLabels: ["r"], cellFormat: .significant(3))
        let cells = try render([Panel(series: [.heatMap(map)])])
        #expect(try elements(cells, classes: "cell-label").map(\.stringValue) == ["0.0520", "1.23×10⁻⁵", "-2500"])
    }
}
