import APIModels
import ArgumentParser
import EOSDecoding
import Foundation
import ModelFormat
import Training

/// `eos-trainer decode`: one EOS from (M_max, R_1.4, z) with a trained model.
///
/// `--json` prints exactly what `POST /v1/decode` answers for the same point (``APIModels/DecodeResult``, made by
/// the same ``EOSDecoding/DecodedEOS/apiResult(include:eosPoints:observables:fieldPrefix:)``), with the server's defaults.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode (M_max, R_1.4, z) into an EOS table, mass-radius curve, M_max, R_1.4 and Lambda_1.4.",
        discussion: """
            Without --z the training-set mean of the unsupervised latents is used. --json prints the JSON that \
            POST /v1/decode answers (same fields, same defaults: --eos-points and --mr-points are its eos_points and \
            mr_points).
            """
    )

    @Option(help: "Model directory.") var model: String
    @Option(help: "Maximum mass [Msun].") var mMax: Double
    @Option(help: "Radius of a 1.4 Msun star [km].") var r14: Double
    @Option(parsing: .upToNextOption, help: "Unsupervised latents z (d numbers).") var z: [Double] = []
    @Option(
        name: [.customLong("eos-points"), .customLong("table-points")],
        help: "Rows of the EOS table, from the surface to the centre of the maximum-mass star (eos_points).")
    var tablePoints = DecodingOptions.defaultTablePoints
    @Option(
        name: [.customLong("mr-points"), .customLong("curve-points")],
        help: "Stars on the mass-radius curve (mr_points; 0 for none).")
    var curvePoints = DecodingOptions().curvePoints
    @Option(help: "Relative tolerance of the TOV integration.") var tovTolerance = DecodingOptions().tovRelativeTolerance
    @Flag(help: "Print the JSON of POST /v1/decode instead of text.") var json = false

    func validate() throws {
        guard tablePoints >= 2, tablePoints <= 10_000 else { throw ValidationError("--eos-points must be in 2...10000") }
    }

    func run() throws {
        do {
            let bundle = try ModelDirectory.load(from: URL(fileURLWithPath: model))
            let decoder = try EOSDecoder(
                model: bundle.model,
                options: DecodingOptions(
                    tovRelativeTolerance: tovTolerance, curvePoints: curvePoints))
            let decoded = try decoder.decode(DecodingRequest(maximumMassMsun: mMax, radius14Km: r14, z: z.isEmpty ? nil : z))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes]  // as eos-server writes its answers
                let result = try decoded.apiResult(include: .full, eosPoints: tablePoints)
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            } else {
                print(try VAEDecodeReport(model: bundle.metadata.name, decoded: decoded, tablePoints: tablePoints).text())
            }
        } catch let problem as APIProblem {
            throw fail(problem.detail.message)
        } catch {
            throw fail("\(error)")
        }
    }
}
