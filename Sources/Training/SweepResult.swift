import Foundation
import SVGPlot

/// The outcome of one sweep member, as a CSV row.
package struct SweepResult: Sendable, Equatable {
    /// The grid point.
    package var point: SweepPoint
    /// Validation decoder MAPE (a) of M_max [%].
    package var decoderMaximumMassPercent: Double
    /// Validation decoder MAPE (a) of R_1.4 [%].
    package var decoderRadius14Percent: Double
    /// Validation conditioning MAPE (c) of M_max [%].
    package var conditioningMaximumMassPercent: Double
    /// Validation conditioning MAPE (c) of R_1.4 [%].
    package var conditioningRadius14Percent: Double
    /// Ranked validation rows whose decoded EOS could not be rebuilt or solved.
    package var tovFailures: Int
    /// Fraction of the decoded EOSs that are causal.
    package var causalFraction: Double
    /// Best (total) validation loss.
    package var validationLoss: Double
    /// Epoch of the kept weights.
    package var bestEpoch: Int
    /// Epochs run.
    package var completedEpochs: Int
    /// Wall-clock seconds of training.
    package var trainingSeconds: Double

    /// A result with every field given.
    package init(
        point: SweepPoint, decoderMaximumMassPercent: Double, decoderRadius14Percent: Double,
        conditioningMaximumMassPercent: Double, conditioningRadius14Percent: Double, tovFailures: Int,
        causalFraction: Double, validationLoss: Double, bestEpoch: Int, completedEpochs: Int, trainingSeconds: Double
    ) {
        self.point = point
        self.decoderMaximumMassPercent = decoderMaximumMassPercent
        self.decoderRadius14Percent = decoderRadius14Percent
        self.conditioningMaximumMassPercent = conditioningMaximumMassPercent
        self.conditioningRadius14Percent = conditioningRadius14Percent
        self.tovFailures = tovFailures
        self.causalFraction = causalFraction
        self.validationLoss = validationLoss
        self.bestEpoch = bestEpoch
        self.completedEpochs = completedEpochs
        self.trainingSeconds = trainingSeconds
    }

    /// The ranking score: the mean of the two decoder MAPEs [%] (failures make a run unrankable: +∞).
    package var score: Double {
        tovFailures > 0 ? .infinity : (decoderMaximumMassPercent + decoderRadius14Percent) / 2
    }

    static let csvHeader =
        "eta,kappa,d,decoder_mape_m_max,decoder_mape_r_14,balanced_decoder_mape,conditioning_mape_m_max,conditioning_mape_r_14,tov_failures,causal_fraction,validation_loss,best_epoch,epochs,training_seconds"

    var csvRow: String {
        [
            String(point.eta), String(point.kappa), String(point.latentDimension),
            String(format: "%.5f", decoderMaximumMassPercent), String(format: "%.5f", decoderRadius14Percent),
            String(format: "%.5f", (decoderMaximumMassPercent + decoderRadius14Percent) / 2),
            String(format: "%.5f", conditioningMaximumMassPercent), String(format: "%.5f", conditioningRadius14Percent),
            String(tovFailures), String(format: "%.6f", causalFraction), String(format: "%.6g", validationLoss),
            String(bestEpoch), String(completedEpochs), String(format: "%.1f", trainingSeconds),
        ].joined(separator: ",")
    }
}

/// The sweep's table and heat map.
package enum SweepTable {
    /// CSV text of the results (header + one row per finished run, in plan order).
    package static func csv(_ results: [SweepResult]) -> String {
        ([SweepResult.csvHeader] + results.map(\.csvRow)).joined(separator: "\n") + "\n"
    }

    /// The best run: lowest balanced validation decoder MAPE without failures.
    package static func best(_ results: [SweepResult]) -> SweepResult? {
        results.filter { $0.score.isFinite }.min { $0.score < $1.score }
    }

    /// Heat maps of the balanced validation decoder MAPE [%] (rows κ, columns η), one panel per d, like the paper's Fig. 3.
    /// Missing runs are left blank.
    package static func heatMap(_ results: [SweepResult], plan: SweepPlan) throws -> String {
        var figure = Figure(
            title: "Validation decoder MAPE, mean of M_max and R_1.4 [%]",
            columns: min(Set(plan.latentDimensions).count, 2), panelWidth: 420, panelHeight: 340, idPrefix: "sweep")
        for d in plan.latentDimensions.sorted() {
            let values = plan.kappas.reversed().map { kappa in
                plan.etas.map { eta in
                    results.first { $0.point == SweepPoint(eta: eta, kappa: kappa, latentDimension: d) }.map(\.score) ?? .nan
                }
            }
            let map = HeatMap(
                values: values, columnLabels: plan.etas.map { String(format: "%.0e", $0) },
                rowLabels: plan.kappas.reversed().map { SweepPoint.compact($0) },
                colorMap: ColorMap.viridis.reversed, cellFormat: .significant(3), highlight: .minimum,
                scaleLabel: "MAPE %")
            figure.add(
                Panel(
                    title: "d = \(d)", xAxis: Axis(label: "η", grid: false), yAxis: Axis(label: "κ", grid: false),
                    series: [.heatMap(map)], legend: .hidden))
        }
        return try figure.render()
    }
}
