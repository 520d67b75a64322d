import APIModels
import Foundation

/// Text renderings of API results for `eos-client` (CSV, JSON, readable tables). Pure functions of their inputs.
public enum OutputFormatting {
    /// Shortest round-trip text of a number (what JSON would print).
    public static func number(_ value: Double) -> String {
        "\(value)"
    }

    /// A fixed-precision cell for tables.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public static func prettyJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)).map { $0 + "\n" } ?? "{}\n"
    }

    /// One-line JSON with sorted keys (no trailing newline).
    public static func compactJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: decode

    /// The EOS table as CSV: `n_b_fm3,energy_density_MeV_fm3,pressure_MeV_fm3,cs2` (one row per table point).
    public static func eosTableCSV(_ result: DecodeResult) -> String {
        var lines = ["n_b_fm3,energy_density_MeV_fm3,pressure_MeV_fm3,cs2"]
        if let eos = result.eos {
            for row in eos.baryonDensity.indices {
                lines.append([eos.baryonDensity[row], eos.energyDensity[row], eos.pressure[row], eos.soundSpeedSquared[row]]
                    .map(number).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A readable summary: the latent point, M_max, R_1.4, Λ_1.4, the diagnostics, then the mass–radius curve.
    public static func decodeTable(_ result: DecodeResult) -> String {
        var out = ""
        let z = (result.input.z ?? []).map { fixed($0, 4) }.joined(separator: ", ")
        out += "latent point   m_max = \(fixed(result.input.maximumMass, 4)) Msun, r_14 = \(fixed(result.input.radius14, 3)) km, z = [\(z)]\n"
        out += "M_max          \(fixed(result.maximumMass, 4)) Msun\n"
        out += "R_1.4          \(fixed(result.radius14, 3)) km\n"
        out += "Lambda_1.4     \(fixed(result.tidalDeformability14, 1))\n"
        if let d = result.diagnostics {
            out += "diagnostics    causal=\(d.causal) (max cs2 \(fixed(d.maxSoundSpeedSquared, 3))), monotone=\(d.monotone), "
                + "inside training region=\(d.insideTrainingRegion), M_max centre above decoded p_max=\(d.maximumMassInExtension)\n"
            out += "               M_max rel. error \(fixed(d.maximumMassRelativeError * 100, 2))%, R_1.4 error \(fixed(d.radius14Error, 3)) km, "
                + "closure eps \(fixed(d.energyDensityClosure * 100, 2))% n \(fixed(d.baryonDensityClosure * 100, 2))%\n"
        }
        if let eos = result.eos {
            out += "EOS table      \(eos.pressure.count) points, p = \(String(format: "%.3g", eos.pressure.first ?? 0)) … "
                + "\(String(format: "%.4g", eos.pressure.last ?? 0)) MeV/fm^3, n_B up to \(fixed(eos.baryonDensity.last ?? 0, 3)) fm^-3\n"
        }
        out += "\nmass-radius curve (\(result.massRadius.mass.count) stars)\n"
        out += pad(["M [Msun]", "R [km]", "Lambda", "p_c [MeV/fm^3]"])
        let curve = result.massRadius
        for row in curve.mass.indices {
            out += pad([fixed(curve.mass[row], 4), fixed(curve.radius[row], 3), String(format: "%.4g", curve.tidalDeformability[row]),
                        String(format: "%.4g", curve.centralPressure[row])])
        }
        return out
    }

    private static func pad(_ cells: [String]) -> String {
        cells.map { $0.count >= 16 ? $0 + " " : $0 + String(repeating: " ", count: 16 - $0.count) }.joined()
            .trimmingCharacters(in: .whitespaces) + "\n"
    }

    // MARK: batch

    /// The CSV header of scalar batch rows for latent dimension `d`.
    public static func batchCSVHeader(latentDimension d: Int) -> String {
        (["index", "ok", "in_m_max", "in_r_14"] + (0..<d).map { "in_z\($0)" }
            + ["m_max", "r_14", "lambda_14", "error_code", "error_message"]).joined(separator: ",")
    }

    /// One scalar batch row: the point (`input` when the item failed), then the decoded scalars or the error.
    public static func batchCSVRow(_ item: BatchDecodeItem, input: LatentPointInput, latentDimension d: Int) -> String {
        let point = item.result?.input ?? input
        let z = point.z ?? []
        var cells = ["\(item.index)", item.ok ? "true" : "false", number(point.maximumMass), number(point.radius14)]
        cells += (0..<d).map { $0 < z.count ? number(z[$0]) : "" }
        if let result = item.result {
            cells += [number(result.maximumMass), number(result.radius14), number(result.tidalDeformability14), "", ""]
        } else {
            cells += ["", "", "", item.error?.code ?? "", csvField(item.error?.message ?? "")]
        }
        return cells.joined(separator: ",")
    }

    /// One batch item as a JSON line. Scalars form: `{"index","ok","input","m_max","r_14","lambda_14"}` or
    /// `{"index","ok","input","error"}`; full form: the item exactly as the server returned it.
    public static func batchJSONLine(_ item: BatchDecodeItem, input: LatentPointInput, full: Bool) -> String {
        if full { return compactJSON(item) }
        return compactJSON(ScalarRow(index: item.index, ok: item.ok, input: item.result?.input ?? input,
                                     maximumMass: item.result?.maximumMass, radius14: item.result?.radius14,
                                     tidalDeformability14: item.result?.tidalDeformability14, error: item.error))
    }

    private struct ScalarRow: Encodable {
        var index: Int
        var ok: Bool
        var input: LatentPointInput
        var maximumMass: Double?
        var radius14: Double?
        var tidalDeformability14: Double?
        var error: APIErrorDetail?

        enum CodingKeys: String, CodingKey {
            case index, ok, input, maximumMass = "m_max", radius14 = "r_14", tidalDeformability14 = "lambda_14", error
        }
    }

    // MARK: encode

    /// The CSV header of encode rows for latent dimension `d`.
    public static func encodeCSVHeader(latentDimension d: Int) -> String {
        (["m_max", "r_14"] + (0..<d).map { "mu_v\($0)" } + (0..<d).map { "sigma_v\($0)" } + ["inside_training_region"])
            .joined(separator: ",")
    }

    /// One encode row.
    public static func encodeCSVRow(_ latent: EncodeResponse) -> String {
        (([latent.maximumMass, latent.radius14] + latent.latentMeans + latent.latentStandardDeviations).map(number)
            + [latent.insideTrainingRegion ? "true" : "false"]).joined(separator: ",")
    }

    /// A readable line: `M_max … R_1.4 … mu_v … sigma_v …`.
    public static func encodeTableRow(_ latent: EncodeResponse) -> String {
        "M_max \(fixed(latent.maximumMass, 4)) Msun   R_1.4 \(fixed(latent.radius14, 3)) km   mu_v ["
            + latent.latentMeans.map { fixed($0, 4) }.joined(separator: ", ") + "]   sigma_v ["
            + latent.latentStandardDeviations.map { fixed($0, 4) }.joined(separator: ", ") + "]"
            + (latent.insideTrainingRegion ? "" : "   (outside the training region)")
    }

    // MARK: models

    /// A readable description of each model: architecture, training, training region and limits.
    public static func modelsTable(_ list: ModelList) -> String {
        var out = ""
        for model in list.models {
            let a = model.architecture, t = model.training, r = model.trainingRegion, l = model.limits
            out += "model \(model.name)\n"
            out += "  architecture    \(a.inputCount) -> enc \(a.encoderHiddenWidths) -> 2+\(a.latentDimension) latents -> dec \(a.decoderHiddenWidths), "
                + "\(a.activation), \(a.parameterCount) parameters\n"
            out += "  training        kappa \(t.kappa), eta \(t.eta), lr \(t.learningRate), batch \(t.batchSize), best epoch \(t.bestEpoch)/"
                + "\(t.completedEpochs) (\(t.stopReason)), seed \(t.seed)\n"
            out += "  m_max           \(fixed(r.maximumMass.min, 4)) ... \(fixed(r.maximumMass.max, 4)) Msun\n"
            out += "  r_14            \(fixed(r.radius14.min, 3)) ... \(fixed(r.radius14.max, 3)) km\n"
            for (i, z) in r.z.enumerated() {
                out += "  z\(i)              mean \(fixed(z.mean, 4)), std \(fixed(z.std, 4)), accepted \(fixed(z.min, 4)) ... \(fixed(z.max, 4))\n"
            }
            if let support = r.support {
                out += "  region          kernel density on (\(support.coordinates.joined(separator: ", "))): \(support.whitenedPoints.count) centres, "
                    + "bandwidth \(fixed(support.bandwidth, 3)) (whitened); inside when region_score >= \(support.threshold)\n"
            }
            out += "  limits          \(l.maxBatchPoints) points/batch, eos_points <= \(l.maxEOSPoints) (default \(l.defaultEOSPoints)), "
                + "mr_points <= \(l.maxMassRadiusPoints) (default \(l.defaultMassRadiusPoints)), body <= \(l.maxBodyBytes) bytes\n"
            for key in model.metrics.keys.sorted() {
                out += "  metric          \(key) = \(String(format: "%.6g", model.metrics[key] ?? 0))\n"
            }
        }
        return out
    }
}
