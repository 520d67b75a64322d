import Foundation
import NeuralNetwork

/// One member of a hyper-parameter sweep.
package struct SweepPoint: Sendable, Equatable, Hashable {
    /// η, weight of the KL term.
    package var eta: Double
    /// κ, weight of the supervised term.
    package var kappa: Double
    /// d, number of unsupervised latents.
    package var latentDimension: Int

    /// A grid point.
    package init(eta: Double, kappa: Double, latentDimension: Int) {
        self.eta = eta
        self.kappa = kappa
        self.latentDimension = latentDimension
    }

    /// Directory name of the run, e.g. `eta1e-03_kappa2_d1`.
    package var name: String {
        "eta" + String(format: "%.0e", eta).replacingOccurrences(of: "+", with: "") + "_kappa" + Self.compact(kappa)
            + "_d\(latentDimension)"
    }

    static func compact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : String(value)
    }
}

/// The grid of a sweep (η × κ × d) and the settings every member shares.
package struct SweepPlan: Sendable {
    /// η values (KL weight).
    package var etas: [Double]
    /// κ values (supervised weight).
    package var kappas: [Double]
    /// d values (unsupervised latents).
    package var latentDimensions: [Int]
    /// Settings of every run except η, κ and d (taken from each point).
    package var baseConfiguration: TrainingConfiguration
    /// Seed of the train/validation/test split.
    package var splitSeed: UInt64
    /// Validation rows decoded and solved per run to rank the models.
    package var validationRows: Int
    /// Relative tolerance of the TOV solutions in the ranking.
    package var tovRelativeTolerance: Double

    /// A plan; every run shares `baseConfiguration` except for η, κ and d.
    package init(
        etas: [Double], kappas: [Double], latentDimensions: [Int], baseConfiguration: TrainingConfiguration,
        splitSeed: UInt64, validationRows: Int, tovRelativeTolerance: Double = 1e-6
    ) {
        self.etas = etas
        self.kappas = kappas
        self.latentDimensions = latentDimensions
        self.baseConfiguration = baseConfiguration
        self.splitSeed = splitSeed
        self.validationRows = validationRows
        self.tovRelativeTolerance = tovRelativeTolerance
    }

    /// Every point, d slowest, then κ, then η.
    package var points: [SweepPoint] {
        latentDimensions.flatMap { d in kappas.flatMap { kappa in etas.map { SweepPoint(eta: $0, kappa: kappa, latentDimension: d) } } }
    }

    /// The training configuration of one point.
    package func configuration(for point: SweepPoint) -> TrainingConfiguration {
        var configuration = baseConfiguration
        configuration.architecture.latentCount = point.latentDimension
        configuration.lossWeights = LossWeights(supervised: point.kappa, kl: point.eta)
        return configuration
    }
}
