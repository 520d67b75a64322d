import NeutronStarPhysics

/// Settings of exact conditioning (``EOSDecoder/decodeExactly(_:conditioning:)``): the decoder's supervised inputs
/// (M_max′, R_1.4′) are adjusted, z fixed, until the decoded EOS's solved M_max and R_1.4 equal the requested ones.
public struct ExactConditioning: Sendable, Equatable {
    /// Largest relative difference between solved and requested M_max and R_1.4 (default 1e-5).
    public var relativeTolerance: Double
    /// Most decoder evaluations, the first (at the requested point) included (default 10).
    public var maximumEvaluations: Int

    /// The tolerances a request may ask for: the TOV solution is good to ~1e-7, the network's own error is ~1e-3.
    public static let toleranceRange = 1e-7...1e-2

    public init(relativeTolerance: Double = 1e-5, maximumEvaluations: Int = 10) {
        self.relativeTolerance = relativeTolerance
        self.maximumEvaluations = maximumEvaluations
    }
}

/// How exact conditioning went: the adjusted inputs that were fed to the decoder and the final residuals.
public struct ConditioningReport: Sendable, Equatable {
    /// Decoder evaluations (network pass + TOV solution) made, the first included.
    public var evaluations: Int
    /// The M_max′ [M☉] fed to the decoder.
    public var adjustedMaximumMassMsun: Double
    /// The R_1.4′ [km] fed to the decoder.
    public var adjustedRadius14Km: Double
    /// Solved M_max / requested M_max − 1.
    public var maximumMassResidual: Double
    /// Solved R_1.4 / requested R_1.4 − 1.
    public var radius14Residual: Double
}

extension EOSDecoder {
    /// Decodes `request` so that the solved M_max and R_1.4 equal the requested ones to
    /// `conditioning.relativeTolerance`: a quasi-Newton (Broyden) iteration on the decoder's supervised inputs, z
    /// fixed, from the requested point with the identity as first Jacobian (the map from inputs to solved values is
    /// close to the identity). A step that leaves the training label box is shortened to its edge; one whose decode
    /// fails is halved. The result's `request` and diagnostics are the requested point's; the network input is in the
    /// report.
    /// - Throws: ``EOSDecodingError/conditioningFailed(_:)`` when no input inside the training label box reaches the
    ///   tolerance within `conditioning.maximumEvaluations`; the errors of ``decode(_:)`` for the first evaluation.
    public func decodeExactly(
        _ request: DecodingRequest,
        conditioning: ExactConditioning = ExactConditioning()
    ) throws(EOSDecodingError) -> (DecodedEOS, ConditioningReport) {
        let tolerance = conditioning.relativeTolerance
        guard ExactConditioning.toleranceRange.contains(tolerance), (1...100).contains(conditioning.maximumEvaluations) else {
            throw .invalidRequest(
                "exact conditioning needs a tolerance in [\(ExactConditioning.toleranceRange.lowerBound), "
                    + "\(ExactConditioning.toleranceRange.upperBound)] and 1...100 evaluations")
        }
        let target = SIMD2(request.maximumMassMsun, request.radius14Km)
        let box = (
            lower: SIMD2(trainingRegion.maximumMassRangeMsun.lowerBound, trainingRegion.radius14RangeKm.lowerBound),
            upper: SIMD2(trainingRegion.maximumMassRangeMsun.upperBound, trainingRegion.radius14RangeKm.upperBound)
        )
        // Iterates without a mass–radius curve; the answer is re-solved with the curve at the end if one is wanted.
        var fast = options
        fast.curvePoints = 0
        let iterate = (try? EOSDecoder(model: model, options: fast)) ?? self
        func evaluate(_ input: SIMD2<Double>) throws(EOSDecodingError) -> (DecodedEOS, SIMD2<Double>) {
            let raw = try iterate.decodeVectors(batch: [DecodingRequest(maximumMassMsun: input[0], radius14Km: input[1], z: request.z)])[0]
            let decoded = try iterate.solve(rawVector: raw, for: request)
            return (decoded, SIMD2(decoded.maximumMassMsun, decoded.radius14Km))
        }
        func converged(_ value: SIMD2<Double>) -> Bool {
            let residual = value / target - 1
            return abs(residual[0]) <= tolerance && abs(residual[1]) <= tolerance
        }
        var x = target
        var (decoded, y) = try evaluate(x)
        var evaluations = 1
        // Broyden's Jacobian of the solved values with respect to the inputs, rows (M, R).
        var jacobian = (SIMD2<Double>(1, 0), SIMD2<Double>(0, 1))
        var shortenedBefore = false
        while !converged(y) {
            guard evaluations < conditioning.maximumEvaluations else {
                throw .conditioningFailed(
                    String(
                        format: "no decoder input reached the tolerance %.1e in %d evaluations "
                            + "(last residuals: M_max %.2e, R_1.4 %.2e)", tolerance, evaluations, y[0] / target[0] - 1, y[1] / target[1] - 1
                    ))
            }
            let determinant = jacobian.0[0] * jacobian.1[1] - jacobian.0[1] * jacobian.1[0]
            guard abs(determinant) > 1e-8 else { throw .conditioningFailed("the decoder's response to its inputs became singular") }
            let r = target - y
            var step = SIMD2(
                (jacobian.1[1] * r[0] - jacobian.0[1] * r[1]) / determinant,
                (jacobian.0[0] * r[1] - jacobian.1[0] * r[0]) / determinant)
            // Shorten the step to stay inside the training label box.
            var scale = 1.0
            for i in 0..<2 where step[i] != 0 {
                let room = step[i] > 0 ? box.upper[i] - x[i] : box.lower[i] - x[i]
                scale = min(scale, room / step[i])
            }
            // A step cut at the box edge twice in a row: the input needed lies outside the box.
            guard scale > 1e-6, !(scale < 1 && shortenedBefore) else {
                throw .conditioningFailed(
                    "the decoder input needed lies outside the training label box "
                        + "(M_max \(box.lower[0])...\(box.upper[0]) Msun, R_1.4 \(box.lower[1])...\(box.upper[1]) km)")
            }
            shortenedBefore = scale < 1
            step *= scale
            var next: (DecodedEOS, SIMD2<Double>)?
            while next == nil {
                do throws(EOSDecodingError) {
                    next = try evaluate(x + step)
                } catch {
                    evaluations += 1
                    guard evaluations < conditioning.maximumEvaluations else {
                        throw .conditioningFailed("the decoded EOS failed near the requested point: \(error)")
                    }
                    step *= 0.5
                    continue
                }
                evaluations += 1
            }
            let (nextDecoded, nextY) = next!
            // Broyden's rank-one update: J += (Δy − J Δx) Δxᵀ / |Δx|².
            let dy = nextY - y
            let predicted = SIMD2((jacobian.0 * step).sum(), (jacobian.1 * step).sum())
            let correction = (dy - predicted) / (step * step).sum()
            jacobian.0 += correction[0] * step
            jacobian.1 += correction[1] * step
            x += step
            (decoded, y) = (nextDecoded, nextY)
        }
        if options.curvePoints > 0 {
            do {
                decoded.solved = try decoded.solved.withCurve(points: options.curvePoints)
            } catch {
                throw .stars((error as? PhysicsError) ?? .numerical("\(error)"))
            }
        }
        let report = ConditioningReport(
            evaluations: evaluations, adjustedMaximumMassMsun: x[0], adjustedRadius14Km: x[1],
            maximumMassResidual: y[0] / target[0] - 1, radius14Residual: y[1] / target[1] - 1)
        return (decoded, report)
    }
}
