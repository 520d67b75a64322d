/// Types of the Open Inference Protocol v2 (KServe) REST API, as this server speaks it.

/// `GET /v2/health/live`: `{"live": true}`.
public struct V2ServerLive: Codable, Sendable, Equatable {
    /// Whether the server process is up.
    public var live: Bool

    /// A liveness answer.
    public init(live: Bool) {
        self.live = live
    }
}

/// `GET /v2/health/ready`: `{"ready": true}` (503 with `false` while loading or draining).
public struct V2ServerReady: Codable, Sendable, Equatable {
    /// Whether the server accepts inference requests.
    public var ready: Bool

    /// A readiness answer.
    public init(ready: Bool) {
        self.ready = ready
    }
}

/// `GET /v2/models/{name}/ready`: `{"name": "default", "ready": true}`.
public struct V2ModelReady: Codable, Sendable, Equatable {
    /// The model.
    public var name: String
    /// Whether it accepts inference requests.
    public var ready: Bool

    /// A model readiness answer.
    public init(name: String, ready: Bool) {
        self.name = name
        self.ready = ready
    }
}

/// `GET /v2/models/{name}`: the model's tensors.
public struct V2ModelMetadata: Codable, Sendable, Equatable {
    /// The model.
    public var name: String
    /// Available versions (one: `"1"`).
    public var versions: [String]
    /// The serving platform (`swift-eos-vae`).
    public var platform: String
    /// Input tensors (one: `latent`).
    public var inputs: [V2TensorMetadata]
    /// Output tensors.
    public var outputs: [V2TensorMetadata]

    /// Model metadata.
    public init(name: String, versions: [String], platform: String, inputs: [V2TensorMetadata], outputs: [V2TensorMetadata]) {
        self.name = name
        self.versions = versions
        self.platform = platform
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// A tensor's name, datatype and shape (-1 for a variable dimension).
public struct V2TensorMetadata: Codable, Sendable, Equatable {
    /// Tensor name.
    public var name: String
    /// `FP64` or `BOOL`.
    public var datatype: String
    /// Shape; -1 marks a variable dimension.
    public var shape: [Int]
    /// Extra facts, e.g. `accepted_datatypes` on an input that also takes FP32 (converted to FP64).
    public var parameters: V2Parameters?

    /// Tensor metadata.
    public init(name: String, datatype: String, shape: [Int], parameters: V2Parameters? = nil) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.parameters = parameters
    }
}

/// `POST /v2/models/{name}/infer` request.
public struct V2InferenceRequest: Codable, Sendable, Equatable {
    /// Optional request id, echoed in the response.
    public var id: String?
    /// The inputs: exactly one tensor named `latent`, FP64, shape [N, 2 + d].
    public var inputs: [V2InputTensor]
    /// The outputs wanted (default: all).
    public var outputs: [V2RequestedOutput]?
    /// Request parameters; `binary_data_output: true` asks for every output as binary tensor data.
    public var parameters: V2Parameters?

    /// An inference request.
    public init(id: String? = nil, inputs: [V2InputTensor], outputs: [V2RequestedOutput]? = nil, parameters: V2Parameters? = nil) {
        self.id = id
        self.inputs = inputs
        self.outputs = outputs
        self.parameters = parameters
    }
}

/// An input tensor; `data` is row-major, flat or nested, or absent when `parameters.binary_data_size` says the
/// values follow the JSON header as binary tensor data.
public struct V2InputTensor: Codable, Sendable, Equatable {
    /// Tensor name.
    public var name: String
    /// Shape.
    public var shape: [Int]
    /// Datatype (`FP64`, or `FP32`, converted to FP64).
    public var datatype: String
    /// The values, flattened row-major; nil for binary tensor data.
    public var data: [Double]?
    /// Tensor parameters; `binary_data_size` is the byte count of the tensor's binary data.
    public var parameters: V2Parameters?

    enum CodingKeys: String, CodingKey {
        case name, shape, datatype, data, parameters
    }

    /// An input tensor.
    public init(name: String, shape: [Int], datatype: String, data: [Double]?, parameters: V2Parameters? = nil) {
        self.name = name
        self.shape = shape
        self.datatype = datatype
        self.data = data
        self.parameters = parameters
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        shape = try container.decode([IntegerValue].self, forKey: .shape).map(\.value)
        datatype = try container.decode(String.self, forKey: .datatype)
        data = try container.decodeIfPresent(NestedNumbers.self, forKey: .data)?.values
        parameters = try container.decodeIfPresent(V2Parameters.self, forKey: .parameters)
    }
}

/// An integer written in any JSON number spelling; one beyond ±2⁵³ or with a fraction is a decoding error at its path.
struct IntegerValue: Decodable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Double.self)
        guard number.rounded() == number, abs(number) <= 9_007_199_254_740_992 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an integer in ±2^53"))
        }
        value = Int(number)
    }
}

/// A flat array of numbers or an array of number rows, flattened row-major.
struct NestedNumbers: Decodable {
    var values: [Double]

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        values = []
        while !container.isAtEnd {
            if let number = try? container.decode(Double.self) {
                values.append(number)
            } else {
                values += try container.decode([Double].self)
            }
        }
    }
}

