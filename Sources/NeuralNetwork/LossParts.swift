/// The weights of the two regularising loss terms.
public struct LossWeights: Sendable, Equatable, Codable {
    /// κ: weight of the supervised MSE between μ_s and the scaled labels.
    public var supervised: Double
    /// η: weight of the KL divergence of N(μ_v, σ_v²) from N(0, 1).
    public var kl: Double

    /// Loss weights κ (`supervised`) and η (`kl`).
    public init(supervised: Double = 1, kl: Double = 1e-3) {
        self.supervised = supervised
        self.kl = kl
    }
}

/// The loss of one batch or data set, split into its terms (each a mean, see ``total``).
public struct LossParts: Sendable, Equatable, Codable {
    /// Mean squared error of the scaled reconstruction (mean over rows and columns).
    public var reconstruction: Double
    /// Mean squared error of μ_s against the scaled labels (mean over rows and labels).
    public var supervised: Double
    /// KL divergence of N(μ_v, σ_v²) from N(0, 1), mean over rows and latent dimensions.
    public var kl: Double
    /// reconstruction + κ · supervised + η · kl.
    public var total: Double

    /// Loss parts with an explicit total.
    public init(reconstruction: Double, supervised: Double, kl: Double, total: Double) {
        self.reconstruction = reconstruction
        self.supervised = supervised
        self.kl = kl
        self.total = total
    }

    /// Loss parts whose total is formed with `weights`.
    init(reconstruction: Double, supervised: Double, kl: Double, weights: LossWeights) {
        self.init(
            reconstruction: reconstruction, supervised: supervised, kl: kl,
            total: reconstruction + weights.supervised * supervised + weights.kl * kl)
    }

    /// Row-weighted accumulation used to average batch losses over an epoch.
    static func weightedMean(_ parts: [(LossParts, Int)]) -> LossParts {
        let rows = Double(parts.reduce(0) { $0 + $1.1 })
        func mean(_ key: KeyPath<LossParts, Double>) -> Double {
            parts.reduce(0) { $0 + $1.0[keyPath: key] * Double($1.1) } / max(rows, 1)
        }
        return LossParts(
            reconstruction: mean(\.reconstruction), supervised: mean(\.supervised),
            kl: mean(\.kl), total: mean(\.total))
    }
}
