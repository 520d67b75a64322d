import APIModels
import Foundation
@testable import InferenceService
import MiniHTTP
import Testing

/// The Open Inference Protocol v2 as its clients (tritonclient, KServe) speak it: bodies without `Content-Type`, the
/// binary tensor data extension for inputs and outputs, FP32 inputs, and the protocol's `{"error": "<message>"}`.
@Suite("Open Inference Protocol clients")
struct OpenInferenceClientTests {
    /// Two rows of the tiny model (d = 1) that decode.
    let rows: [[Double]] = [[2.1, 12, -0.8], [2.1, 12.1, -0.8]]

    /// Sends `body` (JSON header, then `binary`) to the tiny model's infer route with the given headers.
    func infer(_ json: String, binary: [UInt8] = [], headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        if !binary.isEmpty { headers[BinaryTensorData.headerLengthField] = String(json.utf8.count) }
        return sharedServer.handle(
            HTTPRequest(
                method: "POST", target: "/v2/models/tiny/infer", headers: headers,
                body: Array(json.utf8) + binary))
    }

    /// The JSON header of a response and the binary data after it (the whole body when it is plain JSON).
    func parts(_ response: HTTPResponse) throws -> (header: [String: Any], binary: [UInt8]) {
        let length = response.headers[BinaryTensorData.headerLengthField].flatMap(Int.init) ?? response.body.count
        let header = try #require(try JSONSerialization.jsonObject(with: Data(response.body[..<length])) as? [String: Any])
        return (header, Array(response.body[length...]))
    }

    /// The JSON header read by JSONDecoder, which reads numbers exactly (Foundation's JSONSerialization on Linux can
    /// be one unit in the last place off).
    func header(_ response: HTTPResponse) throws -> V2InferenceResponse {
        let length = response.headers[BinaryTensorData.headerLengthField].flatMap(Int.init) ?? response.body.count
        return try JSONDecoder().decode(V2InferenceResponse.self, from: Data(response.body[..<length]))
    }

    /// An output's JSON data by name.
    func data(_ response: V2InferenceResponse, _ name: String) -> V2TensorData? {
        response.outputs.first { $0.name == name }?.data
    }

    /// Output tensors by name.
    func outputs(_ header: [String: Any]) throws -> [String: [String: Any]] {
        let list = try #require(header["outputs"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0) })
    }

