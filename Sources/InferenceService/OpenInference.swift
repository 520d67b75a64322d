import APIModels
import EOSDecoding
import Foundation
import MiniHTTP

/// The Open Inference Protocol v2 (KServe) view of the model: input `latent` (FP64, or FP32 converted to FP64,
/// [N, 2 + d], rows M_max, R_1.4, z…), outputs `m_max`, `r_14`, `lambda_14` ([N]), `mass`, `radius`, `lambda`
/// ([N, K] curves) and `ok` (BOOL [N]; false rows failed to decode and hold zeros). Inputs and outputs may use the
/// binary tensor data extension (``BinaryTensorData``).
struct OpenInference: Sendable {
    let service: DecodeService

    /// Output names in response order.
    static let outputNames = ["m_max", "r_14", "lambda_14", "mass", "radius", "lambda", "ok"]
    /// The model version reported.
    static let version = "1"
    /// The platform reported.
    static let platform = "swift-eos-vae"
    /// The protocol extensions supported (`GET /v2`).
    static let extensions = ["binary_tensor_data"]
    /// Input datatypes accepted; FP32 values are converted to FP64.
    static let inputDatatypes = ["FP64", "FP32"]

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// `GET /v2/models/{name}`.
    var metadata: V2ModelMetadata {
        let width = 2 + service.model.latentDimension
        let k = service.configuration.defaultMassRadiusPoints
        return V2ModelMetadata(
            name: service.model.name, versions: [Self.version], platform: Self.platform,
            inputs: [
                V2TensorMetadata(
                    name: "latent", datatype: "FP64", shape: [-1, width],
                    parameters: V2Parameters([
                        "accepted_datatypes": .string(Self.inputDatatypes.joined(separator: ",")),
                        "conversion": .string("FP32 inputs are converted to FP64"),
                    ]))
            ],
            outputs: [
                V2TensorMetadata(name: "m_max", datatype: "FP64", shape: [-1]),
                V2TensorMetadata(name: "r_14", datatype: "FP64", shape: [-1]),
                V2TensorMetadata(name: "lambda_14", datatype: "FP64", shape: [-1]),
                V2TensorMetadata(name: "mass", datatype: "FP64", shape: [-1, k]),
                V2TensorMetadata(name: "radius", datatype: "FP64", shape: [-1, k]),
                V2TensorMetadata(name: "lambda", datatype: "FP64", shape: [-1, k]),
                V2TensorMetadata(name: "ok", datatype: "BOOL", shape: [-1]),
            ])
    }

    /// `POST /v2/models/{name}/infer` as HTTP: a JSON body (with or without `Content-Type`) or a binary-framed one in,
    /// a JSON response or — when any output is asked for as binary data — the JSON header and the binary outputs out.
    func infer(_ request: HTTPRequest) throws(APIProblem) -> HTTPResponse {
        let body = try BinaryTensorData.split(request)
        let inference = try JSONRequestBody.decode(V2InferenceRequest.self, json: Data(body.json))
        let (response, binary) = try infer(inference, binaryInput: body.binary)
        let header: [UInt8]
        do {
            header = Array(try Self.encoder.encode(response))
        } catch {
            throw APIProblem(status: 500, code: "internal_error", message: "internal server error")
        }
        guard response.outputs.contains(where: { $0.parameters?.binaryDataSize != nil }) else {
            return .json(header)
        }
        return HTTPResponse(
            status: 200,
            headers: [
                "Content-Type": "application/octet-stream",
                BinaryTensorData.headerLengthField: String(header.count),
            ],
            body: header + binary)
    }