/// An output the client asks for, by name.
public struct V2RequestedOutput: Codable, Sendable, Equatable {
    /// Output tensor name.
    public var name: String
    /// Output parameters; `binary_data: true` (or false) overrides the request's `binary_data_output` for this one.
    public var parameters: V2Parameters?

    /// A requested output.
    public init(name: String, parameters: V2Parameters? = nil) {
        self.name = name
        self.parameters = parameters
    }
}

/// `POST /v2/models/{name}/infer` response.
public struct V2InferenceResponse: Codable, Sendable, Equatable {
    /// The model.
    public var modelName: String
    /// The model version (`"1"`).
    public var modelVersion: String
    /// The request's id, if it had one.
    public var id: String?
    /// The output tensors.
    public var outputs: [V2OutputTensor]

    enum CodingKeys: String, CodingKey {
        case modelName = "model_name", modelVersion = "model_version", id, outputs
    }

    /// A response.
    public init(modelName: String, modelVersion: String, id: String?, outputs: [V2OutputTensor]) {
        self.modelName = modelName
        self.modelVersion = modelVersion
        self.id = id
        self.outputs = outputs
    }
}

/// An output tensor with flat row-major data, or with `parameters.binary_data_size` when its values follow the JSON
/// header as binary tensor data.
public struct V2OutputTensor: Codable, Sendable, Equatable {
    /// Tensor name.
    public var name: String
    /// `FP64` or `BOOL`.
    public var datatype: String
    /// Shape.
    public var shape: [Int]
    /// The values; nil when they are sent as binary tensor data.
    public var data: V2TensorData?
    /// `binary_data_size` (bytes) for binary tensor data.
    public var parameters: V2Parameters?

    /// An output tensor.
    public init(name: String, datatype: String, shape: [Int], data: V2TensorData?, parameters: V2Parameters? = nil) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.data = data
        self.parameters = parameters
    }
}

/// Flat tensor data: numbers (FP64) or booleans (BOOL).
public enum V2TensorData: Codable, Sendable, Equatable {
    /// FP64 values.
    case fp64([Double])
    /// BOOL values.
    case bool([Bool])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flags = try? container.decode([Bool].self) {
            self = .bool(flags)
        } else {
            self = .fp64(try container.decode([Double].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .fp64(let values): try container.encode(values)
        case .bool(let flags): try container.encode(flags)
        }
    }
}

/// `GET /v2`: the server's name, version and protocol extensions.
public struct V2ServerMetadata: Codable, Sendable, Equatable {
    /// Server name (`eos-server`).
    public var name: String
    /// Server version.
    public var version: String
    /// Supported protocol extensions (`binary_tensor_data`).
    public var extensions: [String]

    /// Server metadata.
    public init(name: String, version: String, extensions: [String]) {
        self.name = name
        self.version = version
        self.extensions = extensions
    }
}

/// The protocol's `parameters` object: names mapped to a boolean, number or string. Every name is accepted (the
/// protocol lets clients send their own); the server reads the ones it knows (``V2Parameters/binaryDataSize`` …).
public struct V2Parameters: Codable, Sendable, Equatable {
    /// The parameters by name.
    public var values: [String: V2ParameterValue]

    /// Parameters from a dictionary.
    public init(_ values: [String: V2ParameterValue] = [:]) {
        self.values = values
    }

    /// `binary_data_size`: the byte count of a tensor's binary data.
    public var binaryDataSize: V2ParameterValue? { values["binary_data_size"] }
    /// `binary_data_output` (request): every output as binary tensor data.
    public var binaryDataOutput: V2ParameterValue? { values["binary_data_output"] }
    /// `binary_data` (requested output): this output as binary tensor data, or not.
    public var binaryData: V2ParameterValue? { values["binary_data"] }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        values = [:]
        for key in container.allKeys {
            values[key.stringValue] = try container.decode(V2ParameterValue.self, forKey: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: Name(stringValue: name))
        }
    }
}

/// One parameter value: a boolean, a number or a string.
public enum V2ParameterValue: Codable, Sendable, Equatable {
    /// `true` / `false`.
    case bool(Bool)
    /// A number.
    case number(Double)
    /// A string.
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            throw DecodingError.typeMismatch(
                V2ParameterValue.self,
                .init(
                    codingPath: decoder.codingPath, debugDescription: "a parameter must be a boolean, a number or a string"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let flag): try container.encode(flag)
        case .number(let number):
            // Whole numbers as integers (`binary_data_size: 32`, not `32.0`).
            if number.rounded() == number, abs(number) < 9_007_199_254_740_992 {
                try container.encode(Int(number))
            } else {
                try container.encode(number)
            }
        case .string(let text): try container.encode(text)
        }
    }
}

/// The Open Inference Protocol's error body on `/v2` routes: `{"error": "<message>"}`.
public struct V2ErrorBody: Codable, Sendable, Equatable {
    /// What went wrong, naming the field where there is one.
    public var error: String

    /// An error body.
    public init(error: String) {
        self.error = error
    }
}
