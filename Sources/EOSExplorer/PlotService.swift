import APIModels
import EOSDecoding
import Foundation
import SVGPlot

/// Which explorer plot.
enum PlotKind: Sendable {
    /// `GET /v1/plot/eos.svg`: P(n_B), log–log.
    case pressureDensity
    /// `GET /v1/plot/mass-radius.svg`: M(R).
    case massRadius
}

/// Decodes the points of a plot query and draws them with SVGPlot.
struct PlotService: Sendable {
    let decoder: EOSDecoder
    let model: ModelInfo

    /// Colour of the SLy4 reference (dashed).
    static let referenceColor = Color(hex: 0x222222)
    /// The heaviest well-measured pulsar drawn as a reference line: PSR J0740+6620, 2.08 ± 0.07 M☉
    /// (Fonseca et al. 2021).
    static let heavyPulsarMassMsun = 2.08

    /// The SVG document for `query`.
    /// - Throws: ``APIProblem`` for an invalid query (400/422) or a point that cannot be decoded (422).
    func svg(_ kind: PlotKind, query: String?) throws(APIProblem) -> String {
        let parsed = try PlotQuery(query: query, region: model.trainingRegion)
        let requests = parsed.points.map { DecodingRequest(maximumMassMsun: $0.maximumMass, radius14Km: $0.radius14, z: $0.z) }
        var curves: [(label: String, curves: ExplorerCurves)] = []
        for (point, result) in zip(parsed.points, decoder.decode(batch: requests)) {
            let field = point.fieldPrefix.isEmpty ? nil : String(point.fieldPrefix.dropLast())
            do {
                let decoded = try result.get()
                curves.append((Self.label(point), try ExplorerCurves(eos: decoded.eos, stars: decoded.stars)))
            } catch let error as EOSDecodingError {
                // The plots decode without exact conditioning, so this is always `decode_failed` naming the stage.
                var problem = error.apiProblem
                problem.detail.field = field
                throw problem
            } catch {
                throw APIProblem(status: 422, code: "decode_failed", message: "the EOS could not be sampled: \(error)", field: field)
            }
        }
        let figure = Self.figure(kind, curves: curves, reference: SLy4Reference.curves)
        do {
            return try figure.render()
        } catch {
            throw APIProblem(status: 500, code: "internal_error", message: "internal server error")
        }
    }

    /// The legend text of a point: the requested M_max and R_1.4, and z when given.
    static func label(_ point: PlotQuery.Point) -> String {
        var text = "M_max \(point.maximumMass) M☉, R_1.4 \(point.radius14) km"
        if let z = point.z { text += ", z (" + z.map { "\($0)" }.joined(separator: ", ") + ")" }
        return text
    }

    /// One panel: the decoded curves (series 0…n−1, solid), then SLy4 (series n, dashed), then reference lines.
    static func figure(_ kind: PlotKind, curves: [(label: String, curves: ExplorerCurves)], reference: ExplorerCurves?) -> Figure {
        var panel: Panel
        switch kind {
        case .pressureDensity:
            panel = Panel(
                title: "Equation of state",
                xAxis: Axis(label: "n_B [fm⁻³]", scale: .log10), yAxis: Axis(label: "P [MeV fm⁻³]", scale: .log10),
                legend: .bottomRight)
            for (index, item) in curves.enumerated() {
                panel.add(
                    .line(
                        LineSeries(
                            x: item.curves.baryonDensity, y: item.curves.pressure, label: item.label,
                            color: Palette.color(at: index), width: 2.25)))
            }
            if let reference {
                panel.add(
                    .line(
                        LineSeries(
                            x: reference.baryonDensity, y: reference.pressure, label: "SLy4",
                            color: referenceColor, width: 1.5, dash: .dashed)))
            }
        case .massRadius:
            let all = curves.map(\.curves) + (reference.map { [$0] } ?? [])
            panel = Panel(
                title: "Mass–radius relation",
                xAxis: Axis(label: "R [km]", range: radiusRange(all)),
                yAxis: Axis(label: "M [M☉]", range: 0...massCeiling(all)), legend: .bottomLeft)
            for (index, item) in curves.enumerated() {
                panel.add(
                    .line(
                        LineSeries(
                            x: item.curves.radiusKm, y: item.curves.massMsun, label: item.label,
                            color: Palette.color(at: index), width: 2.25)))
            }
            if let reference {
                panel.add(
                    .line(
                        LineSeries(
                            x: reference.radiusKm, y: reference.massMsun, label: "SLy4",
                            color: referenceColor, width: 1.5, dash: .dashed)))
            }
            panel.add(.reference(ReferenceLine(.horizontal, at: 1.4, label: "1.4 M☉", dash: .dotted, width: 1)))
            panel.add(
                .reference(
                    ReferenceLine(
                        .horizontal, at: heavyPulsarMassMsun, label: "PSR J0740+6620",
                        color: Color(hex: 0x7F7F7F), dash: .dashDot, width: 1)))
        }
        return Figure(
            panels: [panel], panelWidth: 560, panelHeight: 420,
            idPrefix: kind == .pressureDensity ? "eos" : "mr")
    }

    /// Radii of stars above 0.5 M☉ (lighter stars have large radii and would squeeze the plot), widened to whole km.
    static func radiusRange(_ curves: [ExplorerCurves]) -> ClosedRange<Double> {
        let radii = curves.flatMap { zip($0.radiusKm, $0.massMsun).filter { $0.1 >= 0.5 && $0.0.isFinite }.map(\.0) }
        guard let low = radii.min(), let high = radii.max() else { return 8...16 }
        return (low - 0.5).rounded(.down)...(high + 0.5).rounded(.up)
    }

    /// The mass axis' top: above the heaviest star and the pulsar line, to the next 0.25 M☉.
    static func massCeiling(_ curves: [ExplorerCurves]) -> Double {
        let heaviest = max(curves.map(\.maximumMassMsun).max() ?? 2.5, heavyPulsarMassMsun)
        return ((heaviest + 0.15) * 4).rounded(.up) / 4
    }
}
