import ArgumentParser
import Foundation

/// The trainer's command line: physics, datasets, training and evaluation.
///
/// Exit codes: 0 success, 1 failure (one line naming the problem), 2 usage (as eos-client and eos-server).
@main
struct EOSTrainer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eos-trainer",
        abstract: "Neutron-star EOS physics, training data and the structured VAE.",
        subcommands: [
            StarCommand.self, EncodeCommand.self, GenerateCommand.self, DatasetReportCommand.self,
            TrainCommand.self, EvaluateCommand.self, RegionCommand.self, DecodeCommand.self, SweepCommand.self,
            FiguresCommand.self,
        ]
    )

    /// Runs the command; a usage error exits 2 (ArgumentParser's default is 64), like eos-client and eos-server.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
