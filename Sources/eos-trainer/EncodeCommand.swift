import ArgumentParser
import Foundation
import NeutronStarPhysics
import Training

/// `eos-trainer encode`: the 107-vector of a Skyrme model.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Print the 107-vector of a Skyrme model, one number per line.",
        discussion:
            "101 exact c_s^2 on the log-pressure grid from p_cc to p_max, then n_cc, eps_cc, p_cc, n_max, eps_max, p_max (fm^-3, MeV fm^-3)."
    )

    @OptionGroup var skyrme: SkyrmeSource
    @OptionGroup var physics: PhysicsOptions

    func validate() throws {
        guard (skyrme.name == nil) != (skyrme.paramsFile == nil) else { throw ValidationError("give exactly one of --skyrme, --params") }
    }

    func run() throws {
        let vector: SoundSpeedVector
        do {
            let (parameters, _) = try skyrme.load()
            vector = try SkyrmeStarAnalysis(parameters: parameters, options: physics.eosOptions, curvePoints: 0).vector
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail("\(error)")
        }
        print(vector.values.map { String(format: "%.12e", $0) }.joined(separator: "\n"))
    }
}
