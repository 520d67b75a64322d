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

    /// Tensor metadata.
    public init(name: String, datatype: String, shape: [Int]) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
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

    /// An inference request.
    public init(id: String? = nil, inputs: [V2InputTensor], outputs: [V2RequestedOutput]? = nil) {
        self.id = id
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// An input tensor; `data` is row-major, flat or nested.
public struct V2InputTensor: Codable, Sendable, Equatable {
    /// Tensor name.
    public var name: String
    /// Shape.
    public var shape: [Int]
    /// Datatype (`FP64`).
    public var datatype: String
    /// The values, flattened row-major.
    public var data: [Double]

    enum CodingKeys: String, CodingKey {
        case name, shape, datatype, data
    }

    /// An input tensor.
    public init(name: String, shape: [Int], datatype: String, data: [Double]) {
        self.name = name
        self.shape = shape
        self.datatype = datatype
        self.data = data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        shape = try container.decode([IntegerValue].self, forKey: .shape).map(\.value)
        datatype = try container.decode(String.self, forKey: .datatype)
        data = try container.decode(NestedNumbers.self, forKey: .data).values
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

    /// A requested output.
    public init(name: String) {
        self.name = name
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

/// An output tensor with flat row-major data.
public struct V2OutputTensor: Codable, Sendable, Equatable {
    /// Tensor name.
    public var name: String
    /// `FP64` or `BOOL`.
    public var datatype: String
    /// Shape.
    public var shape: [Int]
    /// The values.
    public var data: V2TensorData

    /// An output tensor.
    public init(name: String, datatype: String, shape: [Int], data: V2TensorData) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.data = data
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
    /// Supported protocol extensions (none).
    public var extensions: [String]

    /// Server metadata.
    public init(name: String, version: String, extensions: [String]) {
        self.name = name
        self.version = version
        self.extensions = extensions
    }
}
