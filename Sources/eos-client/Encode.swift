import APIModels
import ArgumentParser
import EOSClient

/// `eos-client encode`: EOS vectors → latent points.
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encode 107-vectors (c_s^2 at 101 pressures, then n_cc, eps_cc, p_cc, n_max, eps_max, p_max) into latent points.",
        discussion: """
            FILE (or - for standard input) holds {"vector": [...]}, a JSON array (or an array of arrays, or JSON lines), \
            or numbers separated by commas or white space: one vector per line when every line has 107 numbers, \
            else the whole file is one vector.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "File of 107-vectors; - reads standard input.")
    var file: String

    @Option(help: "Output format: table, json (one object per vector, one per line) or csv.")
    var format: Format = .table

    func run() throws {
        let source = file == "-" ? "standard input" : file
        let vectors = try InputFiles.parseVectors(try InputFiles.read(file), source: source)
        let client = try connection.client()
        var out = try Output(path: nil)
        for (position, vector) in vectors.enumerated() {
            let latent = try client.encode(vector)
            switch format {
            case .table: out.write(OutputFormatting.encodeTableRow(latent) + "\n")
            case .json: out.write(OutputFormatting.compactJSON(latent) + "\n")
            case .csv:
                if position == 0 { out.write(OutputFormatting.encodeCSVHeader(latentDimension: latent.latentMeans.count) + "\n") }
                out.write(OutputFormatting.encodeCSVRow(latent) + "\n")
            }
        }
        out.flush()
    }
}
