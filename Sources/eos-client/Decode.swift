import APIModels
import ArgumentParser
import EOSClient

/// `eos-client decode`: one latent point.
struct Decode: ParsableCommand, ConnectedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode one latent point (M_max, R_1.4, z) into an EOS and its mass-radius curve.",
        discussion: """
            table prints M_max, R_1.4, Lambda_1.4, the diagnostics and the mass-radius curve; csv writes the EOS table \
            (n_b [fm^-3], energy density and pressure [MeV fm^-3], cs2 [c^2]); json writes the server's full answer.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var ownConnection: ConnectionOptions
    @ParentCommand var root: EOSClientCommand

    @Option(name: .customLong("m-max"), help: "Requested maximum mass M_max [Msun].")
    var mMax: Double

    @Option(name: .customLong("r14"), help: "Requested radius of a 1.4 Msun star R_1.4 [km].")
    var r14: Double

    @Option(parsing: .unconditionalSingleValue,
            help: "Unsupervised latents z: repeat the option or give a comma list (default: the model's training mean).")
    var z: [String] = []

    @Option(help: "Points of the EOS table (default: the server's).")
    var eosPoints: Int?

    @Option(help: "Stars on the mass-radius curve (default: the server's).")
    var mrPoints: Int?

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        _ = try latents()
    }

    func latents() throws -> [Double]? {
        let values = try z.flatMap { $0.split(separator: ",") }.map { text -> Double in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ValidationError("--z: '\(text)' is not a finite number")
            }
            return value
        }
        return values.isEmpty ? nil : values
    }

    func run() throws {
        let request = DecodeRequest(maximumMass: mMax, radius14: r14, z: try latents(), eosPoints: eosPoints, massRadiusPoints: mrPoints)
        let result = try connection.client().decode(request)
        var out = try Output(path: output)
        switch format {
        case .table: out.write(OutputFormatting.decodeTable(result))
        case .json: out.write(OutputFormatting.prettyJSON(result))
        case .csv: out.write(OutputFormatting.eosTableCSV(result))
        }
        out.flush()
    }
}
