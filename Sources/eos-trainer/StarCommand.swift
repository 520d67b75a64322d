import APIModels
import ArgumentParser
import EOSDecoding
import Foundation
import NeutronStarPhysics
import Training

/// `eos-trainer star`: the stars of a Skyrme model or of a 107-vector.
struct StarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "star",
        abstract: "Maximum mass, R_1.4, Lambda_1.4 and the mass-radius curve of an EOS.",
        discussion: """
            The EOS is a Skyrme model (--skyrme or --params) or a 107-vector file (--vector, one number per line). \
            With --masses the stars of those gravitational masses are added (R, Lambda, k2, compactness, moment of inertia \
            [10^45 g cm^2], baryon mass [Msun, m_u = 931.494 MeV], central pressure), each found by a root search on the \
            stable branch; a mass with no star there (at or above M_max, or below the lightest star) is reported as absent.
            """
    )

    @OptionGroup var skyrme: SkyrmeSource
    @Option(name: .customLong("vector"), help: "A 107-vector file: 101 c_s^2, then n_cc, eps_cc, p_cc, n_max, eps_max, p_max.")
    var vectorFile: String?
    @OptionGroup var physics: PhysicsOptions
    @Option(help: "Stars on the mass-radius curve.") var curvePoints = 50
    @Option(help: "Relative tolerance of the TOV integration.") var tolerance = 1e-8
    @Option(
        help: "Gravitational masses [Msun], comma-separated (at most \(Self.maximumMassCount), each in (0, \(Self.massLimit)]).",
        transform: Self.parseMasses)
    var masses: [Double]?
    @Flag(help: "Print JSON instead of text.") var json = false

    /// Limits of --masses (those of the service's observables).
    static let maximumMassCount = 64
    static let massLimit = 3.5

    static func parseMasses(_ text: String) throws -> [Double] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard let mass = Double(trimmed) else { throw ValidationError("--masses: '\(trimmed)' is not a number") }
            return mass
        }
    }

    func validate() throws {
        let sources = [skyrme.name, skyrme.paramsFile, vectorFile].compactMap { $0 }.count
        guard sources == 1 else { throw ValidationError("give exactly one of --skyrme, --params, --vector") }
        guard (0...10_000).contains(curvePoints) else { throw ValidationError("--curve-points must be in 0...10000") }
        guard tolerance > 1e-14, tolerance <= 1e-3 else { throw ValidationError("--tolerance must be in (1e-14, 1e-3]") }
        if let masses {
            guard (1...Self.maximumMassCount).contains(masses.count) else {
                throw ValidationError("--masses takes 1 to \(Self.maximumMassCount) masses, got \(masses.count)")
            }
            for mass in masses where !(mass > 0 && mass <= Self.massLimit) {
                throw ValidationError("--masses: \(mass) is outside (0, \(Self.massLimit)] Msun")
            }
        }
    }

    func run() throws {
        var report: StarReport
        let extras: StarQuantities = [.momentOfInertia, .baryonMass]
        do {
            if let vectorFile {
                let vector = try InputFiles.soundSpeedVector(text: try InputFiles.data(at: vectorFile), path: vectorFile)
                guard vector.isCausal else { throw fail("\(vectorFile): acausal core (some c_s^2 >= 1)") }
                // The table extends above p_max while the mass still rises there (as when decoding).
                let solved = try ReconstructedStars(
                    reconstruction: try ReconstructedEOS(vector: vector), relativeTolerance: tolerance,
                    curvePoints: curvePoints)
                report = StarReport(source: "\(vectorFile) (107-vector)", reconstruction: solved.reconstruction, summary: solved.summary)
                if let masses {
                    report.at_masses = zip(masses, try solved.stars(masses: masses, including: extras)).map(StarAtMassResult.init)
                }
            } else {
                let (parameters, label) = try skyrme.load()
                let analysis = try SkyrmeStarAnalysis(
                    parameters: parameters, options: physics.eosOptions,
                    curvePoints: curvePoints, tolerance: tolerance)
                report = StarReport(source: label, analysis: analysis)
                if let masses {
                    report.at_masses = zip(masses, try analysis.stars(masses: masses, including: extras)).map(StarAtMassResult.init)
                }
            }
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            throw fail("\(error)")
        }
        print(json ? try report.json() : report.text())
    }
}
