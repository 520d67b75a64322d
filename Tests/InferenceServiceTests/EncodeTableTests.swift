import APIModels
import Foundation
import InferenceService
import MiniHTTP
import Testing

/// A server with the committed model (`models/default`): its encoder is accurate (test MAPE 0.008 % in M_max,
/// 0.011 % in R_1.4), so a round trip measures the table → 107-vector path rather than the network.
let defaultModelServer: InferenceServer = {
    var configuration = testConfiguration()
    configuration.modelDirectory = repositoryRoot.appendingPathComponent("models").path
    configuration.modelName = "default"
    return try! buildInferenceServer(configuration: configuration)
}()

/// JSON text of a value.
func jsonText(_ object: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

/// `POST /v1/encode` of `{"eos": eos}` on the default-model server.
func encodeTable(_ eos: [String: Any]) -> (status: Int, headers: HTTPHeaders, json: [String: Any]) {
    call("POST", "/v1/encode", json: jsonText(["eos": eos]), on: defaultModelServer)
}

/// A decoded point: its JSON answer, with 200 EOS rows from the surface to p_max.
func decodedPoint(_ m: Double, _ r: Double, eosPoints: Int = 200) throws -> [String: Any] {
    let decoded = call("POST", "/v1/decode", json: #"{"m_max": \#(m), "r_14": \#(r), "eos_points": \#(eosPoints)}"#, on: defaultModelServer)
    try #require(decoded.status == 200, "\(decoded.json)")
    return decoded.json
}

@Suite("POST /v1/encode with an EOS table")
struct EncodeTableTests {
    /// decode → its `eos` table posted back → the encoder's (M_max, R_1.4) against the decoded EOS's own solved
    /// M_max and R_1.4. Tolerance 1e-3 relative in M_max and 0.01 km in R_1.4: about the decoder's own test MAPE
    /// (0.094 %, 0.093 % ≈ 11 m) and well above what was measured for these points (1.5e-4 and 1 m; over 149
    /// decoded points across the training region: median 0.014 % and 4 m, 95th percentile 0.15 % and 30 m).
    /// Errors in the table path do show: p_max 1 % off moves the encoded M_max by 0.1 %, c_s² 1 % off by 0.3 %.
    @Test("Round trip: a decoded table encodes back to the decoded M_max and R_1.4", arguments: [(2.05446, 11.7497), (2.2, 12.8)])
    func roundTrip(point: (Double, Double)) throws {
        let decoded = try decodedPoint(point.0, point.1)
        let eos = try #require(decoded["eos"] as? [String: Any])
        let mMax = try #require(decoded["m_max"] as? Double), r14 = try #require(decoded["r_14"] as? Double)
        let decodedVector = try #require(decoded["vector"] as? [Double])
        let centralPressures = try #require((decoded["mass_radius"] as? [String: Any])?["central_pressure"] as? [Double])
        let pressure = try #require(eos["pressure"] as? [Double])

        var withoutSoundSpeed = eos
        withoutSoundSpeed["cs2"] = nil
        for body in [eos, withoutSoundSpeed] {
            let encoded = encodeTable(body)
            try #require(encoded.status == 200, "\(encoded.json)")
            let m = try #require(encoded.json["m_max"] as? Double), r = try #require(encoded.json["r_14"] as? Double)
            #expect(abs(m / mMax - 1) < 1e-3, "encoded M_max \(m) vs decoded \(mMax)")
            #expect(abs(r - r14) < 0.01, "encoded R_1.4 \(r) vs decoded \(r14)")
            #expect((encoded.json["mu_v"] as? [Double])?.count == 4 && (encoded.json["sigma_v"] as? [Double])?.count == 4)

            let vector = try #require(encoded.json["vector"] as? [Double])
            #expect(vector.count == 107)
            // p_max: the decoded EOS's maximum-mass star, which is where the decoded table ends.
            let decodedPMax = try #require(centralPressures.last)
            #expect(abs(vector[106] / decodedPMax - 1) < 1e-3 && vector[106] <= pressure.last!)
            // The transition: the first row at or above the decoder's p_cc, at most one row spacing above it.
            let first = try #require(pressure.firstIndex { $0 >= decodedVector[103] })
            #expect(vector[103] == pressure[first])
            #expect(vector[101] == (eos["n_b"] as? [Double])?[first] && vector[102] == (eos["energy_density"] as? [Double])?[first])
            #expect(log(vector[103] / decodedVector[103]) <= log(pressure[1] / pressure[0]))
        }
    }

    /// `inside_training_region` and `z_scores` follow the region `GET /v1/models/default` publishes (the label box and
    /// the support's score): a decoded SLy4 table is inside; its vector with the sound speed halved (encoded M_max 1.62,
    /// below every training model's) or scaled by 1.3 (z scores up to 6σ) is outside.
    @Test("Encoding says whether the point lies in the training region, with the z scores of mu_v")
    func trainingRegionFlag() throws {
        let info = try JSONDecoder().decode(
            ModelInfo.self,
            from: Data(
                defaultModelServer.handle(
                    HTTPRequest(method: "GET", target: "/v1/models/default")
                ).body))
        let region = info.trainingRegion
        func check(_ encoded: [String: Any]) throws -> Bool {
            let m = try #require(encoded["m_max"] as? Double), r = try #require(encoded["r_14"] as? Double)
            let mu = try #require(encoded["mu_v"] as? [Double]), scores = try #require(encoded["z_scores"] as? [Double])
            let inside = try #require(encoded["inside_training_region"] as? Bool)
            try #require(scores.count == region.z.count)
            for (index, dimension) in region.z.enumerated() {
                #expect(abs(scores[index] - (mu[index] - dimension.mean) / dimension.std) < 1e-9)
            }
            let support = try #require(region.support)
            let expected =
                (region.maximumMass.min...region.maximumMass.max).contains(m)
                && (region.radius14.min...region.radius14.max).contains(r) && publishedScore(support, [m, r] + mu) >= support.threshold
            #expect(inside == expected, "m_max \(m), r_14 \(r), z scores \(scores)")
            return inside
        }
        let sly4 = try decodedPoint(2.05446, 11.7497)
        let table = encodeTable(try #require(sly4["eos"] as? [String: Any]))
        try #require(table.status == 200, "\(table.json)")
        #expect(try check(table.json))
        let vector = try #require(sly4["vector"] as? [Double])
        for factor in [0.5, 1.3] {
            let scaled = vector.enumerated().map { $0.offset < 101 ? $0.element * factor : $0.element }
            let encoded = call("POST", "/v1/encode", json: jsonText(["vector": scaled]), on: defaultModelServer)
            try #require(encoded.status == 200, "\(encoded.json)")
            #expect(try check(encoded.json) == false, "c_s^2 × \(factor)")
        }
    }

    @Test("The typed client models round-trip: EncodeRequest(eos: EncodeEOSTable(decoded.eos))")
    func typedRoundTrip() throws {
        let decodedText = call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12.3, "eos_points": 200}"#, on: defaultModelServer)
        try #require(decodedText.status == 200, "\(decodedText.json)")
        let decoded = try JSONDecoder().decode(DecodeResult.self, from: try JSONSerialization.data(withJSONObject: decodedText.json))
        let request = EncodeRequest(eos: EncodeEOSTable(try #require(decoded.eos)))
        let body = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        #expect(!body.contains("\"vector\""))
        let answer = call("POST", "/v1/encode", json: body, on: defaultModelServer)
        try #require(answer.status == 200, "\(answer.json)")
        let response = try JSONDecoder().decode(EncodeResponse.self, from: try JSONSerialization.data(withJSONObject: answer.json))
        #expect(abs(response.maximumMass / decoded.maximumMass - 1) < 1e-3 && abs(response.radius14 - decoded.radius14) < 0.01)
        #expect(response.vector?.count == 107)
        // A vector request answers without `vector`.
        let plain = call("POST", "/v1/encode", json: jsonText(["vector": try #require(response.vector)]), on: defaultModelServer)
        #expect(plain.status == 200 && plain.json["vector"] == nil)
        #expect(abs((plain.json["m_max"] as? Double ?? 0) - response.maximumMass) < 1e-12)
    }

    // MARK: validation

    /// The SLy4 point's decoded table and the index of its first core row.
    static func base() throws -> (eos: [String: Any], firstCore: Int) {
        let decoded = try decodedPoint(2.05446, 11.7497)
        let eos = try #require(decoded["eos"] as? [String: Any])
        let pcc = try #require(decoded["vector"] as? [Double])[103]
        return (eos, try #require((eos["pressure"] as? [Double])?.firstIndex { $0 >= pcc }))
    }

    /// `eos` with `column[row]` replaced.
    static func replacing(_ eos: [String: Any], _ column: String, _ row: Int, with value: Any) -> [String: Any] {
        var eos = eos
        var values = eos[column] as! [Any]
        values[row] = value
        eos[column] = values
        return eos
    }

    /// Expects a 422 with this code and field whose message contains `fragment`.
    static func expectProblem(
        _ answer: (status: Int, headers: HTTPHeaders, json: [String: Any]), code: String, field: String,
        _ fragment: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = errorObject(answer.json)
        #expect(answer.status == 422, "\(answer.json)", sourceLocation: sourceLocation)
        #expect(error["code"] as? String == code, "\(answer.json)", sourceLocation: sourceLocation)
        #expect(error["field"] as? String == field, "\(answer.json)", sourceLocation: sourceLocation)
        #expect(
            fragment.isEmpty || (error["message"] as? String)?.contains(fragment) == true, "\(answer.json)", sourceLocation: sourceLocation)
    }

    @Test("Exactly one of vector or eos")
    func exactlyOne() throws {
        let (eos, _) = try Self.base()
        Self.expectProblem(
            call("POST", "/v1/encode", json: "{}", on: defaultModelServer), code: "missing_field", field: "vector", "exactly one of vector")
        Self.expectProblem(
            call("POST", "/v1/encode", json: #"{"vector": null, "eos": null}"#, on: defaultModelServer), code: "missing_field",
            field: "vector")
        let vector = [Double](repeating: 0.5, count: 107)
        Self.expectProblem(
            call("POST", "/v1/encode", json: jsonText(["vector": vector, "eos": eos]), on: defaultModelServer),
            code: "invalid_value", field: "eos", "not both")
        Self.expectProblem(
            call("POST", "/v1/encode", json: #"{"eos": [1, 2]}"#, on: defaultModelServer), code: "invalid_type", field: "eos")
        var noEnergy = eos
        noEnergy["energy_density"] = nil
        Self.expectProblem(encodeTable(noEnergy), code: "missing_field", field: "eos.energy_density")
        Self.expectProblem(encodeTable(Self.replacing(eos, "pressure", 2, with: "high")), code: "invalid_type", field: "eos.pressure[2]")
        var nullSoundSpeed = eos
        nullSoundSpeed["cs2"] = NSNull()
        #expect(encodeTable(nullSoundSpeed).status == 200)
    }

    @Test("Row counts: 8 to 2000 rows, equal columns, at least 8 core rows")
    func rowCounts() throws {
        let (eos, firstCore) = try Self.base()
        func truncated(_ range: Range<Int>) -> [String: Any] {
            eos.mapValues { Array(($0 as! [Any])[range]) }
        }
        Self.expectProblem(encodeTable(truncated(0..<7)), code: "invalid_length", field: "eos.pressure", "allowed 8...2000")
        let huge = [Double](repeating: 1, count: 2001)
        Self.expectProblem(
            encodeTable(["n_b": huge, "energy_density": huge, "pressure": huge]), code: "invalid_length",
            field: "eos.pressure", "eos.pressure has 2001 rows; allowed 8...2000")
        var short = eos
        short["n_b"] = Array((eos["n_b"] as! [Any]).dropLast())
        Self.expectProblem(encodeTable(short), code: "invalid_length", field: "eos.n_b", "all columns need the same length")
        var long = eos
        long["cs2"] = (eos["cs2"] as! [Any]) + [0.5]
        Self.expectProblem(encodeTable(long), code: "invalid_length", field: "eos.cs2")
        Self.expectProblem(encodeTable(truncated(0..<(firstCore + 5))), code: "invalid_length", field: "eos.pressure", "5 core rows")
    }

    @Test("Values: finite, positive, at most 1e300; cs2 at most 1 up to p_max")
    func values() throws {
        let (eos, firstCore) = try Self.base()
        Self.expectProblem(
            encodeTable(Self.replacing(eos, "energy_density", 3, with: -1)), code: "out_of_range",
            field: "eos.energy_density[3]", "eos.energy_density[3] = -1.0 must be finite and positive (allowed range (0, 1e+300])")
        Self.expectProblem(encodeTable(Self.replacing(eos, "pressure", 0, with: 0)), code: "out_of_range", field: "eos.pressure[0]")
        Self.expectProblem(encodeTable(Self.replacing(eos, "n_b", 9, with: 1e301)), code: "out_of_range", field: "eos.n_b[9]")
        Self.expectProblem(encodeTable(Self.replacing(eos, "cs2", 5, with: 0)), code: "out_of_range", field: "eos.cs2[5]")
        let row = firstCore + 10
        Self.expectProblem(
            encodeTable(Self.replacing(eos, "cs2", row, with: 1.5)), code: "out_of_range", field: "eos.cs2[\(row)]",
            "c_s^2 must lie in (0, 1] up to p_max")
    }

    @Test("Pressure increases over all rows; n_b and energy density through the core")
    func increasing() throws {
        let (eos, firstCore) = try Self.base()
        let p = eos["pressure"] as! [Double], e = eos["energy_density"] as! [Double], n = eos["n_b"] as! [Double]
        // Below the previous row rather than equal to it: JSONSerialization on Linux can move a double by an ulp between
        // parsing and writing, which made an "equal" row slightly larger.
        Self.expectProblem(
            encodeTable(Self.replacing(eos, "pressure", 50, with: p[49] * (1 - 1e-9))), code: "not_increasing",
            field: "eos.pressure[50]", "strictly increasing")
        let row = firstCore + 20
        Self.expectProblem(
            encodeTable(Self.replacing(eos, "energy_density", row, with: e[row - 1] * (1 - 1e-9))), code: "not_increasing",
            field: "eos.energy_density[\(row)]")
        Self.expectProblem(
            encodeTable(Self.replacing(eos, "n_b", row, with: n[row - 1] * 0.99)), code: "not_increasing",
            field: "eos.n_b[\(row)]")
    }

    @Test("The crust-core transition: a foreign crust and a too high p_cc are refused")
    func transition() throws {
        let (eos, firstCore) = try Self.base()
        // A crust 1 % denser than SLy4's is not recognised: the first row is taken as the transition, with n_cc far too low.
        var foreign = eos
        foreign["energy_density"] = (eos["energy_density"] as! [Double]).enumerated().map { $0 < firstCore ? $1 * 1.01 : $1 }
        Self.expectProblem(encodeTable(foreign), code: "out_of_range", field: "eos.n_b[0]", "must lie in [0.03, 0.13] fm^-3")
        // A core table starting at p_cc = 6 MeV fm^-3 (above the crust table) with an admissible n_cc.
        var high = eos.mapValues { Array(($0 as! [Double])[firstCore...]) }
        high["pressure"] = high["pressure"]!.map { $0 + 6 }
        high["energy_density"] = high["energy_density"]!.map { $0 + 100 }
        Self.expectProblem(encodeTable(high), code: "out_of_range", field: "eos.pressure[0]", "is p_cc")
    }

    @Test("A table ending before the maximum-mass star, and a cs2 column inconsistent with eps(p), are refused")
    func physics() throws {
        let (eos, firstCore) = try Self.base()
        let rows = (eos["pressure"] as! [Double]).count
        let cut = eos.mapValues { Array(($0 as! [Any])[0..<(rows - 12)]) }  // ends at ~p_max / 6
        Self.expectProblem(
            encodeTable(cut), code: "table_ends_before_maximum_mass", field: "eos", "before the centre of the maximum-mass star")
        // The core every fourth row, with one c_s² twenty times too small: the Hermite interpolation turns back.
        let core = Array(stride(from: firstCore, to: rows, by: 4))
        var sparse = eos.mapValues { column in core.map { (column as! [Double])[$0] } }
        var cs2 = sparse["cs2"]!
        cs2[5] *= 0.05
        sparse["cs2"] = cs2
        let answer = encodeTable(sparse)
        #expect(errorObject(answer.json)["code"] as? String == "inconsistent_table", "\(answer.json)")
        #expect((errorObject(answer.json)["field"] as? String)?.hasPrefix("eos.cs2[") == true)
    }
}