    /// Little-endian FP64 bytes of `values`, and back.
    func littleEndian(_ values: [Double]) -> [UInt8] {
        values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt64($0))) } }
    }

    func doubles(_ bytes: ArraySlice<UInt8>) -> [Double] {
        stride(from: bytes.startIndex, to: bytes.endIndex, by: 8).map { start in
            Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * UInt64($1)) })
        }
    }

    func jsonInputs(_ datatype: String = "FP64") -> String {
        #"{"name": "latent", "shape": [2, 3], "datatype": "\#(datatype)", "data": \#(rows)}"#
    }

    @Test("a JSON body without Content-Type is read as JSON (tritonclient sends none)")
    func missingContentType() throws {
        let plain = infer(#"{"inputs": [\#(jsonInputs())]}"#)
        #expect(plain.status == 200)
        #expect(plain.headers["Content-Type"] == "application/json")
        let typed = infer(#"{"inputs": [\#(jsonInputs())]}"#, headers: ["Content-Type": "application/json"])
        #expect(try header(plain) == header(typed))
        // /v1 keeps asking for the content type.
        #expect(call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12}"#, contentType: nil).status == 415)
    }

    @Test("binary inputs decode to the same outputs as JSON inputs, bit for bit, and match /v1/decode")
    func binaryInputs() throws {
        let binary = littleEndian(rows.flatMap { $0 })
        let header =
            #"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "parameters": {"binary_data_size": \#(binary.count)}}]}"#
        let framed = infer(header, binary: binary, headers: ["Content-Type": "application/octet-stream"])
        #expect(framed.status == 200)
        let unframed = infer(#"{"inputs": [\#(jsonInputs())]}"#)
        let response = try self.header(framed)
        #expect(try response == self.header(unframed))
        // No Content-Type at all, as tritonclient sends it.
        #expect(try self.header(infer(header, binary: binary)) == response)

        guard case .fp64(let maximumMass)? = data(response, "m_max"), case .fp64(let radius)? = data(response, "radius") else {
            Issue.record("m_max and radius must be FP64 data")
            return
        }
        for (row, point) in rows.enumerated() {
            let body = #"{"m_max": \#(point[0]), "r_14": \#(point[1]), "z": [\#(point[2])], "mr_points": 10, "include": "scalars"}"#
            let v1 = sharedServer.handle(
                HTTPRequest(
                    method: "POST", target: "/v1/decode", headers: ["Content-Type": "application/json"],
                    body: Array(body.utf8)))
            let result = try JSONDecoder().decode(DecodeResult.self, from: Data(v1.body))
            #expect(maximumMass[row] == result.maximumMass)
            #expect(Array(radius[(row * 10)..<((row + 1) * 10)]) == result.massRadius?.radius)
        }
    }

    @Test("binary outputs: the JSON header with binary_data_size, then little-endian tensors equal to the JSON ones")
    func binaryOutputs() throws {
        let json = try header(infer(#"{"inputs": [\#(jsonInputs())]}"#))
        let response = infer(#"{"inputs": [\#(jsonInputs())], "parameters": {"binary_data_output": true}}"#)
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/octet-stream")
        let (header, binary) = try parts(response)
        let list = try #require(header["outputs"] as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == OpenInference.outputNames)
        var offset = binary.startIndex
        for output in list {
            let name = try #require(output["name"] as? String)
            #expect(output["data"] == nil, "\(name) carries data beside binary_data_size")
            let size = try #require((output["parameters"] as? [String: Any])?["binary_data_size"] as? Int)
            let bytes = binary[offset..<(offset + size)]
            offset += size
            if name == "ok" {
                #expect(data(json, name) == .bool(bytes.map { $0 == 1 }))
            } else {
                #expect(data(json, name) == .fp64(doubles(bytes)), "\(name)")
            }
        }
        #expect(offset == binary.endIndex)
    }

    @Test("per-output binary_data picks binary or JSON for each output, over the request's binary_data_output")
    func perOutputBinary() throws {
        let body =
            #"{"inputs": [\#(jsonInputs())], "parameters": {"binary_data_output": true}, "outputs": [{"name": "m_max", "parameters": {"binary_data": false}}, {"name": "mass"}]}"#
        let response = infer(body)
        let (header, binary) = try parts(response)
        let byName = try outputs(header)
        #expect((byName["m_max"]?["data"] as? [Double])?.count == 2)
        #expect(((byName["mass"]?["parameters"] as? [String: Any])?["binary_data_size"] as? Int) == 2 * 10 * 8)
        #expect(binary.count == 160)
        // Only m_max wanted, as JSON: a plain JSON response.
        let plain = infer(#"{"inputs": [\#(jsonInputs())], "outputs": [{"name": "m_max", "parameters": {"binary_data": false}}]}"#)
        #expect(plain.headers["Content-Type"] == "application/json" && plain.headers[BinaryTensorData.headerLengthField] == nil)
    }

    @Test("FP32 inputs, JSON or binary, decode as their single-precision values widened to FP64")
    func fp32Inputs() throws {
        let rounded = rows.map { $0.map { Double(Float($0)) } }
        let asFP64 = infer(#"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "data": \#(rounded)}]}"#)
        let json32 = infer(#"{"inputs": [\#(jsonInputs("FP32"))]}"#)
        #expect(json32.status == 200)
        #expect(try header(json32) == header(asFP64))
        let bytes = rows.flatMap { $0 }.flatMap { value in
            (0..<4).map { UInt8(truncatingIfNeeded: Float(value).bitPattern >> (8 * UInt32($0))) }
        }
        let binary32 = infer(
            #"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP32", "parameters": {"binary_data_size": 24}}]}"#,
            binary: bytes)
        #expect(try header(binary32) == header(asFP64))
        // 12.1 is not a float: the FP32 answer differs from the FP64 one at full precision.
        #expect(try header(json32) != header(infer(#"{"inputs": [\#(jsonInputs())]}"#)))

        let metadata = call("GET", "/v2/models/tiny").json
        let input = try #require((metadata["inputs"] as? [[String: Any]])?.first)
        #expect(input["datatype"] as? String == "FP64")
        #expect((input["parameters"] as? [String: Any])?["accepted_datatypes"] as? String == "FP64,FP32")
        #expect(call("GET", "/v2").json["extensions"] as? [String] == ["binary_tensor_data"])
    }

    @Test("the standard parameters objects are known fields; unknown fields are still refused")
    func parametersAreKnownFields() {
        let body =
            #"{"id": "x", "parameters": {"binary_data_output": false, "priority": 1, "tag": "a"}, "inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "data": \#(rows), "parameters": {"note": "n"}}], "outputs": [{"name": "ok", "parameters": {"binary_data": false, "class_count": 0}}]}"#
        #expect(infer(body).status == 200)
        let misspelt = infer(#"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "data": \#(rows), "parameter": {}}]}"#)
        #expect(misspelt.status == 422)
        #expect(
            String(decoding: misspelt.body, as: UTF8.self)
                == #"{"error":"unknown field inputs[0].parameter; did you mean inputs[0].parameters?"}"#)
    }

    /// The status and the protocol's error message of a /v2 answer.
    func refusal(_ response: HTTPResponse) throws -> (Int, String) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(object.count == 1)
        return (response.status, try #require(object["error"] as? String))
    }

    @Test("every /v2 error has the protocol's body {\"error\": message}, with its status; /v1 keeps the rich one")
    func protocolErrors() throws {
        let get = { (target: String) in sharedServer.handle(HTTPRequest(method: "GET", target: target)) }
        #expect(try refusal(get("/v2/nothing")) == (404, "no route for /v2/nothing"))
        #expect(try refusal(get("/v2/models/other")) == (404, "no model named 'other'; this server serves 'tiny'"))
        let wrongMethod = get("/v2/models/tiny/infer")
        #expect(try refusal(wrongMethod) == (405, "GET is not allowed on /v2/models/tiny/infer"))
        #expect(wrongMethod.headers["Allow"] == "POST")
        #expect(try refusal(infer("{}", headers: ["Content-Type": "text/plain"])).0 == 415)
        #expect(try refusal(infer("{", headers: ["Content-Type": "application/json"])) == (400, "the request body is not valid JSON"))
        #expect(
            try refusal(infer(#"{"inputs": []}"#, headers: ["Content-Type": "application/octet-stream"]))
                == (400, "an application/octet-stream body needs the Inference-Header-Content-Length header"))
        #expect(try refusal(infer("{}", headers: [BinaryTensorData.headerLengthField: "99"])).0 == 400)
        let wrongSize = infer(
            #"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "parameters": {"binary_data_size": 40}}]}"#,
            binary: [UInt8](repeating: 0, count: 48))
        #expect(try refusal(wrongSize) == (422, "inputs[0].parameters.binary_data_size must be 48 (6 FP64 values of shape [2, 3])"))
        let shortData = infer(
            #"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "parameters": {"binary_data_size": 48}}]}"#,
            binary: [UInt8](repeating: 0, count: 40))
        #expect(
            try refusal(shortData) == (400, "40 bytes of binary data follow the JSON header; inputs[0].parameters.binary_data_size says 48")
        )
        let notBool = infer(#"{"inputs": [\#(jsonInputs())], "parameters": {"binary_data_output": "yes"}}"#)
        #expect(try refusal(notBool) == (422, "parameters.binary_data_output must be a boolean"))
        let badType = infer(#"{"inputs": [\#(jsonInputs("INT32"))]}"#)
        #expect(try refusal(badType) == (422, "inputs[0].datatype must be FP64 or FP32, not INT32"))

        #expect(errorObject(call("GET", "/v1/nothing").json)["code"] as? String == "not_found")
        #expect(errorObject(call("GET", "/v1/models/other").json)["field"] as? String == "name")
    }

    @Test("the HTTP server's own errors on /v2 (413 from the parser) get the protocol's body too, live")
    func serverErrorsLive() throws {
        let server = try startServer { $0.maxBodyBytes = 1024 }
        defer { stopServer(server) }
        let body = String(repeating: " ", count: 2000) + "{}"
        func post(_ path: String) throws -> String {
            try curl([
                "-o", "-", "-w", "\n%{http_code}", "-H", "Content-Type: application/json", "--data-binary", body,
                "http://127.0.0.1:\(server.port)\(path)",
            ])
        }
        #expect(try post("/v2/models/tiny/infer") == #"{"error":"body of 2002 bytes exceeds 1024"}"# + "\n413")
        let v1 = try post("/v1/decode")
        #expect(v1.hasSuffix("\n413") && v1.hasPrefix(#"{"error":{"#))
    }
}
