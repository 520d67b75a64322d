import ArgumentParser
import EOSDecoding
import Foundation
import ModelFormat
import Training

/// `eos-trainer decode`: one EOS from (M_max, R_1.4, z) with a trained model.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode (M_max, R_1.4, z) into an EOS table, mass-radius curve, M_max, R_1.4 and Lambda_1.4.",
        discussion: "Without --z the training-set mean of the unsupervised latents is used."
    )

    @Option(help: "Model directory.") var model: String
    @Option(help: "Maximum mass [Msun].") var mMax: Double
    @Option(help: "Radius of a 1.4 Msun star [km].") var r14: Double
    @Option(parsing: .upToNextOption, help: "Unsupervised latents z (d numbers).") var z: [Double] = []
    @Option(help: "Pressures in the EOS table.") var tablePoints = 40
    @Option(help: "Stars on the mass-radius curve.") var curvePoints = 30
    @Option(help: "Relative tolerance of the TOV integration.") var tovTolerance = 1e-6
    @Flag(help: "Print JSON instead of text.") var json = false

    func validate() throws {
        guard tablePoints >= 2, tablePoints <= 10_000 else { throw ValidationError("--table-points must be in 2...10000") }
    }

    func run() throws {
        do {
            let bundle = try ModelDirectory.load(from: URL(fileURLWithPath: model))
            let decoder = try EOSDecoder(model: bundle.model, options: DecodingOptions(
                tovRelativeTolerance: tovTolerance, curvePoints: curvePoints))
            let decoded = try decoder.decode(DecodingRequest(maximumMassMsun: mMax, radius14Km: r14, z: z.isEmpty ? nil : z))
            let report = try VAEDecodeReport(model: bundle.metadata.name, decoded: decoded, tablePoints: tablePoints)
            print(json ? try report.json() : report.text())
        } catch {
            throw fail("\(error)")
        }
    }
}
