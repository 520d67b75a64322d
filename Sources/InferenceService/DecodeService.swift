import APIModels
import EOSDecoding
import NeuralNetwork
import NeutronStarPhysics

/// Decodes and encodes through the served model: validation, one batched network pass, the physics of each
/// point spread over threads, and conversion to API results. Never throws for a single bad point of a batch.
struct DecodeService: Sendable {
    let model: ServedModel
    let configuration: ServiceConfiguration
    let metrics: ServiceMetrics

    var validation: PointValidation { PointValidation(model: model, configuration: configuration) }

    /// `POST /v1/decode`.
    func decode(_ body: DecodeRequest) throws(APIProblem) -> DecodeResult {
        let point = LatentPointInput(maximumMass: body.maximumMass, radius14: body.radius14, z: body.z)
        let job = DecodeJob(
            request: try validation.request(for: point), observables: try validation.observables(body.observables),
            fieldPrefix: "")
        let include = body.include ?? .full
        let eosPoints = try validation.eosPoints(body.eosPoints)
        let curvePoints = try validation.massRadiusPoints(body.massRadiusPoints)
        let exact = try validation.conditioning(body.conditioning, tolerance: body.conditioningTolerance)
        return try decode([job], include: include, eosPoints: eosPoints, curvePoints: curvePoints, exact: exact)[0].get()
    }

    /// `POST /v1/decode/batch`.
    func decodeBatch(_ body: BatchDecodeRequest) throws(APIProblem) -> BatchDecodeResponse {
        try validation.batchSize(body.points.count, field: "points")
        let eosPoints = try validation.eosPoints(body.eosPoints)
        let curvePoints = try validation.massRadiusPoints(body.massRadiusPoints)
        let shared = try validation.observables(body.observables)
        let exact = try validation.conditioning(body.conditioning, tolerance: body.conditioningTolerance)
        var items = [BatchDecodeItem?](repeating: nil, count: body.points.count)
        var valid: [(index: Int, job: DecodeJob)] = []
        for (index, point) in body.points.enumerated() {
            let prefix = "points[\(index)]."
            do throws(APIProblem) {
                let request = try validation.request(for: point, prefix: prefix)
                let observables = point.observables == nil ? shared : try validation.observables(point.observables, prefix: prefix)
                valid.append(
                    (
                        index,
                        DecodeJob(
                            request: request, observables: observables,
                            fieldPrefix: point.observables == nil ? "" : prefix)
                    ))
            } catch {
                items[index] = BatchDecodeItem(index: index, error: error.detail)
            }
        }
        let results = decode(
            valid.map(\.job), include: body.include ?? .full, eosPoints: eosPoints, curvePoints: curvePoints,
            exact: exact)
        for (item, result) in zip(valid, results) {
            switch result {
            case .success(let value): items[item.index] = BatchDecodeItem(index: item.index, result: value)
            case .failure(let problem):
                var detail = problem.detail
                detail.field = detail.field ?? "points[\(item.index)]"
                items[item.index] = BatchDecodeItem(index: item.index, error: detail)
            }
        }
        return BatchDecodeResponse(results: items.map { $0! })
    }

    /// `POST /v1/encode`: exactly one of `vector` (a raw 107-vector) or `eos` (an EOS table, turned into its
    /// 107-vector by ``NeutronStarPhysics/TabulatedEOS``; the response then carries that vector).
    func encode(_ body: EncodeRequest) throws(APIProblem) -> EncodeResponse {
        switch (body.vector, body.eos) {
        case (nil, nil):
            throw APIProblem(
                status: 422, code: "missing_field",
                message: "send exactly one of vector (a 107-vector) or eos (an EOS table); neither was given", field: "vector")
        case (.some, .some):
            throw APIProblem(
                status: 422, code: "invalid_value",
                message: "send exactly one of vector (a 107-vector) or eos (an EOS table), not both", field: "eos")
        case (let vector?, nil):
            return try encode(vector: vector, field: "vector")
        case (nil, let table?):
            let vector = try tableVector(table)
            var response = try encode(vector: vector, field: "eos")
            response.vector = vector
            return response
        }
    }

    /// The 107-vector of a posted EOS table (its maximum-mass star solved on the table joined to the SLy4 crust).
    func tableVector(_ table: EncodeEOSTable) throws(APIProblem) -> [Double] {
        let rows = table.pressure.count
        guard (TabulatedEOS.minimumRowCount...configuration.maxEOSPoints).contains(rows) else {
            throw APIProblem(
                status: 422, code: "invalid_length",
                message: "eos.pressure has \(rows) rows; allowed \(TabulatedEOS.minimumRowCount)...\(configuration.maxEOSPoints)",
                field: "eos.pressure")
        }
        do throws(EOSTableError) {
            let tabulated = try TabulatedEOS(
                baryonDensity: table.baryonDensity, energyDensity: table.energyDensity,
                pressure: table.pressure, soundSpeedSquared: table.soundSpeedSquared)
            return try tabulated.encode(relativeTolerance: Self.tableTOVTolerance).vector.values
        } catch {
            throw error.apiProblem
        }
    }

