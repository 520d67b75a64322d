import EOSDecoding
import Foundation
import NeuralNetwork
import NeutronStarPhysics
import SVGPlot

/// Plots of the latent space and of decoded EOSs as one latent varies (paper Figs. 2, 4–6).
package enum LatentFigures {
    /// Encoder means of `vectors` (e.g. the test split): μ_s against the labels, and each μ_v against M_max and R_1.4.
    package static func latentSpaceSVG(model: VAEModel, vectors: [[Double]], labels: [[Double]]) throws -> String {
        let encodings = try model.encode(batch: vectors)
        let mass = labels.map { $0[0] }, radius = labels.map { $0[1] }
        var panels = [
            Panel(
                title: "Supervised latent μ_M vs true M_max", xAxis: Axis(label: "true M_max [M☉]"), yAxis: Axis(label: "μ_M [M☉]"),
                series: [
                    .scatter(ScatterSeries(x: mass, y: encodings.map { $0.supervised[0] }, color: Palette.blue, size: 2.5, opacity: 0.4))
                ],
                legend: .hidden),
            Panel(
                title: "Supervised latent μ_R vs true R_1.4", xAxis: Axis(label: "true R_1.4 [km]"), yAxis: Axis(label: "μ_R [km]"),
                series: [
                    .scatter(ScatterSeries(x: radius, y: encodings.map { $0.supervised[1] }, color: Palette.blue, size: 2.5, opacity: 0.4))
                ],
                legend: .hidden),
        ]
        for j in 0..<model.architecture.latentCount {
            let z = encodings.map { $0.latentMeans[j] }
            panels.append(
                Panel(
                    title: "z\(j + 1) vs M_max", xAxis: Axis(label: "M_max [M☉]"), yAxis: Axis(label: "μ_v\(j + 1)"),
                    series: [.scatter(ScatterSeries(x: mass, y: z, color: Palette.bluishGreen, size: 2.5, opacity: 0.4))],
                    legend: .hidden))
            panels.append(
                Panel(
                    title: "z\(j + 1) vs R_1.4", xAxis: Axis(label: "R_1.4 [km]"), yAxis: Axis(label: "μ_v\(j + 1)"),
                    series: [.scatter(ScatterSeries(x: radius, y: z, color: Palette.reddishPurple, size: 2.5, opacity: 0.4))],
                    legend: .hidden))
        }
        return try Figure(
            title: "Latent space of \(vectors.count) held-out EOSs (encoder means)", panels: panels, columns: 2,
            panelWidth: 400, panelHeight: 300, idPrefix: "latent"
        ).render()
    }

    /// Which latent to vary.
    package enum Variation: Sendable {
        case maximumMass
        case radius14
        case latent(Int)
    }

    /// Decoded EOSs (P(ε)) and mass–radius curves as one latent takes five values across the training region,
    /// the others held at (M_max, R_1.4) = (2.1 M☉, 12 km) inside the region and z at the training mean.
    /// Points that fail to decode are left out and named in the figure title.
    package static func variationSVG(model: VAEModel, variation: Variation, center: DecodingRequest) throws -> String {
        let decoder = try EOSDecoder(model: model, options: DecodingOptions(curvePoints: 40))
        let region = decoder.trainingRegion
        let mean = model.latentStatistics.latentMeans
        var requests: [DecodingRequest] = []
        var labels: [String] = []
        let title: String
        for step in 0..<5 {
            var request = DecodingRequest(maximumMassMsun: center.maximumMassMsun, radius14Km: center.radius14Km, z: center.z ?? mean)
            let fraction = Double(step) / 4
            switch variation {
            case .maximumMass:
                let range = region.maximumMassRangeMsun
                request.maximumMassMsun = range.lowerBound + (0.1 + 0.8 * fraction) * (range.upperBound - range.lowerBound)
                labels.append(String(format: "M_max %.2f", request.maximumMassMsun))
            case .radius14:
                let range = region.radius14RangeKm
                let low = max(range.lowerBound, 3 * center.maximumMassMsun + 4.2)
                request.radius14Km = low + (0.05 + 0.85 * fraction) * (range.upperBound - low)
                labels.append(String(format: "R_1.4 %.2f", request.radius14Km))
            case let .latent(j):
                var z = request.z ?? mean
                let score = -2 + 4 * fraction
                z[j] = region.latentMeans[j] + score * region.latentStandardDeviations[j]
                request.z = z
                labels.append(String(format: "z%d %+.0fσ", j + 1, score))
            }
            requests.append(request)
        }
        switch variation {
        case .maximumMass: title = String(format: "Varying M_max (R_1.4 = %.2f km, z = mean)", center.radius14Km)
        case .radius14: title = String(format: "Varying R_1.4 (M_max = %.2f M☉, z = mean)", center.maximumMassMsun)
        case let .latent(j):
            title = String(
                format: "Varying z%d (M_max = %.2f M☉, R_1.4 = %.2f km, other z at the mean)", j + 1,
                center.maximumMassMsun, center.radius14Km)
        }
        var eosSeries: [Series] = [], curveSeries: [Series] = []
        var failed: [String] = []
        for (index, result) in decoder.decode(batch: requests).enumerated() {
            guard case let .success(decoded) = result else { failed.append(labels[index]); continue }
            let color = Palette.color(at: index)
            let points = try decoded.eos.samples(
                count: 200, lowestPressure: 0.05,
                highestPressure: decoded.reconstruction.vector.maximumPressure)
            eosSeries.append(
                .line(LineSeries(x: points.map(\.energyDensity), y: points.map(\.pressure), label: labels[index], color: color)))
            let curve = decoded.stars.massRadiusCurve
            curveSeries.append(.line(LineSeries(x: curve.map(\.radiusKm), y: curve.map(\.massMsun), label: labels[index], color: color)))
        }
        let eosPanel = Panel(
            title: "EOS up to p_max", xAxis: Axis(label: "ε [MeV fm⁻³]", scale: .log10),
            yAxis: Axis(label: "P [MeV fm⁻³]", scale: .log10), series: eosSeries, legend: .bottomRight)
        let curvePanel = Panel(
            title: "Mass–radius", xAxis: Axis(label: "R [km]"), yAxis: Axis(label: "M [M☉]"),
            series: curveSeries, legend: .bottomLeft)
        return try Figure(
            title: title + (failed.isEmpty ? "" : "; failed: " + failed.joined(separator: ", ")),
            panels: [eosPanel, curvePanel], columns: 2, panelWidth: 440, panelHeight: 340,
            idPrefix: "vary"
        ).render()
    }
}