    /// Decodes the request's rows; returns the response (binary outputs carry `binary_data_size` and no data) and the
    /// binary outputs' bytes in response order. `binaryInput` is the data after the JSON header (empty without one).
    func infer(_ body: V2InferenceRequest, binaryInput: ArraySlice<UInt8> = []) throws(APIProblem) -> (V2InferenceResponse, [UInt8]) {
        let width = 2 + service.model.latentDimension
        guard body.inputs.count == 1, let input = body.inputs.first else {
            throw APIProblem(
                status: 422, code: "invalid_length", message: "inputs must hold exactly one tensor named 'latent'", field: "inputs")
        }
        guard input.name == "latent" else {
            throw APIProblem(
                status: 422, code: "invalid_value", message: "unknown input '\(input.name)'; the model's input is 'latent'",
                field: "inputs[0].name")
        }
        guard Self.inputDatatypes.contains(input.datatype) else {
            throw APIProblem(
                status: 422, code: "invalid_value", message: "inputs[0].datatype must be FP64 or FP32, not \(input.datatype)",
                field: "inputs[0].datatype")
        }
        guard input.shape.count == 2, input.shape[1] == width else {
            throw APIProblem(status: 422, code: "invalid_value", message: "inputs[0].shape must be [N, \(width)]", field: "inputs[0].shape")
        }
        let rows = input.shape[0]
        try service.validation.batchSize(rows, field: "inputs[0].shape")
        let data = try values(of: input, count: rows * width, binary: binaryInput)
        let wanted = try requestedOutputs(body)
        var requests: [DecodingRequest] = []
        for row in 0..<rows {
            let values = Array(data[(row * width)..<((row + 1) * width)])
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
        let exact = try conditioning(body.parameters)
        let results = service.decode(jobs, include: .scalars, eosPoints: 2, curvePoints: k, exact: exact).map { try? $0.get() }
        func column(_ value: (DecodeResult) -> Double) -> V2TensorData { .fp64(results.map { $0.map(value) ?? 0 }) }
        func curve(_ values: (MassRadiusCurve) -> [Double]) -> V2TensorData {
            .fp64(results.flatMap { $0?.massRadius.map(values) ?? [Double](repeating: 0, count: k) })
        }
        let all: [(name: String, datatype: String, shape: [Int], data: () -> V2TensorData)] = [
            ("m_max", "FP64", [rows], { column(\.maximumMass) }),
            ("r_14", "FP64", [rows], { column(\.radius14) }),
            ("lambda_14", "FP64", [rows], { column(\.tidalDeformability14) }),
            ("mass", "FP64", [rows, k], { curve(\.mass) }),
            ("radius", "FP64", [rows, k], { curve(\.radius) }),
            ("lambda", "FP64", [rows, k], { curve(\.tidalDeformability) }),
            ("ok", "BOOL", [rows], { .bool(results.map { $0 != nil }) }),
        ]
        var outputs: [V2OutputTensor] = []
        var binary: [UInt8] = []
        for output in all {
            guard let asBinary = wanted[output.name] else { continue }
            let data = output.data()
            if asBinary {
                let bytes = BinaryTensorData.bytes(data)
                binary += bytes
                outputs.append(
                    V2OutputTensor(
                        name: output.name, datatype: output.datatype, shape: output.shape, data: nil,
                        parameters: V2Parameters(["binary_data_size": .number(Double(bytes.count))])))
            } else {
                outputs.append(V2OutputTensor(name: output.name, datatype: output.datatype, shape: output.shape, data: data))
            }
        }
        let response = V2InferenceResponse(modelName: service.model.name, modelVersion: Self.version, id: body.id, outputs: outputs)
        return (response, binary)
    }

    /// The input's `count` values, from its JSON `data` or, with `binary_data_size`, from the binary data; FP32 values
    /// are rounded to single precision (as a client's float32 tensor holds them) and widened to FP64.
    private func values(of input: V2InputTensor, count: Int, binary: ArraySlice<UInt8>) throws(APIProblem) -> [Double] {
        guard let size = input.parameters?.binaryDataSize else {
            guard binary.isEmpty else {
                throw APIProblem(
                    status: 400, code: "malformed_body",
                    message: "\(binary.count) bytes of binary data follow the JSON header, but no input has parameters.binary_data_size")
            }
            guard let data = input.data else {
                throw APIProblem(
                    status: 422, code: "missing_field", message: "inputs[0].data is required (or parameters.binary_data_size)",
                    field: "inputs[0].data")
            }
            guard data.count == count else {
                throw APIProblem(
                    status: 422, code: "invalid_length",
                    message: "inputs[0].data holds \(data.count) values; shape \(input.shape) needs \(count)", field: "inputs[0].data")
            }
            return input.datatype == "FP32" ? data.map { Double(Float($0)) } : data
        }
        let field = "inputs[0].parameters.binary_data_size"
        guard input.data == nil else {
            throw APIProblem(
                status: 422, code: "invalid_value", message: "inputs[0] has both data and \(field); send one", field: "inputs[0].data")
        }
        let width = BinaryTensorData.elementBytes(input.datatype) ?? 8
        guard case .number(let bytes) = size, bytes == Double(count * width) else {
            throw APIProblem(
                status: 422, code: "invalid_value",
                message: "\(field) must be \(count * width) (\(count) \(input.datatype) values of shape \(input.shape))", field: field)
        }
        guard !binary.isEmpty else {
            throw APIProblem(
                status: 422, code: "invalid_value",
                message: "\(field) needs the values as binary data after the JSON header (\(BinaryTensorData.headerLengthField))",
                field: field)
        }
        guard binary.count == count * width else {
            throw APIProblem(
                status: 400, code: "malformed_body",
                message: "\(binary.count) bytes of binary data follow the JSON header; \(field) says \(count * width)")
        }
        return BinaryTensorData.values(binary, datatype: input.datatype)
    }

    /// The outputs to send, each mapped to whether it goes as binary data: all unless `outputs` names some; binary when
    /// the output's `binary_data` says so, else when the request's `binary_data_output` does.
    /// Exact conditioning from the request's parameters `conditioning` ("network", the default, or "exact") and
    /// `conditioning_tolerance` (as on /v1/decode); a row that cannot be conditioned has `ok` false.
    private func conditioning(_ parameters: V2Parameters?) throws(APIProblem) -> ExactConditioning? {
        var mode: Conditioning?
        switch parameters?.values["conditioning"] {
        case nil: mode = nil
        case .string(let text)?:
            guard let value = Conditioning(rawValue: text) else {
                throw APIProblem(
                    status: 422, code: "invalid_value", message: "parameters.conditioning must be one of network, exact",
                    field: "parameters.conditioning")
            }
            mode = value
        case .some:
            throw APIProblem(
                status: 422, code: "invalid_value", message: "parameters.conditioning must be a string: network or exact",
                field: "parameters.conditioning")
        }
        var tolerance: Double?
        switch parameters?.values["conditioning_tolerance"] {
        case nil: tolerance = nil
        case .number(let value)?: tolerance = value
        case .some:
            throw APIProblem(
                status: 422, code: "invalid_value", message: "parameters.conditioning_tolerance must be a number",
                field: "parameters.conditioning_tolerance")
        }
        do {
            return try service.validation.conditioning(mode, tolerance: tolerance)
        } catch {
            var problem = error
            problem.detail.field = problem.detail.field.map { "parameters." + $0 }
            problem.detail.message = "parameters." + problem.detail.message
            throw problem
        }
    }

    private func requestedOutputs(_ body: V2InferenceRequest) throws(APIProblem) -> [String: Bool] {
        let allBinary = try flag(body.parameters?.binaryDataOutput, field: "parameters.binary_data_output") ?? false
        guard let outputs = body.outputs, !outputs.isEmpty else {
            return Dictionary(uniqueKeysWithValues: Self.outputNames.map { ($0, allBinary) })
        }
        var wanted: [String: Bool] = [:]
        for (index, output) in outputs.enumerated() {
            guard Self.outputNames.contains(output.name) else {
                throw APIProblem(
                    status: 422, code: "invalid_value",
                    message: "unknown output '\(output.name)'; outputs are \(Self.outputNames.joined(separator: ", "))",
                    field: "outputs[\(index)].name")
            }
            wanted[output.name] = try flag(output.parameters?.binaryData, field: "outputs[\(index)].parameters.binary_data") ?? allBinary
        }
        return wanted
    }

    private func flag(_ value: V2ParameterValue?, field: String) throws(APIProblem) -> Bool? {
        switch value {
        case nil: return nil
        case .bool(let flag)?: return flag
        default: throw APIProblem(status: 422, code: "invalid_type", message: "\(field) must be a boolean", field: field)
        }
    }
}
