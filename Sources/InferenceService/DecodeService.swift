import APIModels
import EOSDecoding
import NeuralNetwork

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
        let request = try validation.request(for: point)
        let eosPoints = try validation.eosPoints(body.eosPoints)
        let curvePoints = try validation.massRadiusPoints(body.massRadiusPoints)
        return try decode([request], full: true, eosPoints: eosPoints, curvePoints: curvePoints)[0].get()
    }

    /// `POST /v1/decode/batch`.
    func decodeBatch(_ body: BatchDecodeRequest) throws(APIProblem) -> BatchDecodeResponse {
        try validation.batchSize(body.points.count, field: "points")
        let eosPoints = try validation.eosPoints(body.eosPoints)
        let curvePoints = try validation.massRadiusPoints(body.massRadiusPoints)
        var items = [BatchDecodeItem?](repeating: nil, count: body.points.count)
        var valid: [(index: Int, request: DecodingRequest)] = []
        for (index, point) in body.points.enumerated() {
            do throws(APIProblem) {
                valid.append((index, try validation.request(for: point, prefix: "points[\(index)].")))
            } catch {
                items[index] = BatchDecodeItem(index: index, error: error.detail)
            }
        }
        let results = decode(valid.map(\.request), full: (body.include ?? .full) == .full,
                             eosPoints: eosPoints, curvePoints: curvePoints)
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

    /// `POST /v1/encode`.
    func encode(_ body: EncodeRequest) throws(APIProblem) -> EncodeResponse {
        let count = model.bundle.model.architecture.inputCount
        guard body.vector.count == count else {
            throw APIProblem(status: 422, code: "invalid_length", message: "vector has \(body.vector.count) values; expected \(count)", field: "vector")
        }
        if let index = body.vector.firstIndex(where: { !($0.isFinite && $0 > 0 && $0 <= 1e300) }) {
            throw APIProblem(status: 422, code: "out_of_range",
                             message: "vector[\(index)] = \(body.vector[index]) must be positive and finite (allowed range (0, 1e300])",
                             field: "vector[\(index)]")
        }
        let encoding: VAEEncoding
        do {
            encoding = try model.bundle.model.encode(body.vector)
        } catch {
            throw APIProblem(status: 422, code: "encode_failed", message: "the vector could not be encoded: \(error)", field: "vector")
        }
        let response = EncodeResponse(maximumMass: encoding.supervised[0], radius14: encoding.supervised[1],
                                      latentMeans: encoding.latentMeans, latentStandardDeviations: encoding.latentStandardDeviations)
        guard ([response.maximumMass, response.radius14] + response.latentMeans + response.latentStandardDeviations).allSatisfy(\.isFinite) else {
            throw APIProblem(status: 422, code: "non_finite_result", message: "the encoder produced a non-finite value for this vector", field: "vector")
        }
        return response
    }

    /// Decodes validated requests: one batched network pass, then each point's physics on up to
    /// `batchThreads` threads. Results are in request order.
    func decode(_ requests: [DecodingRequest], full: Bool, eosPoints: Int, curvePoints: Int) -> [Result<DecodeResult, APIProblem>] {
        guard !requests.isEmpty else { return [] }
        let decoder = model.decoder(curvePoints: curvePoints)
        let clock = ContinuousClock()
        let networkStart = clock.now
        let vectors: [[Double]]
        do {
            vectors = try decoder.decodeVectors(batch: requests)
        } catch {
            return requests.map { _ in .failure(error.apiProblem) }
        }
        metrics.recordNetwork(clock.now - networkStart)
        let metrics = self.metrics
        return ParallelMap.map(count: requests.count, threads: configuration.batchThreads) { index in
            let start = clock.now
            let result = Result { () throws(APIProblem) -> DecodeResult in
                let decoded: DecodedEOS
                do throws(EOSDecodingError) {
                    decoded = try decoder.solve(rawVector: vectors[index], for: requests[index])
                } catch {
                    throw error.apiProblem
                }
                return try decoded.apiResult(full: full, eosPoints: eosPoints)
            }
            metrics.recordSolve(clock.now - start, ok: (try? result.get()) != nil)
            return result
        }
    }
}
