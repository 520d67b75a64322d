import ArgumentParser
import EOSDecoding
import Foundation
import ModelFormat
import Training

/// `eos-trainer figures`: the report plots of a model.
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "SVG plots of a model: SLy4 decoded vs true (paper Fig. 7), latent space (Fig. 2), latent variations (Figs. 4–6).",
        discussion: """
            Writes sly4.svg, latent-space.svg, vary-m-max.svg, vary-r14.svg and vary-zK.svg (K = 1…d) into OUT and prints \
            the SLy4 comparison. The latent-space plot uses the first --rows rows of the model's test split.
            """
    )

    @Option(help: "Model directory.") var model: String
    @Option(help: "Dataset directory the model was trained on.") var data: String
    @Option(help: "Output directory (default: the model directory).") var out: String?
    @Option(help: "Test rows in the latent-space plot (each adds ~1.3 KB per panel to the SVG).") var rows = 300

    func run() throws {
        do {
            let modelURL = URL(fileURLWithPath: model)
            let bundle = try ModelDirectory.load(from: modelURL)
            let outURL = out.map { URL(fileURLWithPath: $0) } ?? modelURL
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            func write(_ svg: String, _ name: String) throws {
                try AtomicFile.write(Data(svg.utf8), to: outURL.appendingPathComponent(name))
                printError("wrote \(outURL.appendingPathComponent(name).path)")
            }
            let sly4 = try SLy4Comparison(model: bundle.model)
            try write(try sly4.svg(), "sly4.svg")
            print(sly4.text())
            let dataset = try Dataset(directory: URL(fileURLWithPath: data))
            let test = VAEDataSplit(dataset: dataset, seed: bundle.metadata.training.splitSeed).test.prefix(rows)
            try write(try LatentFigures.latentSpaceSVG(model: bundle.model, vectors: test.vectors, labels: test.labels), "latent-space.svg")
            let center = DecodingRequest(maximumMassMsun: 2.1, radius14Km: 12.0)
            try write(try LatentFigures.variationSVG(model: bundle.model, variation: .maximumMass, center: center), "vary-m-max.svg")
            try write(try LatentFigures.variationSVG(model: bundle.model, variation: .radius14, center: center), "vary-r14.svg")
            for j in 0..<bundle.model.architecture.latentCount {
                try write(try LatentFigures.variationSVG(model: bundle.model, variation: .latent(j), center: center), "vary-z\(j + 1).svg")
            }
        } catch {
            throw fail("\(error)")
        }
    }
}
