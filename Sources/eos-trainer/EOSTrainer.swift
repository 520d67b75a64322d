import ArgumentParser

/// The trainer's command line: physics, datasets, training and evaluation.
@main
struct EOSTrainer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eos-trainer",
        abstract: "Neutron-star EOS physics, training data and the structured VAE.",
        subcommands: [StarCommand.self, EncodeCommand.self, GenerateCommand.self, DatasetReportCommand.self,
                      TrainCommand.self, EvaluateCommand.self, RegionCommand.self, DecodeCommand.self, SweepCommand.self,
                      FiguresCommand.self]
    )
}
