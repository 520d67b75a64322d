import Foundation
import NeutronStarPhysics
import SVGPlot

/// Summary statistics and plots of a dataset: `eos-trainer dataset-report`.
package struct DatasetReport {
    package let dataset: Dataset

    package init(dataset: Dataset) { self.dataset = dataset }

    /// Minimum, median and maximum of a list.
    static func stats(_ values: [Double]) -> (min: Double, median: Double, max: Double) {
        let sorted = values.sorted()
        return (sorted.first ?? .nan, sorted.isEmpty ? .nan : sorted[sorted.count / 2], sorted.last ?? .nan)
    }

    /// The text summary: counts, acceptance, rejections by filter, and ranges of labels and parameters.
    package func text() -> String {
        let m = dataset.manifest
        var lines = [
            "dataset: \(m.count) models from \(m.attempted) draws (acceptance \(String(format: "%.1f", 100 * Double(m.count) / Double(max(m.attempted, 1))))%), seed \(m.seed), created \(m.created)"
        ]
        lines.append("rejections by filter (in order):")
        for key in m.filter_order {
            let count = m.rejections[key] ?? 0
            lines.append(
                "  " + key.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%8d  (%.1f%% of draws)", count, 100 * Double(count) / Double(max(m.attempted, 1))))
        }
        lines.append("                              min       median          max")
        func row(_ name: String, _ values: [Double]) {
            let s = Self.stats(values)
            lines.append(
                "  " + name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: " %12.5g %12.5g %12.5g", s.min, s.median, s.max))
        }
        row("M_max [Msun]", (0..<dataset.count).map { dataset.y.row($0).first! })
        row("R_1.4 [km]", (0..<dataset.count).map { dataset.y.row($0).last! })
        row("Lambda_1.4", dataset.lambda14.values)
        for (j, name) in DatasetFormat.nuclearMatterColumns.enumerated() {
            row(name, (0..<dataset.count).map { dataset.nmp.row($0)[dataset.nmp.row($0).startIndex + j] })
        }
        return lines.joined(separator: "\n")
    }

    /// (R_1.4, M_max) scatter with SLy4 marked and the training window drawn.
    package func massRadiusSVG(sly4: (mMax: Double, r14: Double)?) throws -> String {
        let masses = (0..<dataset.count).map { dataset.y.row($0).first! }
        let radii = (0..<dataset.count).map { dataset.y.row($0).last! }
        var panel = Panel(
            title: "Training set: \(dataset.count) Skyrme EOSs", xAxis: Axis(label: "R_1.4 [km]"),
            yAxis: Axis(label: "M_max [M☉]"), legend: .bottomRight)
        panel.add(.scatter(ScatterSeries(x: radii, y: masses, label: "models", size: 3, opacity: 0.5)))
        let w = dataset.manifest.window
        let mGrid = stride(from: w.massLower, through: w.massUpper, by: (w.massUpper - w.massLower) / 20).map { $0 }
        panel.add(
            .line(
                LineSeries(
                    x: mGrid.map { w.radiusSlope * $0 + w.radiusIntercept }, y: mGrid,
                    label: "window: R = \(w.radiusSlope) M + \(w.radiusIntercept)", dash: .dashed)))
        if let sly4 { panel.add(.point(HighlightPoint(x: sly4.r14, y: sly4.mMax, label: "SLy4"))) }
        return try Figure(panels: [panel], panelWidth: 560, panelHeight: 420, idPrefix: "mr").render()
    }

    /// Histograms of the seven sampled nuclear-matter parameters.
    package func parameterHistogramsSVG() throws -> String {
        let units = ["n0": "n0 [fm⁻³]", "E0": "E0 [MeV]", "K0": "K0 [MeV]", "ms": "m*s/m", "mv": "m*v/m", "J": "J [MeV]", "L": "L [MeV]"]
        let panels = NuclearMatterParameters.samplingNames.enumerated().map { j, name in
            let values = (0..<dataset.count).map { dataset.nmp.row($0)[dataset.nmp.row($0).startIndex + j] }
            return Panel(
                title: name, xAxis: Axis(label: units[name]), yAxis: Axis(label: "models"),
                series: [.histogram(Histogram(values: values, binCount: 20))])
        }
        return try Figure(
            title: "Accepted nuclear-matter parameters", panels: panels, columns: 4,
            panelWidth: 300, panelHeight: 230, idPrefix: "nmp"
        ).render()
    }
}
