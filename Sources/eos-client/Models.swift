import ArgumentParser
import EOSClient

/// `eos-client models`: what the server serves.
struct Models: ParsableCommand, ConnectedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the served models: architecture, training, the training region of the latents and request limits.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var ownConnection: ConnectionOptions
    @ParentCommand var root: EOSClientCommand

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() throws {
        let list = try connection.client().models()
        switch format {
        case .table: print(OutputFormatting.modelsTable(list), terminator: "")
        case .json: print(OutputFormatting.prettyJSON(list), terminator: "")
        }
    }
}
