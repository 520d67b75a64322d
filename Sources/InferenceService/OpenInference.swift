import APIModels
import EOSDecoding

/// The Open Inference Protocol v2 (KServe) view of the model: input `latent` (FP64, [N, 2 + d], rows
/// M_max, R_1.4, z…), outputs `m_max`, `r_14`, `lambda_14` ([N]), `mass`, `radius`, `lambda` ([N, K] curves)
/// and `ok` (BOOL [N]; false rows failed to decode and hold zeros).
struct OpenInference: Sendable {
    let service: DecodeService

    /// Output names in response order.
    static let outputNames = ["m_max", "r_14", "lambda_14", "mass", "radius", "lambda", "ok"]
    /// The model version reported.
    static let version = "1"
    /// The platform reported.
    static let platform = "swift-eos-vae"

    /// `GET /v2/models/{name}`.
    var metadata: V2ModelMetadata {
        let width = 2 + service.model.latentDimension
        let k = service.configuration.defaultMassRadiusPoints
        return V2ModelMetadata(
            name: service.model.name, versions: [Self.version], platform: Self.platform,
            inputs: [V2TensorMetadata(name: "latent", datatype: "FP64", shape: [-1, width])],
            outputs: [V2TensorMetadata(name: "m_max", datatype: "FP64", shape: [-1]),
                      V2TensorMetadata(name: "r_14", datatype: "FP64", shape: [-1]),
                      V2TensorMetadata(name: "lambda_14", datatype: "FP64", shape: [-1]),
                      V2TensorMetadata(name: "mass", datatype: "FP64", shape: [-1, k]),
                      V2TensorMetadata(name: "radius", datatype: "FP64", shape: [-1, k]),
                      V2TensorMetadata(name: "lambda", datatype: "FP64", shape: [-1, k]),
                      V2TensorMetadata(name: "ok", datatype: "BOOL", shape: [-1])])
    }

    /// `POST /v2/models/{name}/infer`.
    func infer(_ body: V2InferenceRequest) throws(APIProblem) -> V2InferenceResponse {
        let width = 2 + service.model.latentDimension
        guard body.inputs.count == 1, let input = body.inputs.first else {
            throw APIProblem(status: 422, code: "invalid_length", message: "inputs must hold exactly one tensor named 'latent'", field: "inputs")
        }
        guard input.name == "latent" else {
            throw APIProblem(status: 422, code: "invalid_value", message: "unknown input '\(input.name)'; the model's input is 'latent'", field: "inputs[0].name")
        }
        guard input.datatype == "FP64" else {
            throw APIProblem(status: 422, code: "invalid_value", message: "inputs[0].datatype must be FP64", field: "inputs[0].datatype")
        }
        guard input.shape.count == 2, input.shape[1] == width else {
            throw APIProblem(status: 422, code: "invalid_value", message: "inputs[0].shape must be [N, \(width)]", field: "inputs[0].shape")
        }
        let rows = input.shape[0]
        try service.validation.batchSize(rows, field: "inputs[0].shape")
        guard input.data.count == rows * width else {
            throw APIProblem(status: 422, code: "invalid_length",
                             message: "inputs[0].data holds \(input.data.count) values; shape [\(rows), \(width)] needs \(rows * width)",
                             field: "inputs[0].data")
        }
        let wanted = try requestedOutputs(body.outputs)
        var requests: [DecodingRequest] = []
        for row in 0..<rows {
            let values = Array(input.data[(row * width)..<((row + 1) * width)])
            let point = LatentPointInput(maximumMass: values[0], radius14: values[1], z: Array(values[2...]))
            do throws(APIProblem) {
                requests.append(try service.validation.request(for: point))
            } catch {
                var problem = error
                problem.detail.message = "row \(row): " + problem.detail.message
                problem.detail.field = "inputs[0].data"
                throw problem
            }
        }
        let k = service.configuration.defaultMassRadiusPoints
        let jobs = requests.map { DecodeJob(request: $0, observables: nil, fieldPrefix: "") }
        let results = service.decode(jobs, include: .scalars, eosPoints: 2, curvePoints: k).map { try? $0.get() }
        func column(_ value: (DecodeResult) -> Double) -> [Double] { results.map { $0.map(value) ?? 0 } }
        func curve(_ values: (MassRadiusCurve) -> [Double]) -> [Double] {
            results.flatMap { $0?.massRadius.map(values) ?? [Double](repeating: 0, count: k) }
        }
        let all: [V2OutputTensor] = [
            V2OutputTensor(name: "m_max", datatype: "FP64", shape: [rows], data: .fp64(column(\.maximumMass))),
            V2OutputTensor(name: "r_14", datatype: "FP64", shape: [rows], data: .fp64(column(\.radius14))),
            V2OutputTensor(name: "lambda_14", datatype: "FP64", shape: [rows], data: .fp64(column(\.tidalDeformability14))),
            V2OutputTensor(name: "mass", datatype: "FP64", shape: [rows, k], data: .fp64(curve(\.mass))),
            V2OutputTensor(name: "radius", datatype: "FP64", shape: [rows, k], data: .fp64(curve(\.radius))),
            V2OutputTensor(name: "lambda", datatype: "FP64", shape: [rows, k], data: .fp64(curve(\.tidalDeformability))),
            V2OutputTensor(name: "ok", datatype: "BOOL", shape: [rows], data: .bool(results.map { $0 != nil })),
        ]
        return V2InferenceResponse(modelName: service.model.name, modelVersion: Self.version, id: body.id,
                                   outputs: all.filter { wanted.contains($0.name) })
    }

    private func requestedOutputs(_ outputs: [V2RequestedOutput]?) throws(APIProblem) -> Set<String> {
        guard let outputs, !outputs.isEmpty else { return Set(Self.outputNames) }
        for (index, output) in outputs.enumerated() where !Self.outputNames.contains(output.name) {
            throw APIProblem(status: 422, code: "invalid_value",
                             message: "unknown output '\(output.name)'; outputs are \(Self.outputNames.joined(separator: ", "))",
                             field: "outputs[\(index)].name")
        }
        return Set(outputs.map(\.name))
    }
}
