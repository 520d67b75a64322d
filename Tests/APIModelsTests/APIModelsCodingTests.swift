import APIModels
import Foundation
import Testing

/// The JSON field names are the contract with clients (and openapi.yaml): check them literally.
@Suite("APIModels JSON shapes")
struct APIModelsCodingTests {
    private func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    @Test func decodeRequestUsesSnakeCaseAndOptionalFields() throws {
        let json = #"{"m_max": 2.05, "r_14": 11.75, "z": [0.0], "eos_points": 200, "mr_points": 50}"#
        let request = try JSONDecoder().decode(DecodeRequest.self, from: Data(json.utf8))
        #expect(request == DecodeRequest(maximumMass: 2.05, radius14: 11.75, z: [0], eosPoints: 200, massRadiusPoints: 50))
        let minimal = try JSONDecoder().decode(DecodeRequest.self, from: Data(#"{"m_max": 2, "r_14": 12}"#.utf8))
        #expect(minimal.z == nil && minimal.eosPoints == nil && minimal.massRadiusPoints == nil)
        #expect(Set(try object(request).keys) == ["m_max", "r_14", "z", "eos_points", "mr_points"])
    }

    @Test func batchItemsCarryEitherResultOrError() throws {
        let curve = MassRadiusCurve(mass: [1.4], radius: [12], tidalDeformability: [300], centralPressure: [50])
        let diagnostics = DecodeDiagnostics(
            causal: true, maxSoundSpeedSquared: 0.9, monotone: true, insideTrainingRegion: true,
            zScores: [0], energyDensityClosure: 0, baryonDensityClosure: 0, energyDensityJump: 1,
            maximumMassRelativeError: 0.005, radius14Error: 0.1, maximumMassInExtension: false)
        let result = DecodeResult(
            input: LatentPointInput(maximumMass: 2, radius14: 12, z: [0]), maximumMass: 2.01,
            radius14: 12.1, tidalDeformability14: 310, diagnostics: diagnostics, massRadius: curve)
        let response = BatchDecodeResponse(results: [
            BatchDecodeItem(index: 0, result: result),
            BatchDecodeItem(index: 1, error: APIErrorDetail(code: "out_of_range", message: "m", field: "points[1].m_max")),
        ])
        let data = try JSONEncoder().encode(response)
        #expect(try JSONDecoder().decode(BatchDecodeResponse.self, from: data) == response)
        let items = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(Set(items[0].keys) == ["index", "ok", "result"])
        #expect(Set(items[1].keys) == ["index", "ok", "error"])
        let scalars = try #require(items[0]["result"] as? [String: Any])
        #expect(Set(scalars.keys) == ["input", "m_max", "r_14", "lambda_14", "mass_radius", "diagnostics"])
        #expect(Set(try #require(scalars["mass_radius"] as? [String: Any]).keys) == ["mass", "radius", "lambda", "central_pressure"])
    }

    @Test func observablesUseSnakeCaseAndWriteNullsForMissingStars() throws {
        let request = try JSONDecoder().decode(
            DecodeRequest.self,
            from: Data(
                #"""
                {"m_max": 2, "r_14": 12, "include": "observables", "observables": {"masses": [1.4], "binaries": [{"m1": 1.4, "m2": 1.3}],
                 "densities": [0.16], "quantities": ["moment_of_inertia", "baryon_mass"]}, "conditioning": "exact", "conditioning_tolerance": 1e-6}
                """#.utf8))
        #expect(request.include == .observables && request.conditioning == .exact && request.conditioningTolerance == 1e-6)
        #expect(
            request.observables
                == ObservablesRequest(
                    masses: [1.4], binaries: [BinaryMassesInput(m1: 1.4, m2: 1.3)],
                    densities: [0.16], quantities: [.momentOfInertia, .baryonMass]))
        let missing = try object(StarAtMassResult(mass: 3, exists: false))
        #expect(
            Set(missing.keys) == [
                "mass", "exists", "radius_km", "lambda", "k2", "compactness", "moment_of_inertia",
                "baryon_mass", "central_pressure",
            ])
        #expect(missing["radius_km"] is NSNull && missing["exists"] as? Bool == false)
        let binary = try object(BinaryResult(m1: 1.4, m2: 3, exists: false))
        #expect(Set(binary.keys) == ["m1", "m2", "exists", "lambda1", "lambda2", "lambda_tilde", "delta_lambda_tilde"])
        #expect(binary["lambda_tilde"] is NSNull)
    }

    @Test func errorBodyShape() throws {
        let body = APIErrorBody(error: APIErrorDetail(code: "out_of_range", message: "r_14 = 20 km is outside [11, 14] km", field: "r_14"))
        let error = try #require(try object(body)["error"] as? [String: Any])
        #expect(error["code"] as? String == "out_of_range")
        #expect(error["field"] as? String == "r_14")
        let withoutField = try object(APIErrorBody(error: APIErrorDetail(code: "not_found", message: "x")))
        #expect((withoutField["error"] as? [String: Any])?["field"] == nil)
    }

    @Test func v2InputAcceptsFlatAndNestedData() throws {
        let flat = #"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "data": [1, 2, 3, 4, 5, 6]}]}"#
        let nested = #"{"inputs": [{"name": "latent", "shape": [2, 3], "datatype": "FP64", "data": [[1, 2, 3], [4, 5, 6]]}]}"#
        let a = try JSONDecoder().decode(V2InferenceRequest.self, from: Data(flat.utf8))
        let b = try JSONDecoder().decode(V2InferenceRequest.self, from: Data(nested.utf8))
        #expect(a == b)
        #expect(a.inputs[0].data == [1, 2, 3, 4, 5, 6])
    }

    @Test func v2OutputDataKeepsItsType() throws {
        let response = V2InferenceResponse(
            modelName: "m", modelVersion: "1", id: "a",
            outputs: [
                V2OutputTensor(name: "m_max", datatype: "FP64", shape: [2], data: .fp64([2.0, 2.1])),
                V2OutputTensor(name: "ok", datatype: "BOOL", shape: [2], data: .bool([true, false])),
            ])
        let data = try JSONEncoder().encode(response)
        #expect(try JSONDecoder().decode(V2InferenceResponse.self, from: data) == response)
        #expect(String(decoding: data, as: UTF8.self).contains(#""data":[true,false]"#))
        #expect(Set(try object(response).keys) == ["model_name", "model_version", "id", "outputs"])
    }

    @Test func encodeShapes() throws {
        let response = EncodeResponse(
            maximumMass: 2, radius14: 12, latentMeans: [0.1], latentStandardDeviations: [0.2],
            insideTrainingRegion: true, zScores: [0.3])
        #expect(Set(try object(response).keys) == ["m_max", "r_14", "mu_v", "sigma_v", "inside_training_region", "z_scores"])
        #expect(try JSONDecoder().decode(EncodeResponse.self, from: JSONEncoder().encode(response)) == response)
        let request = try JSONDecoder().decode(EncodeRequest.self, from: Data(#"{"vector": [1, 2]}"#.utf8))
        #expect(request.vector == [1, 2] && request.eos == nil)
        #expect(
            Set(
                try object(
                    EncodeResponse(
                        maximumMass: 2, radius14: 12, latentMeans: [], latentStandardDeviations: [],
                        insideTrainingRegion: false, zScores: [], vector: [1])
                ).keys)
                == ["m_max", "r_14", "mu_v", "sigma_v", "inside_training_region", "z_scores", "vector"])
    }

    @Test func encodeTableShapes() throws {
        let text = #"{"eos": {"n_b": [0.09, 0.1], "energy_density": [84, 95], "pressure": [0.46, 0.6]}}"#
        let request = try JSONDecoder().decode(EncodeRequest.self, from: Data(text.utf8))
        #expect(
            request == EncodeRequest(eos: EncodeEOSTable(baryonDensity: [0.09, 0.1], energyDensity: [84, 95], pressure: [0.46, 0.6])))
        #expect(request.vector == nil && request.eos?.soundSpeedSquared == nil)
        let table = EOSTableColumns(baryonDensity: [0.09], energyDensity: [84], pressure: [0.46], soundSpeedSquared: [0.01])
        // The decoder's table posts back with the same field names.
        let posted = try object(EncodeRequest(eos: EncodeEOSTable(table)))
        #expect(Set(posted.keys) == ["eos"])
        #expect(Set(try #require(posted["eos"] as? [String: Any]).keys) == Set(try object(table).keys))
        #expect(Set(try #require(posted["eos"] as? [String: Any]).keys) == ["n_b", "energy_density", "pressure", "cs2"])
    }
}
