import APIModels
import ArgumentParser
import EOSClient

/// `eos-client decode`: one latent point.
struct Decode: ParsableCommand, ConnectedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode one latent point (M_max, R_1.4, z) into an EOS and its mass-radius curve.",
        discussion: """
            table prints M_max, R_1.4, Lambda_1.4, the diagnostics, the observables asked for and the mass-radius \
            curve; csv writes the EOS table (n_b [fm^-3], energy density and pressure [MeV fm^-3], cs2 [c^2]); json \
            writes the server's full answer. lalsuite writes the EOS as LALSimulation's two-column table (pressure \
            and energy density in geometrized units, m^-2; lalsimulation.SimNeutronStarEOSFromFile and bilby's \
            TabularEOS read it); macro writes the mass-radius curve as columns (R [km], M [Msun], Lambda, p_c \
            [MeV fm^-3]). lalsuite asks for the server's largest table unless --eos-points is given.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, lalsuite, macro }

    @OptionGroup var ownConnection: ConnectionOptions
    @ParentCommand var root: EOSClientCommand

    @Option(name: .customLong("m-max"), help: "Requested maximum mass M_max [Msun].")
    var mMax: Double

    @Option(name: .customLong("r14"), help: "Requested radius of a 1.4 Msun star R_1.4 [km].")
    var r14: Double

    @Option(
        parsing: .unconditionalSingleValue,
        help: "Unsupervised latents z: repeat the option or give a comma list (default: the model's training mean).")
    var z: [String] = []

    @Option(help: "Points of the EOS table (default: the server's).")
    var eosPoints: Int?

    @Option(help: "Stars on the mass-radius curve (default: the server's).")
    var mrPoints: Int?

    @OptionGroup(title: "Observables") var observables: ObservableOptions

    @OptionGroup(title: "Conditioning") var conditioning: ConditioningOptions

    @Option(help: "Output format: table, json, csv, lalsuite or macro.")
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
        let client = try connection.client()
        var points = eosPoints
        if points == nil, format == .lalsuite {
            points = try client.models().models.first?.limits.maxEOSPoints
        }
        let request = DecodeRequest(
            maximumMass: mMax, radius14: r14, z: try latents(), eosPoints: points, massRadiusPoints: mrPoints,
            observables: try observables.request(), conditioning: conditioning.mode,
            conditioningTolerance: conditioning.exactTolerance)
        let result = try client.decode(request)
        var out = try Output(path: output)
        switch format {
        case .table: out.write(OutputFormatting.decodeTable(result))
        case .json: out.write(OutputFormatting.prettyJSON(result))
        case .csv: out.write(OutputFormatting.eosTableCSV(result))
        case .lalsuite: out.write(OutputFormatting.lalsuiteEOS(result))
        case .macro: out.write(OutputFormatting.massRadiusColumns(result))
        }
        out.flush()
    }
}
