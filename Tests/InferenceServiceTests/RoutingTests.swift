import APIModels
import Foundation
import InferenceService
import MiniHTTP
import Testing

@Suite("Routes and handlers without sockets")
struct RoutingTests {
    @Test func healthAndReadinessBeforeStart() {
        #expect(call("GET", "/healthz").json["status"] as? String == "ok")
        let ready = call("GET", "/readyz")
        #expect(ready.status == 503)
        #expect(ready.json["status"] as? String == "loading")
        #expect(call("GET", "/v2/health/live").json["live"] as? Bool == true)
        #expect(call("GET", "/v2/health/ready").status == 503)
    }

    @Test func thrownAPIProblemsAnswerWithTheirStatusBodyAndRetryAfter() {
        var router = Router()
        router.get("/busy") { _ in throw APIProblem.notReady }
        router.get("/far") { _ in throw APIProblem.outOfRange("r_14", value: 20, range: 9...14, unit: "km") }
        let busy = router.handle(HTTPRequest(method: "GET", target: "/busy"))
        #expect(busy.status == 503)
        #expect(busy.headers["Retry-After"] == "1")
        #expect(busy.headers["Content-Type"] == "application/json")
        #expect(
            String(decoding: busy.body, as: UTF8.self)
                == #"{"error":{"code":"not_ready","message":"the model is not ready (loading or shutting down); retry later"}}"#)
        let far = router.handle(HTTPRequest(method: "GET", target: "/far"))
        #expect(far.status == 422)
        #expect(far.headers["Retry-After"] == nil)
        #expect(
            String(decoding: far.body, as: UTF8.self)
                == #"{"error":{"code":"out_of_range","field":"r_14","message":"r_14 = 20.0 km is outside the allowed range [9.0, 14.0] km"}}"#
        )
    }

    @Test func decodeReturnsEveryPartWithTheRequestedSizes() throws {
        let response = call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12, "eos_points": 30, "mr_points": 7}"#)
        #expect(response.status == 200)
        let json = response.json
        for key in ["m_max", "r_14", "lambda_14"] { #expect((json[key] as? Double)?.isFinite == true, "\(key)") }
        let eos = try #require(json["eos"] as? [String: [Double]])
        #expect(Set(eos.keys) == ["n_b", "energy_density", "pressure", "cs2"])
        #expect(eos.values.allSatisfy { $0.count == 30 })
        let pressure = try #require(eos["pressure"])
        #expect(zip(pressure, pressure.dropFirst()).allSatisfy { $0 < $1 })
        let curve = try #require(json["mass_radius"] as? [String: [Double]])
        #expect(Set(curve.keys) == ["mass", "radius", "lambda", "central_pressure"])
        #expect(curve.values.allSatisfy { $0.count == 7 })
        #expect((json["vector"] as? [Double])?.count == 107)
        let diagnostics = try #require(json["diagnostics"] as? [String: Any])
        for key in [
            "causal", "monotone", "inside_training_region", "energy_density_closure", "baryon_density_closure", "max_cs2",
            "m_max_in_extension",
        ] {
            #expect(diagnostics[key] != nil, "\(key)")
        }
        // z defaults to the training mean, so its z score is 0.
        #expect(diagnostics["z_scores"] as? [Double] == [0])
        let models = call("GET", "/v1/models/tiny").json
        let mean = (((models["training_region"] as? [String: Any])?["z"] as? [[String: Double]])?.first?["mean"])
        #expect((json["input"] as? [String: Any])?["z"] as? [Double] == [try #require(mean)])
    }

    @Test func outOfRangeValuesName422FieldAndRange() throws {
        let mass = call("POST", "/v1/decode", json: #"{"m_max": 3.5, "r_14": 12}"#)
        #expect(mass.status == 422)
        #expect(errorObject(mass.json)["code"] as? String == "out_of_range")
        #expect(errorObject(mass.json)["field"] as? String == "m_max")
        let message = try #require(errorObject(mass.json)["message"] as? String)
        let info = try JSONDecoder().decode(
            ModelInfo.self, from: Data(sharedServer.handle(HTTPRequest(method: "GET", target: "/v1/models/tiny")).body))
        let allowed = info.trainingRegion.maximumMass
        #expect(message.contains("[\(allowed.min), \(allowed.max)] Msun"), "\(message)")

        let cases: [(String, String)] = [
            (#"{"m_max": 2.1, "r_14": 30}"#, "r_14"),
            (#"{"m_max": 2.1, "r_14": 12, "z": [1, 2]}"#, "z"),
            (#"{"m_max": 2.1, "r_14": 12, "z": [1000]}"#, "z[0]"),
            (#"{"m_max": 2.1, "r_14": 12, "eos_points": 1}"#, "eos_points"),
            (#"{"m_max": 2.1, "r_14": 12, "mr_points": 100000}"#, "mr_points"),
            (#"{"m_max": 2.1}"#, "r_14"),
            (#"{"m_max": "heavy", "r_14": 12}"#, "m_max"),
            (#"{"m_max": 2.1, "r_14": 12, "z": [true]}"#, "z[0]"),
        ]
        for (body, field) in cases {
            let response = call("POST", "/v1/decode", json: body)
            #expect(response.status == 422, "\(body)")
            #expect(errorObject(response.json)["field"] as? String == field, "\(body)")
        }
    }

    @Test func malformedJSONWrongContentTypeUnknownRouteAndMethod() {
        let malformed = call("POST", "/v1/decode", json: #"{"m_max": 2.1,"#)
        #expect(malformed.status == 400)
        #expect(errorObject(malformed.json)["code"] as? String == "malformed_json")
        #expect(call("POST", "/v1/decode", json: "").status == 400)
        let text = call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12}"#, contentType: "text/plain")
        #expect(text.status == 415)
        #expect(errorObject(text.json)["code"] as? String == "unsupported_media_type")
        #expect(call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12}"#, contentType: nil).status == 415)
        #expect(
            call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12}"#, contentType: "application/json; charset=utf-8").status == 200)
        let missing = call("GET", "/v1/nothing")
        #expect(missing.status == 404)
        #expect(errorObject(missing.json)["code"] as? String == "not_found")
        let wrongMethod = call("GET", "/v1/decode")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "POST")
        let unknownModel = call("GET", "/v1/models/other")
        #expect(unknownModel.status == 404)
        #expect(errorObject(unknownModel.json)["code"] as? String == "model_not_found")
        #expect(call("POST", "/v2/models/other/infer", json: "{}").status == 404)
    }

    @Test func batchKeepsOrderAndReportsBadPointsPerPoint() throws {
        let body =
            #"{"points": [{"m_max": 2.1, "r_14": 12}, {"m_max": 9, "r_14": 12}, {"m_max": 2.1, "r_14": 12, "z": [0.1]}], "include": "scalars"}"#
        let response = call("POST", "/v1/decode/batch", json: body)
        #expect(response.status == 200)
        let results = try #require(response.json["results"] as? [[String: Any]])
        #expect(results.map { $0["index"] as? Int } == [0, 1, 2])
        #expect(results.map { $0["ok"] as? Bool } == [true, false, true])
        #expect(errorObject(results[1])["field"] as? String == "points[1].m_max")
        let first = try #require(results[0]["result"] as? [String: Any])
        #expect(Set(first.keys) == ["input", "m_max", "r_14", "lambda_14", "mass_radius", "diagnostics"])

        let single = call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12}"#).json
        // Batched and single network passes agree to Float rounding.
        let batchMass = try #require(first["m_max"] as? Double), singleMass = try #require(single["m_max"] as? Double)
        #expect(abs(batchMass / singleMass - 1) < 1e-5)

        let full = call("POST", "/v1/decode/batch", json: #"{"points": [{"m_max": 2.1, "r_14": 12}]}"#)
        let fullResult = try #require((full.json["results"] as? [[String: Any]])?.first?["result"] as? [String: Any])
        #expect(fullResult["eos"] != nil && fullResult["vector"] != nil && fullResult["diagnostics"] != nil)

        let empty = call("POST", "/v1/decode/batch", json: #"{"points": []}"#)
        #expect(empty.status == 422)
        #expect(errorObject(empty.json)["field"] as? String == "points")
        #expect(call("POST", "/v1/decode/batch", json: #"{"points": [{"m_max": 2.1, "r_14": 12}], "include": "everything"}"#).status == 422)
        #expect(call("POST", "/v1/decode/batch", json: #"{"points": [{"m_max": 2.1, "r_14": 12}], "include": null}"#).status == 200)
    }

    @Test func encodeRecoversTheDecodedLatentsRoughly() throws {
        let decoded = call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12}"#).json
        let vector = try #require(decoded["vector"] as? [Double])
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["vector": vector]), as: UTF8.self)
        let encoded = call("POST", "/v1/encode", json: body)
        #expect(encoded.status == 200)
        let mass = try #require(encoded.json["m_max"] as? Double)
        #expect(abs(mass - 2.1) < 0.2)
        #expect((encoded.json["mu_v"] as? [Double])?.count == 1)
        #expect((encoded.json["sigma_v"] as? [Double])?.allSatisfy { $0 > 0 } == true)

        let short = call("POST", "/v1/encode", json: #"{"vector": [1, 2, 3]}"#)
        #expect(short.status == 422)
        #expect(errorObject(short.json)["field"] as? String == "vector")
        var negative = vector
        negative[3] = -1
        let negativeBody = String(decoding: try JSONSerialization.data(withJSONObject: ["vector": negative]), as: UTF8.self)
        #expect(errorObject(call("POST", "/v1/encode", json: negativeBody).json)["field"] as? String == "vector[3]")
    }

    @Test func modelsDescribeArchitectureTrainingAndRegion() throws {
        let list = try #require(call("GET", "/v1/models").json["models"] as? [[String: Any]])
        #expect(list.count == 1)
        let model = call("GET", "/v1/models/tiny").json
        #expect(model["name"] as? String == "tiny")
        let architecture = try #require(model["architecture"] as? [String: Any])
        #expect(architecture["latent_dimension"] as? Int == 1)
        #expect(architecture["encoder_hidden_widths"] as? [Int] == [32, 16])
        let training = try #require(model["training"] as? [String: Any])
        #expect(training["completed_epochs"] as? Int == 3000)
        let region = try #require(model["training_region"] as? [String: Any])
        let z = try #require((region["z"] as? [[String: Double]])?.first)
        #expect(abs(z["max"]! - (z["mean"]! + 5 * z["std"]!)) < 1e-12)
        #expect((model["limits"] as? [String: Int])?["max_batch_points"] == 1024)
    }

    @Test func openInferenceProtocol() throws {
        let metadata = call("GET", "/v2/models/tiny").json
        let inputs = try #require(metadata["inputs"] as? [[String: Any]])
        #expect(inputs.first?["shape"] as? [Int] == [-1, 3])
        let body =
            #"{"id": "r1", "inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "data": [[2.1, 12, -0.8], [2.1, 12.1, -0.8]]}]}"#
        let response = call("POST", "/v2/models/tiny/infer", json: body)
        #expect(response.status == 200)
        #expect(response.json["id"] as? String == "r1")
        #expect(response.json["model_name"] as? String == "tiny")
        let outputs = try #require(response.json["outputs"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: outputs.map { ($0["name"] as! String, $0) })
        #expect(Set(byName.keys) == ["m_max", "r_14", "lambda_14", "mass", "radius", "lambda", "ok"])
        #expect(byName["m_max"]?["shape"] as? [Int] == [2])
        #expect(byName["mass"]?["shape"] as? [Int] == [2, 10])
        #expect((byName["mass"]?["data"] as? [Double])?.count == 20)
        #expect(byName["ok"]?["data"] as? [Bool] == [true, true])

        let filtered = call(
            "POST", "/v2/models/tiny/infer",
            json:
                #"{"inputs": [{"name": "latent", "shape": [1, 3], "datatype": "FP64", "data": [2.1, 12, -0.8]}], "outputs": [{"name": "r_14"}]}"#
        )
        #expect((filtered.json["outputs"] as? [[String: Any]])?.map { $0["name"] as? String } == ["r_14"])
        let badShape = call(
            "POST", "/v2/models/tiny/infer",
            json: #"{"inputs": [{"name": "latent", "shape": [1, 4], "datatype": "FP64", "data": [2.1, 12, 0, 0]}]}"#)
        #expect(badShape.status == 422)
        #expect(badShape.json["error"] as? String == "inputs[0].shape must be [N, 3]")
        let hugeShape = call(
            "POST", "/v2/models/tiny/infer",
            json: #"{"inputs": [{"name": "latent", "shape": [19945978356069056905216, 3], "datatype": "FP64", "data": []}]}"#)
        #expect(hugeShape.status == 422)
        #expect(hugeShape.json["error"] as? String == "inputs[0].shape[0] is not a representable value")
        let tooDeep = call(
            "POST", "/v2/models/tiny/infer",
            json: #"{"inputs": [{"name": "latent", "shape": [1, 3], "datatype": "FP64", "data": [[[2.1, 12, -0.8]]]}]}"#)
        #expect(tooDeep.status == 422)
    }

    @Test func servedOpenAPIIsTheRepositoryFileAndDocumentsEveryRoute() throws {
        let response = sharedServer.handle(HTTPRequest(method: "GET", target: "/openapi.yaml"))
        #expect(response.status == 200)
        let file = try String(contentsOf: repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let served = String(decoding: response.body, as: UTF8.self)
        #expect(
            served == file,
            "the binary embeds Sources/InferenceService/Resources/openapi.yaml, which must stay a symbolic link to the top-level openapi.yaml"
        )
        for path in [
            "/healthz", "/readyz", "/metrics", "/openapi.yaml", "/v1/decode", "/v1/decode/batch", "/v1/encode",
            "/v1/models", "/v1/models/{name}", "/v2", "/v2/health/live", "/v2/health/ready", "/v2/models/{name}",
            "/v2/models/{name}/ready", "/v2/models/{name}/infer",
        ] {
            #expect(file.contains("\n  \(path):\n"), "\(path) missing from openapi.yaml")
        }
    }
}
