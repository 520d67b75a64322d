import NeuralNetwork
import NeutronStarPhysics

/// Turns latent points (M_max, R_1.4, z) into EOSs and their stars with a trained ``NeuralNetwork/VAEModel``:
/// decoder → 107-vector → ``NeutronStarPhysics/ReconstructedEOS`` → TOV sequence (M_max, 1.4 M☉ star, curve).
///
/// The value is immutable and `Sendable`: one decoder can serve concurrent callers.
/// Work is done on the calling thread; callers that want parallelism split a batch across threads
/// (``decodeVectors(batch:)`` once for the network, then ``solve(rawVector:for:)`` per point).
///
///     let decoder = try EOSDecoder(model: bundle.model)
///     let result = try decoder.decode(DecodingRequest(maximumMassMsun: 2.05, radius14Km: 11.7))
///     print(result.maximumMassMsun, result.radius14Km, result.diagnostics.isCausal)
public struct EOSDecoder: Sendable {
    /// The trained network.
    public let model: VAEModel
    /// Accuracy and output settings.
    public let options: DecodingOptions
    /// Where the model was trained (labels box and the learned support's score, or z within
    /// ± ``DecodingOptions/latentRegionSigmas`` σ for a model without one).
    public let trainingRegion: TrainingRegion

    /// A decoder for a model with two supervised latents (M_max, R_1.4) and 107 outputs.
    /// - Throws: ``EOSDecodingError/invalidRequest(_:)`` if the options are unusable or the model has another shape.
    public init(model: VAEModel, options: DecodingOptions = DecodingOptions()) throws(EOSDecodingError) {
        if let problem = options.problem { throw .invalidRequest(problem) }
        let architecture = model.architecture
        guard architecture.supervisedLatentCount == 2, architecture.soundSpeedCount == SoundSpeedVector.gridCount,
            architecture.inputCount == SoundSpeedVector.count
        else {
            throw .invalidRequest("the model must have 2 supervised latents and \(SoundSpeedVector.count) outputs")
        }
        self.model = model
        self.options = options
        trainingRegion = TrainingRegion(statistics: model.latentStatistics, sigmas: options.latentRegionSigmas)
    }

    /// Number d of unsupervised latents the model expects in ``DecodingRequest/z``.
    public var latentDimension: Int { model.architecture.latentCount }

    /// Decodes one point: network, reconstruction and stars.
    public func decode(_ request: DecodingRequest) throws(EOSDecodingError) -> DecodedEOS {
        let completed = try complete(request)
        let raw = try decodeVectors(completed: [completed])[0]
        return try solve(rawVector: raw, for: completed)
    }

    /// Decodes many points: one batched network pass, then each EOS is rebuilt and solved in turn.
    /// Results are in request order; a failing point does not stop the others.
    /// Bit-identical to single ``decode(_:)`` calls: the network's inference kernels sum in an order independent of the batch.
    public func decode(batch requests: [DecodingRequest]) -> [Result<DecodedEOS, EOSDecodingError>] {
        var results = [Result<DecodedEOS, EOSDecodingError>?](repeating: nil, count: requests.count)
        var valid: [(index: Int, request: DecodingRequest)] = []
        for (index, request) in requests.enumerated() {
            do throws(EOSDecodingError) {
                valid.append((index, try complete(request)))
            } catch {
                results[index] = .failure(error)
            }
        }
        do throws(EOSDecodingError) {
            let raws = try decodeVectors(completed: valid.map(\.request))
            for (item, raw) in zip(valid, raws) {
                results[item.index] = Result { () throws(EOSDecodingError) in try solve(rawVector: raw, for: item.request) }
            }
        } catch {
            for item in valid { results[item.index] = .failure(error) }
        }
        return results.map { $0! }
    }

    /// The network step alone: raw 107-vectors for the requests (batched).
    /// - Throws: ``EOSDecodingError/invalidRequest(_:)`` for the first unusable request.
    public func decodeVectors(batch requests: [DecodingRequest]) throws(EOSDecodingError) -> [[Double]] {
        var completed: [DecodingRequest] = []
        for request in requests { completed.append(try complete(request)) }
        return try decodeVectors(completed: completed)
    }

    /// The physics step alone: rebuilds the EOS from a raw decoder vector and solves its stars.
    /// `request` is what was asked for (its z, if nil, is taken as the training mean).
    public func solve(rawVector: [Double], for request: DecodingRequest) throws(EOSDecodingError) -> DecodedEOS {
        let request = try complete(request)
        let vector: SoundSpeedVector
        do {
            vector = try SoundSpeedVector(values: rawVector)
        } catch {
            throw .invalidVector(Self.physicsError(error))
        }
        let reconstruction: ReconstructedEOS
        do {
            reconstruction = try ReconstructedEOS(vector: vector, interpolation: options.interpolation)
        } catch {
            throw .reconstruction(Self.physicsError(error))
        }
        // The stars of the rebuilt EOS, its table extended above the decoded p_max while M(p_c) still rises at the
        // top (up to 4 p_max): the decoded p_max only estimates the centre of the maximum-mass star.
        let solved: ReconstructedStars
        do {
            solved = try ReconstructedStars(
                reconstruction: reconstruction, relativeTolerance: options.tovRelativeTolerance,
                curvePoints: options.curvePoints)
        } catch {
            throw .stars(Self.physicsError(error))
        }
        let diagnostics = EOSChecks.diagnostics(solved: solved, request: request, region: trainingRegion)
        return DecodedEOS(request: request, rawVector: rawVector, solved: solved, diagnostics: diagnostics)
    }

    /// Validates a request and fills in the default z.
    private func complete(_ request: DecodingRequest) throws(EOSDecodingError) -> DecodingRequest {
        guard request.maximumMassMsun.isFinite, request.maximumMassMsun > 0 else {
            throw .invalidRequest("M_max = \(request.maximumMassMsun) Msun must be finite and positive")
        }
        guard request.radius14Km.isFinite, request.radius14Km > 0 else {
            throw .invalidRequest("R_1.4 = \(request.radius14Km) km must be finite and positive")
        }
        let z = request.z ?? model.latentStatistics.latentMeans
        guard z.count == latentDimension else {
            throw .invalidRequest("z has \(z.count) values, the model has \(latentDimension) latent dimensions")
        }
        if let index = z.firstIndex(where: { !$0.isFinite }) { throw .invalidRequest("z[\(index)] = \(z[index]) is not finite") }
        return DecodingRequest(maximumMassMsun: request.maximumMassMsun, radius14Km: request.radius14Km, z: z)
    }

    private func decodeVectors(completed: [DecodingRequest]) throws(EOSDecodingError) -> [[Double]] {
        if completed.isEmpty { return [] }
        do {
            return try model.decode(
                batch: completed.map {
                    LatentPoint(mMax: $0.maximumMassMsun, r14: $0.radius14Km, z: $0.z ?? [])
                })
        } catch {
            throw .network(error)
        }
    }

    private static func physicsError(_ error: any Error) -> PhysicsError {
        (error as? PhysicsError) ?? .numerical("\(error)")
    }
}
