import APIModels
import Foundation

/// Text renderings of API results for `eos-client` (CSV, JSON, readable tables). Pure functions of their inputs.
package enum OutputFormatting {
    /// Shortest round-trip text of a number (what JSON would print).
    package static func number(_ value: Double) -> String {
        "\(value)"
    }

    /// A fixed-precision cell for tables.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    package static func prettyJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)).map { $0 + "\n" } ?? "{}\n"
    }

    /// One-line JSON with sorted keys (no trailing newline).
    package static func compactJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    package static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: decode

    /// The EOS table as CSV: `n_b_fm3,energy_density_MeV_fm3,pressure_MeV_fm3,cs2` (one row per table point).
    package static func eosTableCSV(_ result: DecodeResult) -> String {
        let eos = result.eos
        return columnText(
            header: "n_b_fm3,energy_density_MeV_fm3,pressure_MeV_fm3,cs2",
            [eos?.baryonDensity, eos?.energyDensity, eos?.pressure, eos?.soundSpeedSquared].map { $0 ?? [] },
            separator: ",")
    }

    /// `header`, then one line per row of the equal-length `columns`, their numbers joined by `separator`.
    static func columnText(header: String, _ columns: [[Double]], separator: String) -> String {
        let rows = columns.first?.indices ?? 0..<0
        return ([header] + rows.map { row in columns.map { number($0[row]) }.joined(separator: separator) })
            .joined(separator: "\n") + "\n"
    }

    /// A readable summary: the latent point, M_max, R_1.4, Λ_1.4, the diagnostics, then the mass–radius curve.
    package static func decodeTable(_ result: DecodeResult) -> String {
        var out = ""
        let z = (result.input.z ?? []).map { fixed($0, 4) }.joined(separator: ", ")
        out +=
            "latent point   m_max = \(fixed(result.input.maximumMass, 4)) Msun, r_14 = \(fixed(result.input.radius14, 3)) km, z = [\(z)]\n"
        out += "M_max          \(fixed(result.maximumMass, 4)) Msun\n"
        out += "R_1.4          \(fixed(result.radius14, 3)) km\n"
        out += "Lambda_1.4     \(fixed(result.tidalDeformability14, 1))\n"
        let d = result.diagnostics
        out +=
            "diagnostics    causal=\(d.causal) (max cs2 \(fixed(d.maxSoundSpeedSquared, 3))), monotone=\(d.monotone), "
            + "inside training region=\(d.insideTrainingRegion), M_max centre above decoded p_max=\(d.maximumMassInExtension)\n"
        out +=
            "               M_max rel. error \(fixed(d.maximumMassRelativeError * 100, 2))%, R_1.4 error \(fixed(d.radius14Error, 3)) km, "
            + "closure eps \(fixed(d.energyDensityClosure * 100, 2))% n \(fixed(d.baryonDensityClosure * 100, 2))%\n"
        if let c = result.conditioning {
            out +=
                "conditioning   exact in \(c.evaluations) decodes: decoder inputs m_max \(fixed(c.adjustedMaximumMass, 5)) Msun, "
                + "r_14 \(fixed(c.adjustedRadius14, 4)) km; residuals \(String(format: "%.1e", c.maximumMassResidual)), "
                + "\(String(format: "%.1e", c.radius14Residual))\n"
        }
        if let eos = result.eos {
            out +=
                "EOS table      \(eos.pressure.count) points, p = \(String(format: "%.3g", eos.pressure.first ?? 0)) … "
                + "\(String(format: "%.4g", eos.pressure.last ?? 0)) MeV/fm^3, n_B up to \(fixed(eos.baryonDensity.last ?? 0, 3)) fm^-3\n"
        }
        if let observables = result.observables { out += observablesTable(observables) }
        if let curve = result.massRadius {
            out += "\nmass-radius curve (\(curve.mass.count) stars)\n"
            out += pad(["M [Msun]", "R [km]", "Lambda", "p_c [MeV/fm^3]"])
            for row in curve.mass.indices {
                out += pad([
                    fixed(curve.mass[row], 4), fixed(curve.radius[row], 3), String(format: "%.4g", curve.tidalDeformability[row]),
                    String(format: "%.4g", curve.centralPressure[row]),
                ])
            }
        }
        return out
    }

    /// The observables block of ``decodeTable(_:)``: M_TOV and its centre, then the stars, binaries and densities.
    static func observablesTable(_ o: ObservablesResult) -> String {
        func cell(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }
        var out =
            "M_TOV          \(fixed(o.maximumMass, 4)) Msun, R \(fixed(o.maximumMassRadius, 3)) km, centre n_B "
            + "\(fixed(o.centre.baryonDensity, 4)) fm^-3, p \(String(format: "%.4g", o.centre.pressure)) MeV/fm^3, max cs2 \(fixed(o.maxSoundSpeedSquared, 3))\n"
        if !o.atMasses.isEmpty {
            out += "\nstars at given masses\n"
            out += pad(["M [Msun]", "R [km]", "Lambda", "k2", "C", "I [1e45 g cm2]", "M_B [Msun]", "p_c [MeV/fm^3]"])
            for star in o.atMasses {
                guard star.exists else {
                    out += pad([fixed(star.mass, 4), "no star (above M_TOV or below the lightest star)"])
                    continue
                }
                out += pad([
                    fixed(star.mass, 4), cell(star.radius, "%.3f"), cell(star.lambda, "%.4g"), cell(star.k2, "%.4f"),
                    cell(star.compactness, "%.4f"), cell(star.momentOfInertia, "%.4f"), cell(star.baryonMass, "%.4f"),
                    cell(star.centralPressure, "%.4g"),
                ])
            }
        }
        if !o.binaries.isEmpty {
            out += "\nbinaries\n"
            out += pad(["m1 [Msun]", "m2 [Msun]", "Lambda1", "Lambda2", "Lambda-tilde", "delta-Lambda-tilde"])
            for binary in o.binaries {
                out += pad([
                    fixed(binary.m1, 4), fixed(binary.m2, 4), cell(binary.lambda1, "%.4g"), cell(binary.lambda2, "%.4g"),
                    cell(binary.lambdaTilde, "%.4g"), cell(binary.deltaLambdaTilde, "%.4g"),
                ])
            }
        }
        if !o.atDensities.isEmpty {
            out += "\nEOS at given densities\n"
            out += pad(["n_B [fm^-3]", "p [MeV/fm^3]", "eps [MeV/fm^3]", "cs2"])
            for state in o.atDensities {
                out += pad([
                    String(format: "%.4g", state.baryonDensity), String(format: "%.6g", state.pressure),
                    String(format: "%.6g", state.energyDensity), fixed(state.soundSpeedSquared, 4),
                ])
            }
        }
        return out
    }

    /// MeV fm⁻³ in geometrized units (G = c = 1) of m⁻²: 1.602176634e32 Pa × G/c⁴.
    static let mevFm3ToGeometricMetres = 1.602176634e32 * 6.67430e-11 / (299_792_458.0 * 299_792_458.0 * 299_792_458.0 * 299_792_458.0)

    /// The EOS table as LALSimulation's EOS file: two columns, pressure and energy density in geometrized units [m⁻²],
    /// increasing pressure, after `#` comment lines (`lalsimulation.SimNeutronStarEOSFromFile`, bilby's `TabularEOS`).
    /// LALSimulation interpolates in ε, which must increase: where the decoded core starts below the crust's ε at the
    /// crust–core transition (a negative jump, kept by the decoder), the core rows whose ε does not exceed the crust's
    /// are left out, and a comment says how many.
    package static func lalsuiteEOS(_ result: DecodeResult) -> String {
        var rows: [String] = []
        var dropped = 0
        if let eos = result.eos {
            var highest = -Double.infinity
            for row in eos.pressure.indices {
                guard eos.energyDensity[row] > highest else {
                    dropped += 1
                    continue
                }
                highest = eos.energyDensity[row]
                rows.append(
                    String(
                        format: "%.17e %.17e", eos.pressure[row] * mevFm3ToGeometricMetres,
                        eos.energyDensity[row] * mevFm3ToGeometricMetres))
            }
        }
        var header = ["# pressure_geom_m-2 energy_density_geom_m-2 (G = c = 1; from MeV fm^-3 x \(mevFm3ToGeometricMetres))"]
        if dropped > 0 {
            header.append(
                "# \(dropped) rows just above the crust-core transition left out: their energy density lies below the crust's (a negative jump)"
            )
        }
        return (header + rows).joined(separator: "\n") + "\n"
    }

    /// The mass–radius curve as whitespace columns `R_km M_Msun Lambda p_c_MeV_fm3`, one star per line, after a
    /// `#` header line.
    package static func massRadiusColumns(_ result: DecodeResult) -> String {
        let curve = result.massRadius
        return columnText(
            header: "# R_km M_Msun Lambda p_c_MeV_fm3",
            [curve?.radius, curve?.mass, curve?.tidalDeformability, curve?.centralPressure].map { $0 ?? [] },
            separator: " ")
    }

    private static func pad(_ cells: [String]) -> String {
        cells.map { $0.count >= 16 ? $0 + " " : $0 + String(repeating: " ", count: 16 - $0.count) }.joined()
            .trimmingCharacters(in: .whitespaces) + "\n"
    }

    // MARK: batch

    /// How many observables columns a batch CSV has: the most masses, binaries and densities of any point.
    package struct ObservableColumns: Sendable, Equatable {
        package var masses: Int
        package var binaries: Int
        package var densities: Int

        package init(masses: Int = 0, binaries: Int = 0, densities: Int = 0) {
            self.masses = masses
            self.binaries = binaries
            self.densities = densities
        }

        /// The columns for `points`, each with its own observables or else `shared`.
        package init(points: [LatentPointInput], shared: ObservablesRequest?) {
            let requests = points.compactMap { $0.observables ?? shared }
            self.init(
                masses: requests.map { $0.masses?.count ?? 0 }.max() ?? 0,
                binaries: requests.map { $0.binaries?.count ?? 0 }.max() ?? 0,
                densities: requests.map { $0.densities?.count ?? 0 }.max() ?? 0)
        }

        /// Whether no point asks for observables.
        package var isEmpty: Bool { masses == 0 && binaries == 0 && densities == 0 }
    }

    /// The CSV header of scalar batch rows for latent dimension `d`: the point, the decoded scalars with the
    /// conditioning errors, then the observables columns (numbered from 1) and the error.
    package static func batchCSVHeader(latentDimension d: Int, observables: ObservableColumns = ObservableColumns()) -> String {
        var names =
            ["index", "ok", "in_m_max", "in_r_14"] + (0..<d).map { "in_z\($0)" }
            + ["m_max", "r_14", "lambda_14", "m_max_relative_error", "r_14_error_km"]
        if !observables.isEmpty { names.append("m_tov") }
        for i in (0..<observables.masses).map({ $0 + 1 }) {
            names += ["mass\(i)", "radius_km\(i)", "lambda\(i)", "moment_of_inertia\(i)", "baryon_mass\(i)"]
        }
        for j in (0..<observables.binaries).map({ $0 + 1 }) {
            names += ["m1_\(j)", "m2_\(j)", "lambda_tilde\(j)", "delta_lambda_tilde\(j)"]
        }
        for k in (0..<observables.densities).map({ $0 + 1 }) {
            names += ["n_b\(k)", "pressure\(k)", "energy_density\(k)", "cs2_\(k)"]
        }
        return (names + ["error_code", "error_message"]).joined(separator: ",")
    }

    /// One scalar batch row: the point (`input` when the item failed), then the decoded scalars, conditioning errors
    /// and observables, or empty cells and the error. A star or binary that does not exist has empty cells.
    package static func batchCSVRow(
        _ item: BatchDecodeItem, input: LatentPointInput, latentDimension d: Int,
        observables columns: ObservableColumns = ObservableColumns()
    ) -> String {
        let point = item.result?.input ?? input
        let z = point.z ?? []
        var cells = ["\(item.index)", item.ok ? "true" : "false", number(point.maximumMass), number(point.radius14)]
        cells += (0..<d).map { $0 < z.count ? number(z[$0]) : "" }
        let result = item.result
        cells += [
            result?.maximumMass, result?.radius14, result?.tidalDeformability14,
            result?.diagnostics.maximumMassRelativeError, result?.diagnostics.radius14Error,
        ].map(optionalNumber)
        if !columns.isEmpty {
            let o = result?.observables
            cells.append(optionalNumber(o?.maximumMass))
            for i in 0..<columns.masses {
                let star = o.flatMap { i < $0.atMasses.count ? $0.atMasses[i] : nil }
                cells += [star?.mass, star?.radius, star?.lambda, star?.momentOfInertia, star?.baryonMass].map(optionalNumber)
            }
            for j in 0..<columns.binaries {
                let binary = o.flatMap { j < $0.binaries.count ? $0.binaries[j] : nil }
                cells += [binary?.m1, binary?.m2, binary?.lambdaTilde, binary?.deltaLambdaTilde].map(optionalNumber)
            }
            for k in 0..<columns.densities {
                let state = o.flatMap { k < $0.atDensities.count ? $0.atDensities[k] : nil }
                cells += [state?.baryonDensity, state?.pressure, state?.energyDensity, state?.soundSpeedSquared].map(optionalNumber)
            }
        }
        cells += [item.error?.code ?? "", csvField(item.error?.message ?? "")]
        return cells.joined(separator: ",")
    }

    private static func optionalNumber(_ value: Double?) -> String { value.map(number) ?? "" }

    /// One batch item as a JSON line. Scalars form: `{"index","ok","input","m_max","r_14","lambda_14",
    /// "m_max_relative_error","r_14_error","observables"?}` or `{"index","ok","input","error"}`; full form: the item
    /// exactly as the server returned it.
    package static func batchJSONLine(_ item: BatchDecodeItem, input: LatentPointInput, full: Bool) -> String {
        if full { return compactJSON(item) }
        let result = item.result
        return compactJSON(
            ScalarRow(
                index: item.index, ok: item.ok, input: result?.input ?? input,
                maximumMass: result?.maximumMass, radius14: result?.radius14,
                tidalDeformability14: result?.tidalDeformability14,
                maximumMassRelativeError: result?.diagnostics.maximumMassRelativeError,
                radius14Error: result?.diagnostics.radius14Error,
                observables: result?.observables, error: item.error))
    }

    private struct ScalarRow: Encodable {
        var index: Int
        var ok: Bool
        var input: LatentPointInput
        var maximumMass: Double?
        var radius14: Double?
        var tidalDeformability14: Double?
        var maximumMassRelativeError: Double?
        var radius14Error: Double?
        var observables: ObservablesResult?
        var error: APIErrorDetail?

        enum CodingKeys: String, CodingKey {
            case index, ok, input, maximumMass = "m_max", radius14 = "r_14", tidalDeformability14 = "lambda_14"
            case maximumMassRelativeError = "m_max_relative_error", radius14Error = "r_14_error", observables, error
        }
    }

    // MARK: encode

    /// The CSV header of encode rows for latent dimension `d`.
    package static func encodeCSVHeader(latentDimension d: Int) -> String {
        (["m_max", "r_14"] + (0..<d).map { "mu_v\($0)" } + (0..<d).map { "sigma_v\($0)" } + ["inside_training_region"])
            .joined(separator: ",")
    }

    /// One encode row.
    package static func encodeCSVRow(_ latent: EncodeResponse) -> String {
        (([latent.maximumMass, latent.radius14] + latent.latentMeans + latent.latentStandardDeviations).map(number)
            + [latent.insideTrainingRegion ? "true" : "false"]).joined(separator: ",")
    }

    /// A readable line: `M_max … R_1.4 … mu_v … sigma_v …`.
    package static func encodeTableRow(_ latent: EncodeResponse) -> String {
        "M_max \(fixed(latent.maximumMass, 4)) Msun   R_1.4 \(fixed(latent.radius14, 3)) km   mu_v ["
            + latent.latentMeans.map { fixed($0, 4) }.joined(separator: ", ") + "]   sigma_v ["
            + latent.latentStandardDeviations.map { fixed($0, 4) }.joined(separator: ", ") + "]"
            + (latent.insideTrainingRegion ? "" : "   (outside the training region)")
    }

    // MARK: models

    /// A readable description of each model: architecture, training, training region and limits.
    package static func modelsTable(_ list: ModelList) -> String {
        var out = ""
        for model in list.models {
            let a = model.architecture, t = model.training, r = model.trainingRegion, l = model.limits
            out += "model \(model.name)\n"
            out +=
                "  architecture    \(a.inputCount) -> enc \(a.encoderHiddenWidths) -> 2+\(a.latentDimension) latents -> dec \(a.decoderHiddenWidths), "
                + "\(a.activation), \(a.parameterCount) parameters\n"
            out +=
                "  training        kappa \(t.kappa), eta \(t.eta), lr \(t.learningRate), batch \(t.batchSize), best epoch \(t.bestEpoch)/"
                + "\(t.completedEpochs) (\(t.stopReason)), seed \(t.seed)\n"
            out += "  m_max           \(fixed(r.maximumMass.min, 4)) ... \(fixed(r.maximumMass.max, 4)) Msun\n"
            out += "  r_14            \(fixed(r.radius14.min, 3)) ... \(fixed(r.radius14.max, 3)) km\n"
            for (i, z) in r.z.enumerated() {
                out +=
                    "  z\(i)              mean \(fixed(z.mean, 4)), std \(fixed(z.std, 4)), accepted \(fixed(z.min, 4)) ... \(fixed(z.max, 4))\n"
            }
            if let support = r.support {
                out +=
                    "  region          kernel density on (\(support.coordinates.joined(separator: ", "))): \(support.whitenedPoints.count) centres, "
                    + "bandwidth \(fixed(support.bandwidth, 3)) (whitened); inside when region_score >= \(support.threshold)\n"
            }
            out +=
                "  limits          \(l.maxBatchPoints) points/batch, eos_points <= \(l.maxEOSPoints) (default \(l.defaultEOSPoints)), "
                + "mr_points <= \(l.maxMassRadiusPoints) (default \(l.defaultMassRadiusPoints)), body <= \(l.maxBodyBytes) bytes\n"
            for key in model.metrics.keys.sorted() {
                out += "  metric          \(key) = \(String(format: "%.6g", model.metrics[key] ?? 0))\n"
            }
        }
        return out
    }
}