    /// TOV accuracy for p_max of a posted table (the decoder's default: M_max to ~1e-7).
    static let tableTOVTolerance = DecodingOptions().tovRelativeTolerance

    /// Encodes a validated-length 107-vector; `field` names the request value in errors.
    private func encode(vector: [Double], field: String) throws(APIProblem) -> EncodeResponse {
        let count = model.bundle.model.architecture.inputCount
        guard vector.count == count else {
            throw APIProblem(
                status: 422, code: "invalid_length", message: "\(field) has \(vector.count) values; expected \(count)", field: field)
        }
        if let index = vector.firstIndex(where: { !($0.isFinite && $0 > 0 && $0 <= 1e300) }) {
            throw APIProblem(
                status: 422, code: "out_of_range",
                message: "\(field)[\(index)] = \(vector[index]) must be positive and finite (allowed range (0, 1e300])",
                field: "\(field)[\(index)]")
        }
        let encoding: VAEEncoding
        do {
            encoding = try model.bundle.model.encode(vector)
        } catch {
            throw APIProblem(status: 422, code: "encode_failed", message: "the \(field) could not be encoded: \(error)", field: field)
        }
        let (mass, radius) = (encoding.supervised[0], encoding.supervised[1])
        let region = model.region
        let response = EncodeResponse(
            maximumMass: mass, radius14: radius, latentMeans: encoding.latentMeans,
            latentStandardDeviations: encoding.latentStandardDeviations,
            insideTrainingRegion: region.contains(maximumMassMsun: mass, radius14Km: radius, z: encoding.latentMeans),
            zScores: region.standardScores(of: encoding.latentMeans),
            regionScore: region.score(maximumMassMsun: mass, radius14Km: radius, z: encoding.latentMeans))
        guard
            ([response.maximumMass, response.radius14] + response.latentMeans + response.latentStandardDeviations
                + response.zScores).allSatisfy(\.isFinite)
        else {
            throw APIProblem(
                status: 422, code: "non_finite_result", message: "the encoder produced a non-finite value for this \(field)", field: field)
        }
        return response
    }

    /// Decodes validated points: one batched network pass, then each point's physics (and its observables) on up to
    /// `batchThreads` threads. Results are in request order. With `include` ``DecodeInclude/observables`` no
    /// mass–radius curve is solved. With `exact` each point is conditioned on its own thread instead
    /// (``EOSDecoding/EOSDecoder/decodeExactly(_:conditioning:)``: a few network passes and TOV solutions per point).
    func decode(
        _ jobs: [DecodeJob], include: DecodeInclude, eosPoints: Int, curvePoints: Int,
        exact: ExactConditioning? = nil
    ) -> [Result<DecodeResult, APIProblem>] {
        guard !jobs.isEmpty else { return [] }
        let decoder = model.decoder(curvePoints: include == .observables ? 0 : curvePoints)
        let requests = jobs.map(\.request)
        let clock = ContinuousClock()
        var vectors: [[Double]] = []
        if exact == nil {
            let networkStart = clock.now
            do {
                vectors = try decoder.decodeVectors(batch: requests)
            } catch {
                return requests.map { _ in .failure(error.apiProblem) }
            }
            metrics.recordNetwork(clock.now - networkStart)
        }
        let metrics = self.metrics
        return ParallelMap.map(count: jobs.count, threads: configuration.batchThreads) { [vectors] index in
            let start = clock.now
            let result = Result { () throws(APIProblem) -> DecodeResult in
                let decoded: DecodedEOS
                var report: ConditioningReport?
                do throws(EOSDecodingError) {
                    if let exact {
                        (decoded, report) = try decoder.decodeExactly(requests[index], conditioning: exact)
                    } else {
                        decoded = try decoder.solve(rawVector: vectors[index], for: requests[index])
                    }
                } catch {
                    throw error.apiProblem
                }
                var result = try decoded.apiResult(
                    include: include, eosPoints: eosPoints, observables: jobs[index].observables,
                    fieldPrefix: jobs[index].fieldPrefix)
                result.conditioning = report.map {
                    ConditioningResult(
                        evaluations: $0.evaluations, adjustedMaximumMass: $0.adjustedMaximumMassMsun,
                        adjustedRadius14: $0.adjustedRadius14Km, maximumMassResidual: $0.maximumMassResidual,
                        radius14Residual: $0.radius14Residual)
                }
                return result
            }
            metrics.recordSolve(clock.now - start, ok: (try? result.get()) != nil)
            return result
        }
    }
}

/// One validated point to decode, with the observables to compute from it.
struct DecodeJob: Sendable {
    /// The latent point.
    var request: DecodingRequest
    /// What to compute from the decoded EOS, if anything.
    var observables: ObservablesQuery?
    /// JSON path of the point's own `observables` (`""` or `points[3].`), for errors that name a density.
    var fieldPrefix: String
}
