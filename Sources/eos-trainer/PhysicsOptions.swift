import ArgumentParser
import Foundation
import NeutronStarPhysics
import Training

/// Where a Skyrme model comes from: a named set or a JSON parameter file.
struct SkyrmeSource: ParsableArguments {
    @Option(
        name: .customLong("skyrme"),
        help: "A named Skyrme set (\(SkyrmeParameters.named.keys.sorted().map { $0.uppercased() }.joined(separator: ", "))).")
    var name: String?

    @Option(
        name: .customLong("params"),
        help: "A JSON file {\"t0\":…, \"t1\":…, \"t2\":…, \"t3\":…, \"x0\":…, \"x1\":…, \"x2\":…, \"x3\":…, \"sigma\":…} (MeV, fm).")
    var paramsFile: String?

    /// The parameters and a label for reports.
    func load() throws -> (SkyrmeParameters, String) {
        if let name {
            guard let set = SkyrmeParameters.named(name) else {
                throw ValidationError(
                    "unknown Skyrme set '\(name)'; known: \(SkyrmeParameters.named.keys.sorted().map { $0.uppercased() }.joined(separator: ", "))"
                )
            }
            return (set, "\(name.uppercased()) (Skyrme)")
        }
        guard let paramsFile else { throw ValidationError("give --skyrme NAME or --params FILE.json") }
        let data = try InputFiles.data(at: paramsFile)
        return (try InputFiles.skyrmeParameters(json: data, path: paramsFile), "\(paramsFile) (Skyrme)")
    }
}

/// Physics conventions shared by the commands.
struct PhysicsOptions: ParsableArguments {
    @Option(help: "Crust-core transition criterion: thermodynamic (default) or curvature (the paper's eq. 9).")
    var criterion: CrustCoreCriterion = .thermodynamic

    @Flag(help: "Include muons in beta equilibrium (default: electrons only).")
    var muons = false

    var eosOptions: SkyrmeEOSOptions {
        var o = SkyrmeEOSOptions()
        o.criterion = criterion
        o.includeMuons = muons
        return o
    }
}

extension CrustCoreCriterion: ExpressibleByArgument {}

/// Prints one line to standard error and exits with status 1: how the commands report a failure.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(1)
}
