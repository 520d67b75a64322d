import Foundation
import Testing

/// `observables` on /v1/decode and /v1/decode/batch through the router (tiny model, no sockets).
@Suite("Observables of decoded EOSs")
struct ObservablesTests {
    private func decode(_ extra: String) -> (status: Int, json: [String: Any]) {
        let response = call("POST", "/v1/decode", json: #"{"m_max": \#(goodPoint.m), "r_14": \#(goodPoint.r), \#(extra)}"#)
        return (response.status, response.json)
    }

    private func observables(_ json: [String: Any]) throws -> [String: Any] {
        try #require(json["observables"] as? [String: Any])
    }

    @Test func starAtOnePointFourIsTheDecodesCanonicalStar() throws {
        let (status, json) = decode(#""observables": {"masses": [1.4]}"#)
        #expect(status == 200)
        let star = try #require((try observables(json)["at_masses"] as? [[String: Any]])?.first)
        #expect(star["exists"] as? Bool == true)
        // The same root on the same stars: identical, not merely close.
        #expect(star["radius_km"] as? Double == json["r_14"] as? Double)
        #expect(star["lambda"] as? Double == json["lambda_14"] as? Double)
        let o = try observables(json)
        #expect(o["m_tov"] as? Double == json["m_max"] as? Double)
        let radius = try #require(star["radius_km"] as? Double), mass = 1.4
        let compactness = try #require(star["compactness"] as? Double)
        #expect(abs(compactness - mass * 1.4766250 / radius) < 1e-6 * compactness)
        // Extras are null unless asked for.
        #expect(star["moment_of_inertia"] is NSNull)
        #expect(star["baryon_mass"] is NSNull)
    }

    @Test func includeObservablesIsTheFastPathWithTheSameNumbers() throws {
        let fast = decode(#""include": "observables", "observables": {"masses": [1.2, 1.4]}"#)
        let full = decode(#""observables": {"masses": [1.2, 1.4]}"#)
        #expect(fast.status == 200 && full.status == 200)
        #expect(fast.json["eos"] == nil && fast.json["mass_radius"] == nil && fast.json["vector"] == nil)
        #expect(full.json["eos"] != nil && full.json["mass_radius"] != nil)
        for key in ["m_max", "r_14", "lambda_14"] { #expect(fast.json[key] as? Double == full.json[key] as? Double, "\(key)") }
        let a = try #require(try observables(fast.json)["at_masses"] as? [[String: Any]])
        let b = try #require(try observables(full.json)["at_masses"] as? [[String: Any]])
        #expect(a.map { $0["radius_km"] as? Double } == b.map { $0["radius_km"] as? Double })
        // The conditioning errors are in every form.
        let diagnostics = try #require(fast.json["diagnostics"] as? [String: Any])
        let mMax = try #require(fast.json["m_max"] as? Double)
        let error = try #require(diagnostics["m_max_relative_error"] as? Double)
        #expect(abs(error - (mMax / goodPoint.m - 1)) < 1e-12)
    }

    @Test func extrasMissingStarsBinariesAndDensities() throws {
        let (status, json) = decode(
            #"""
            "observables": {"masses": [1.3, 3.4], "binaries": [{"m1": 1.4, "m2": 1.4}, {"m1": 1.5, "m2": 1.2}, {"m1": 3.4, "m2": 1.2}],
            "densities": [0.16, 0.32], "quantities": ["moment_of_inertia", "baryon_mass"]}
            """#)
        #expect(status == 200)
        let o = try observables(json)
        let stars = try #require(o["at_masses"] as? [[String: Any]])
        #expect(stars[0]["exists"] as? Bool == true)
        let inertia = try #require(stars[0]["moment_of_inertia"] as? Double)
        let baryonMass = try #require(stars[0]["baryon_mass"] as? Double)
        #expect(inertia > 0.5 && inertia < 3, "\(inertia)")  // 10^45 g cm^2, realistic range
        #expect(baryonMass > 1.3 && baryonMass < 1.3 * 1.25, "\(baryonMass)")  // bound: M_B > M, binding < 25 %
        // Above M_TOV: no star, nulls, and the point still answers.
        #expect(stars[1]["exists"] as? Bool == false)
        #expect(stars[1]["radius_km"] is NSNull && stars[1]["central_pressure"] is NSNull)
        let binaries = try #require(o["binaries"] as? [[String: Any]])
        // Equal masses: Λ̃ = Λ and δΛ̃ = 0.
        let lambda = try #require(binaries[0]["lambda1"] as? Double)
        #expect(abs(try #require(binaries[0]["lambda_tilde"] as? Double) / lambda - 1) < 1e-12)
        #expect(abs(try #require(binaries[0]["delta_lambda_tilde"] as? Double)) < 1e-9 * lambda)
        let l1 = try #require(binaries[1]["lambda1"] as? Double), l2 = try #require(binaries[1]["lambda2"] as? Double)
        let tilde = try #require(binaries[1]["lambda_tilde"] as? Double)
        #expect(tilde > min(l1, l2) && tilde < max(l1, l2))
        #expect(binaries[2]["exists"] as? Bool == false && binaries[2]["lambda_tilde"] is NSNull)
        let densities = try #require(o["at_densities"] as? [[String: Double]])
        #expect(densities.map { $0["n_b"] } == [0.16, 0.32])
        #expect(try #require(densities[1]["pressure"]) > (try #require(densities[0]["pressure"])))
        let centre = try #require(o["center"] as? [String: Double])
        #expect(try #require(centre["n_b"]) > 0.32)
        #expect(try #require(o["max_cs2"] as? Double) >= (try #require(densities[1]["cs2"])))
    }

    @Test func invalidObservablesAre422NamingTheField() {
        let cases: [(String, String)] = [
            (#""observables": {"masses": [0]}"#, "observables.masses[0]"),
            (#""observables": {"masses": [1.4, 3.6]}"#, "observables.masses[1]"),
            (#""observables": {"binaries": [{"m1": 1.4, "m2": -1}]}"#, "observables.binaries[0].m2"),
            (#""observables": {"densities": [0.16, -0.1]}"#, "observables.densities[1]"),
            (#""observables": {"densities": [5.0]}"#, "observables.densities[0]"),
            (#""observables": {"masses": [\#((0..<65).map { _ in "1.4" }.joined(separator: ","))]}"#, "observables.masses"),
            (#""include": "observable""#, "include"),
        ]
        for (extra, field) in cases {
            let (status, json) = decode(extra)
            #expect(status == 422, "\(extra)")
            #expect(errorObject(json)["field"] as? String == field, "\(extra): \(json)")
        }
    }

    @Test func batchPointsCarryTheirOwnObservablesOrTheBatchs() throws {
        let body = #"""
            {"points": [{"m_max": 2.1, "r_14": 12, "observables": {"masses": [1.3]}},
                        {"m_max": 2.1, "r_14": 12},
                        {"m_max": 2.1, "r_14": 12, "observables": {"densities": [9.0]}}],
             "observables": {"masses": [1.5, 1.6]}, "include": "observables"}
            """#
        let response = call("POST", "/v1/decode/batch", json: body)
        #expect(response.status == 200)
        let results = try #require(response.json["results"] as? [[String: Any]])
        let first = try #require((results[0]["result"] as? [String: Any])?["observables"] as? [String: Any])
        let second = try #require((results[1]["result"] as? [String: Any])?["observables"] as? [String: Any])
        #expect((first["at_masses"] as? [[String: Any]])?.map { $0["mass"] as? Double } == [1.3])
        #expect((second["at_masses"] as? [[String: Any]])?.map { $0["mass"] as? Double } == [1.5, 1.6])
        #expect(results[2]["ok"] as? Bool == false)
        #expect((results[2]["error"] as? [String: Any])?["field"] as? String == "points[2].observables.densities[0]")
        // The scalars form also carries the diagnostics with the conditioning errors.
        let scalars = call("POST", "/v1/decode/batch", json: #"{"points": [{"m_max": 2.1, "r_14": 12}], "include": "scalars"}"#)
        let item = try #require((scalars.json["results"] as? [[String: Any]])?.first?["result"] as? [String: Any])
        #expect((item["diagnostics"] as? [String: Any])?["r_14_error"] is Double)
    }
}

/// A point's answer does not depend on the batch it travels in (the committed model, real widths: the network's
/// inference kernels sum in a batch-independent order).
@Suite("Bit-identical answers across batch sizes")
struct BatchInvarianceTests {
    @Test func samePointSameBitsInBatchesOf1_3_8_64() throws {
        let point = #"{"m_max": 2.05, "r_14": 11.75, "observables": {"masses": [1.4, 1.8]}}"#
        func others(_ count: Int) -> [String] {
            (0..<count).map { #"{"m_max": \#(2.0 + 0.003 * Double($0)), "r_14": \#(11.9 + 0.02 * Double($0))}"# }
        }
        var answers: [[Double]] = []
        for size in [1, 3, 8, 64] {
            let points = [point] + others(size - 1)
            let response = call(
                "POST", "/v1/decode/batch", json: #"{"points": [\#(points.joined(separator: ","))], "include": "observables"}"#,
                on: defaultModelServer)
            try #require(response.status == 200)
            let result = try #require((response.json["results"] as? [[String: Any]])?.first?["result"] as? [String: Any])
            let stars = try #require((result["observables"] as? [String: Any])?["at_masses"] as? [[String: Any]])
            answers.append(
                [try #require(result["m_max"] as? Double), try #require(result["r_14"] as? Double)]
                    + stars.compactMap { $0["radius_km"] as? Double })
        }
        #expect(answers[0].count == 4)
        for answer in answers.dropFirst() { #expect(answer == answers[0]) }
    }
}
