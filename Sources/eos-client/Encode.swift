import APIModels
import ArgumentParser
import EOSClient

/// `eos-client encode`: EOS vectors → latent points.
struct Encode: ParsableCommand, ConnectedCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Encode 107-vectors (c_s^2 at 101 pressures, then n_cc, eps_cc, p_cc, n_max, eps_max, p_max), or an EOS table, into latent points.",
        discussion: """
            FILE (or - for standard input) holds {"vector": [...]}, a JSON array (or an array of arrays, or JSON lines), \
            or numbers separated by commas or white space: one vector per line when every line has 107 numbers, \
            else the whole file is one vector.

            With --eos-table, FILE is one EOS table instead: CSV with a header row naming n_b [fm^-3], energy_density and \
            pressure [MeV fm^-3] and optionally cs2 [c^2] (what 'decode --format csv' writes), or JSON {"eos": {...}} \
            (a whole 'decode --format json' answer works too). The server finds the crust-core transition and p_max \
            (see openapi.yaml); --format json then also prints the 107-vector it computed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var ownConnection: ConnectionOptions
    @ParentCommand var root: EOSClientCommand

    @Argument(help: "File of 107-vectors (or of one EOS table with --eos-table); - reads standard input.")
    var file: String

    @Flag(
        name: .customLong("eos-table"),
        help: "FILE is an EOS table (CSV with n_b, energy_density, pressure[, cs2] columns, or JSON), not vectors.")
    var eosTable = false

    @Option(help: "Output format: table, json (one object per vector, one per line) or csv.")
    var format: Format = .table

    func run() throws {
        let source = file == "-" ? "standard input" : file
        let text = try InputFiles.read(file)
        if eosTable {
            let table = try InputFiles.parseEOSTable(text, source: source)
            var out = try Output(path: nil)
            write(try connection.client().encode(table: table), first: true, to: &out)
            out.flush()
            return
        }
        let vectors = try InputFiles.parseVectors(text, source: source)
        let client = try connection.client()
        var out = try Output(path: nil)
        for (position, vector) in vectors.enumerated() {
            write(try client.encode(vector), first: position == 0, to: &out)
        }
        out.flush()
    }

    private func write(_ latent: EncodeResponse, first: Bool, to out: inout Output) {
        switch format {
        case .table: out.write(OutputFormatting.encodeTableRow(latent) + "\n")
        case .json: out.write(OutputFormatting.compactJSON(latent) + "\n")
        case .csv:
            if first { out.write(OutputFormatting.encodeCSVHeader(latentDimension: latent.latentMeans.count) + "\n") }
            out.write(OutputFormatting.encodeCSVRow(latent) + "\n")
        }
    }
}
