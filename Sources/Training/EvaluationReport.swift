import Foundation

/// Mean absolute percentage errors of the two star properties.
package struct StarPropertyErrors: Sendable, Equatable, Codable {
    /// MAPE of M_max [%].
    package var maximumMassPercent: Double
    /// MAPE of R_1.4 [%].
    package var radius14Percent: Double
    /// Rows the means are taken over.
    package var count: Int

    /// The MAPEs of predicted against reference pairs (M_max, R_1.4); empty input gives 0 with count 0.
    init(pairs: [(predicted: [Double], reference: [Double])]) {
        count = pairs.count
        let n = Double(max(pairs.count, 1))
        maximumMassPercent = 100 * pairs.reduce(0) { $0 + abs($1.predicted[0] / $1.reference[0] - 1) } / n
        radius14Percent = 100 * pairs.reduce(0) { $0 + abs($1.predicted[1] / $1.reference[1] - 1) } / n
    }

    /// The mean of the two MAPEs [%], the balanced score used to rank models.
    package var balancedPercent: Double { (maximumMassPercent + radius14Percent) / 2 }
}

/// The held-out metrics of a model (issue 4, (a)–(f)), each decoded EOS solved with the TOV code.
package struct VAEEvaluationReport: Sendable, Equatable, Codable {
    /// Split evaluated (`test`, `validation`, `train`).
    package var split: String
    /// Rows evaluated.
    package var rowCount: Int
    /// (a) Decode from the encoder's means (μ_s, μ_v); solved M_max, R_1.4 against the encoder's μ_s (the paper's metric).
    package var decoder: StarPropertyErrors
    /// (b) The same decoded EOSs against the true labels.
    package var decoderAgainstLabels: StarPropertyErrors
    /// (c) Decode from the true (M_max, R_1.4) with z = μ_v; solved values against the truth.
    package var conditioning: StarPropertyErrors
    /// (d) Encoder μ_s against the true labels.
    package var encoder: StarPropertyErrors
    /// (e) Rows whose decoded EOS (encoder-means path) could not be rebuilt or solved.
    package var tovFailures: Int
    /// (e) Rows whose conditioned EOS (true-label path) could not be rebuilt or solved.
    package var conditioningFailures: Int
    /// Failures by stage (`invalid_vector`, `reconstruction`, `stars`…), both paths together.
    package var failuresByStage: [String: Int]
    /// (f) Fraction of decoded EOSs (both paths) that are causal (c_s² < 1 up to p_max).
    package var causalFraction: Double
    /// Fraction of decoded EOSs (both paths) with ε(p) and n(p) increasing, through the core (p ≥ p_cc).
    package var monotoneFraction: Double
    /// Largest |ε_max closure| and |n_max closure| of the decoded EOSs (integrated / decoded − 1).
    package var worstEnergyDensityClosure: Double
    package var worstBaryonDensityClosure: Double
    /// Each row's largest |z score| of μ_v (against the model's training statistics), summarised: how wide a z box
    /// must be to hold the split's real EOSs.
    package var largestZScore: ZScoreSummary
    /// Deterministic loss parts (z = μ_v) on the split.
    package var reconstructionLoss: Double
    package var supervisedLoss: Double
    /// Wall-clock seconds of the evaluation.
    package var seconds: Double

    /// The metrics for model.json, keys prefixed with `split.` (e.g. `test.decoder_mape_m_max`, in percent).
    package func metrics() -> [String: Double] {
        let values: [String: Double] = [
            "decoder_mape_m_max": decoder.maximumMassPercent, "decoder_mape_r_14": decoder.radius14Percent,
            "label_mape_m_max": decoderAgainstLabels.maximumMassPercent, "label_mape_r_14": decoderAgainstLabels.radius14Percent,
            "conditioning_mape_m_max": conditioning.maximumMassPercent, "conditioning_mape_r_14": conditioning.radius14Percent,
            "encoder_mape_m_max": encoder.maximumMassPercent, "encoder_mape_r_14": encoder.radius14Percent,
            "tov_failures": Double(tovFailures), "conditioning_tov_failures": Double(conditioningFailures),
            "causal_fraction": causalFraction, "monotone_fraction": monotoneFraction,
            "reconstruction_mse": reconstructionLoss, "supervised_mse": supervisedLoss,
            "rows": Double(rowCount),
            "largest_z_score_p99": largestZScore.p99, "largest_z_score_max": largestZScore.maximum,
            "z_within_3_sigma": largestZScore.fractionWithin3, "z_within_4_sigma": largestZScore.fractionWithin4,
            "z_within_5_sigma": largestZScore.fractionWithin5,
        ]
        return Dictionary(uniqueKeysWithValues: values.map { ("\(split).\($0.key)", $0.value) })
    }

    /// A human-readable summary, one metric per line.
    package func text() -> String {
        func pair(_ e: StarPropertyErrors) -> String {
            String(format: "M_max %.4f %%  R_1.4 %.4f %%  (n = %d)", e.maximumMassPercent, e.radius14Percent, e.count)
        }
        return """
            split \(split), \(rowCount) rows, \(String(format: "%.1f", seconds)) s
            (a) decoder MAPE (decoded vs encoder μ_s):     \(pair(decoder))
            (b) decoded vs true labels:                    \(pair(decoderAgainstLabels))
            (c) conditioning MAPE (true labels, z = μ_v):  \(pair(conditioning))
            (d) encoder MAPE (μ_s vs true labels):         \(pair(encoder))
            (e) TOV failures: \(tovFailures) (encoder-means path), \(conditioningFailures) (conditioning path)\(failuresByStage.isEmpty ? "" : " by stage \(failuresByStage.sorted { $0.key < $1.key })")
            (f) causal fraction: \(causalFraction)   monotone ε(p), n(p) in the core: \(monotoneFraction)
            worst closure: ε_max \(String(format: "%.2e", worstEnergyDensityClosure)), n_max \(String(format: "%.2e", worstBaryonDensityClosure))
            largest |z score| of μ_v per row: median \(String(format: "%.2f", largestZScore.median)), p99 \(String(format: "%.2f", largestZScore.p99)), max \(String(format: "%.2f", largestZScore.maximum)); rows within ±3/4/5 σ: \(String(format: "%.4f / %.4f / %.4f", largestZScore.fractionWithin3, largestZScore.fractionWithin4, largestZScore.fractionWithin5))
            deterministic loss: reconstruction MSE \(String(format: "%.4g", reconstructionLoss)), supervised MSE \(String(format: "%.4g", supervisedLoss))
            """
    }
}

/// The distribution of the rows' largest |z score| (one value per row, the largest over the z dimensions).
package struct ZScoreSummary: Sendable, Equatable, Codable {
    package var median: Double
    package var p99: Double
    package var maximum: Double
    /// Fractions of rows whose every |z score| is at most 3, 4 and 5.
    package var fractionWithin3: Double
    package var fractionWithin4: Double
    package var fractionWithin5: Double

    /// The summary of `largest` (one value per row; all zero when empty).
    package init(largest: [Double]) {
        let sorted = largest.sorted()
        func quantile(_ q: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.down)))]
        }
        func within(_ k: Double) -> Double {
            sorted.isEmpty ? 0 : Double(sorted.filter { $0 <= k }.count) / Double(sorted.count)
        }
        median = quantile(0.5)
        p99 = quantile(0.99)
        maximum = sorted.last ?? 0
        fractionWithin3 = within(3)
        fractionWithin4 = within(4)
        fractionWithin5 = within(5)
    }
}
