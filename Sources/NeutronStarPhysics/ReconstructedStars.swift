import Foundation

/// An EOS rebuilt from a 107-vector together with its stars, the core table extended above the vector's p_max as far
/// as the maximum mass needs.
///
/// The vector's p_max is meant to be the centre of the maximum-mass star, but for a decoder's output it is only an
/// estimate: the maximum of M(p_c) of the rebuilt EOS can lie above it, beyond the default table top
/// (``ReconstructedEOS/extensionFactor`` = 1.6 p_max). When the mass still rises at the top of the table, the vector is
/// rebuilt with the table extended by a further factor of 1.6 each time, up to ``ReconstructedEOS/maximumExtensionFactor``
/// (c_s² held at its decoded top value, capped at 1, so every extension is causal). The maximum mass then reported is
/// the true maximum of the rebuilt EOS; ``isMaximumMassInExtension`` says when its centre lies above the decoded p_max,
/// where the EOS is the constant-c_s² extension rather than the decoded one.
///
/// A vector whose maximum is bracketed by the default table is solved exactly as before (one rebuild, one scan);
/// only the others pay for a rebuild and a second scan per extension step.
public struct ReconstructedStars: Sendable {
    /// The rebuilt EOS the stars belong to (its table possibly extended beyond the default 1.6 p_max).
    public let reconstruction: ReconstructedEOS
    /// The maximum-mass star, the 1.4 M☉ star and the mass–radius curve.
    public let summary: StarSequenceSummary
    /// The coarse scan in ln p_c that located the maximum (it brackets the stars of ``stars(masses:including:)``).
    public let scannedStars: [Star]
    /// The sequence (solver and tolerance) the stars were solved with.
    public let sequence: StarSequence

    /// Solves the stars of `reconstruction`, rebuilding it with a longer extension while M(p_c) still rises at the top.
    /// - Parameters:
    ///   - relativeTolerance: accuracy of the TOV integration.
    ///   - curvePoints: stars on the mass–radius curve (0 for none).
    /// - Throws: `PhysicsError.maximumMassNotFound` when the mass still rises at ``ReconstructedEOS/maximumExtensionFactor``
    ///   times p_max, and the errors of ``StarSequence``.
    public init(reconstruction: ReconstructedEOS, relativeTolerance: Double = 1e-8, curvePoints: Int = 50) throws {
        var rebuilt = reconstruction
        while true {
            let sequence = StarSequence(solver: TOVSolver(eos: rebuilt.eos, relativeTolerance: relativeTolerance))
            let scanned = try sequence.scan()
            if StarSequence.risesAtTop(scanned) {
                let factor = rebuilt.requestedExtensionFactor
                if factor < ReconstructedEOS.maximumExtensionFactor {
                    rebuilt = try rebuilt.extended(
                        to: min(factor * ReconstructedEOS.extensionFactor, ReconstructedEOS.maximumExtensionFactor))
                    continue
                }
                throw PhysicsError.maximumMassNotFound(
                    reason: String(
                        format:
                            "the mass still increases at the top of the EOS table (p = %.6g MeV fm^-3, %.3g times the decoded p_max, the largest extension allowed)",
                        rebuilt.eos.maximumPressure, rebuilt.extendedPressureFactor))
            }
            self.reconstruction = rebuilt
            self.summary = try sequence.summary(curvePoints: curvePoints, scanned: scanned)
            self.scannedStars = scanned
            self.sequence = sequence
            return
        }
    }

    private init(reconstruction: ReconstructedEOS, summary: StarSequenceSummary, scannedStars: [Star], sequence: StarSequence) {
        self.reconstruction = reconstruction
        self.summary = summary
        self.scannedStars = scannedStars
        self.sequence = sequence
    }

    /// The same stars with a mass–radius curve of `curvePoints` stars (0 for none), reusing the scan, the maximum-mass
    /// star and the 1.4 M☉ star: the curve is exactly the one ``init(reconstruction:relativeTolerance:curvePoints:)``
    /// would have solved.
    public func withCurve(points curvePoints: Int) throws -> ReconstructedStars {
        var summary = self.summary
        summary.massRadiusCurve =
            curvePoints > 0
            ? try sequence.curve(
                count: curvePoints, highestCentralPressure: summary.maximumMassStar.centralPressure,
                known: [scannedStars[0], summary.maximumMassStar])
            : []
        return ReconstructedStars(reconstruction: reconstruction, summary: summary, scannedStars: scannedStars, sequence: sequence)
    }

    /// The stars of the given masses [M☉] on the stable branch (nil where none exists), reusing the scan and the
    /// maximum-mass star: see ``StarSequence/stars(masses:scanned:maximum:including:)``.
    public func stars(masses: [Double], including quantities: StarQuantities = []) throws -> [Star?] {
        try sequence.stars(masses: masses, scanned: scannedStars, maximum: summary.maximumMassStar, including: quantities)
    }

    /// Central pressure of the maximum-mass star over the vector's p_max.
    public var maximumMassPressureRatio: Double {
        summary.maximumMassStar.centralPressure / reconstruction.vector.maximumPressure
    }

    /// Whether the centre of the maximum-mass star lies more than 1 % above the vector's p_max, in the constant-c_s²
    /// extension rather than the decoded EOS.
    ///
    /// Why 1 %: M(ln p_c) is flat at its maximum (M ≈ M_max − a (Δ ln p_c)², a ≈ 0.1–0.2 M☉ for decoded EOSs), so a
    /// centre within 1 % of p_max gains at most ~2e-5 M☉ from the extension, far below the decoder's accuracy (~0.1 %
    /// in M_max): the flag marks maxima that the extrapolation actually moves. (SLy4's exact vector gives 1 − 2e-5.)
    public var isMaximumMassInExtension: Bool {
        maximumMassPressureRatio > 1 + Self.extensionThreshold
    }

    /// The relative excess of p_c(M_max) over p_max above which the maximum counts as lying in the extension.
    public static let extensionThreshold = 0.01
}
