import EOSDecoding
import Foundation
import NeuralNetwork
import NeutronStarPhysics
import SVGPlot

/// SLy4 decoded from its own (M_max, R_1.4) with z at the training mean, against the true SLy4 (paper Fig. 7).
package struct SLy4Comparison: Sendable {
    /// The true SLy4 stars (TOV rtol 1e-8).
    package let truth: StarSequenceSummary
    /// The decoded EOS and its stars.
    package let decoded: DecodedEOS
    /// Baryon densities of the comparison (core, n_cc to n_max of SLy4) [fm⁻³].
    package let densities: [Double]
    /// SLy4's pressure at those densities [MeV fm⁻³].
    package let truePressures: [Double]
    /// The decoded EOS's pressure at those densities [MeV fm⁻³].
    package let decodedPressures: [Double]

    /// Decodes SLy4 with `model`.
    package init(model: VAEModel) throws {
        let sly4 = try SkyrmeStarAnalysis(parameters: .sly4, curvePoints: 60)
        truth = sly4.summary
        let decoder = try EOSDecoder(model: model, options: DecodingOptions(curvePoints: 60))
        decoded = try decoder.decode(
            DecodingRequest(
                maximumMassMsun: truth.maximumMassStar.massMsun,
                radius14Km: truth.canonicalStar.radiusKm))
        let trueCurve = try Self.pressureOfDensity(sly4.model.eos, from: sly4.vector.transitionPressure, to: sly4.vector.maximumPressure)
        let decodedCurve = try Self.pressureOfDensity(
            decoded.eos, from: decoded.reconstruction.vector.transitionPressure,
            to: decoded.reconstruction.vector.maximumPressure)
        let lower = max(trueCurve.first!.0, decodedCurve.first!.0), upper = min(trueCurve.last!.0, decodedCurve.last!.0)
        densities = (0..<120).map { lower * pow(upper / lower, Double($0) / 119) }
        truePressures = densities.map { Self.interpolate(trueCurve, at: $0) }
        decodedPressures = densities.map { Self.interpolate(decodedCurve, at: $0) }
    }

    /// Largest |P_decoded / P_SLy4 − 1| over the compared core densities.
    package var worstPressureRelativeError: Double {
        zip(decodedPressures, truePressures).map { abs($0 / $1 - 1) }.max() ?? 0
    }

    /// Mean |P_decoded / P_SLy4 − 1| over the compared core densities.
    package var meanPressureRelativeError: Double {
        zip(decodedPressures, truePressures).map { abs($0 / $1 - 1) }.reduce(0, +) / Double(max(densities.count, 1))
    }

    /// (n_B, p) pairs of the core, increasing.
    static func pressureOfDensity(_ eos: NeutronStarEOS, from pcc: Double, to pmax: Double) throws -> [(Double, Double)] {
        try eos.samples(count: 400, lowestPressure: pcc * (1 + 1e-9), highestPressure: pmax).map { ($0.baryonDensity, $0.pressure) }
    }

    /// Linear interpolation of ln p in ln n (clamped to the table).
    static func interpolate(_ curve: [(Double, Double)], at n: Double) -> Double {
        guard let upper = curve.firstIndex(where: { $0.0 >= n }) else { return curve.last!.1 }
        if upper == 0 { return curve[0].1 }
        let (n0, p0) = curve[upper - 1], (n1, p1) = curve[upper]
        let t = log(n / n0) / log(n1 / n0)
        return exp(log(p0) + t * log(p1 / p0))
    }

    /// The figure: P(n_B) of both and their relative difference; M–R curves of both.
    package func svg() throws -> String {
        let pressure = Panel(
            title: "P(n_B) in the core", xAxis: Axis(label: "n_B [fm⁻³]"),
            yAxis: Axis(label: "P [MeV fm⁻³]", scale: .log10),
            series: [
                .line(LineSeries(x: densities, y: truePressures, label: "SLy4 (true)", color: Palette.blue, width: 2.5)),
                .line(LineSeries(x: densities, y: decodedPressures, label: "decoded", color: Palette.vermillion, dash: .dashed)),
            ], legend: .bottomRight)
        let difference = Panel(
            title: "Decoded / true − 1", xAxis: Axis(label: "n_B [fm⁻³]"), yAxis: Axis(label: "ΔP/P [%]"),
            series: [
                .line(
                    LineSeries(x: densities, y: zip(decodedPressures, truePressures).map { 100 * ($0 / $1 - 1) }, color: Palette.vermillion)
                ),
                .reference(ReferenceLine(.horizontal, at: 0, dash: .dotted)),
            ], legend: .hidden)
        let massRadius = Panel(
            title: "Mass–radius", xAxis: Axis(label: "R [km]"), yAxis: Axis(label: "M [M☉]"),
            series: [
                .line(
                    LineSeries(
                        x: truth.massRadiusCurve.map(\.radiusKm), y: truth.massRadiusCurve.map(\.massMsun),
                        label: "SLy4 (true)", color: Palette.blue, width: 2.5)),
                .line(
                    LineSeries(
                        x: decoded.stars.massRadiusCurve.map(\.radiusKm), y: decoded.stars.massRadiusCurve.map(\.massMsun),
                        label: "decoded", color: Palette.vermillion, dash: .dashed)),
            ], legend: .bottomLeft)
        return try Figure(
            title: String(
                format: "SLy4 decoded from M_max = %.4f M☉, R_1.4 = %.3f km, z = training mean",
                truth.maximumMassStar.massMsun, truth.canonicalStar.radiusKm),
            panels: [pressure, difference, massRadius], columns: 3, panelWidth: 420, panelHeight: 340,
            idPrefix: "sly4"
        ).render()
    }

    /// A text summary.
    package func text() -> String {
        String(
            format: """
                SLy4: true M_max %.5f Msun, R_1.4 %.4f km, Lambda_1.4 %.2f
                      decoded M_max %.5f Msun (%+.3f %%), R_1.4 %.4f km (%+.4f km), Lambda_1.4 %.2f (%+.2f %%)
                      P(n_B) over n_B = %.3f...%.3f fm^-3: mean |dP/P| %.2f %%, worst %.2f %%
                """, truth.maximumMassStar.massMsun, truth.canonicalStar.radiusKm, truth.canonicalStar.tidalDeformability,
            decoded.maximumMassMsun, 100 * (decoded.maximumMassMsun / truth.maximumMassStar.massMsun - 1),
            decoded.radius14Km, decoded.radius14Km - truth.canonicalStar.radiusKm, decoded.tidalDeformability14,
            100 * (decoded.tidalDeformability14 / truth.canonicalStar.tidalDeformability - 1),
            densities.first ?? 0, densities.last ?? 0, 100 * meanPressureRelativeError, 100 * worstPressureRelativeError)
    }
}
