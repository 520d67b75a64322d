import Foundation
@testable import InferenceService
import Testing

/// Unknown fields and values outside an enumeration get 422 with the nearest known field or the allowed values.
@Suite("strict request bodies")
struct StrictInputTests {
    /// The error object of a 422 answer to `body` at `target`.
    func refusal(_ target: String, _ body: String) -> (code: String?, message: String?, field: String?) {
        let answer = call("POST", target, json: body)
        #expect(answer.status == 422, "\(target) \(body)")
        let error = errorObject(answer.json)
        return (error["code"] as? String, error["message"] as? String, error["field"] as? String)
    }

    @Test("a misspelt field is named with the nearest known one, at every level and in every request type")
    func misspeltField() {
        let decode = refusal("/v1/decode", #"{"m_max": 2.1, "r_14": 12, "mr_point": 10}"#)
        #expect(decode.code == "unknown_field" && decode.field == "mr_point")
        #expect(decode.message == "unknown field mr_point; did you mean mr_points?")

        let nested = refusal("/v1/decode/batch", #"{"points": [{"m_max": 2.1, "r_14": 12}, {"m_max": 2.1, "r_14": 12, "zz": [0]}]}"#)
        #expect(nested.field == "points[1].zz" && nested.message == "unknown field points[1].zz; did you mean points[1].z?")

        let table = refusal("/v1/encode", #"{"eos": {"n_b": [1], "energy_density": [1], "pressure": [1], "cs_2": [1]}}"#)
        #expect(table.field == "eos.cs_2" && table.message == "unknown field eos.cs_2; did you mean eos.cs2?")

        // /v2 answers with the protocol's error body: the message alone.
        let v2 = call(
            "POST", "/v2/models/tiny/infer",
            json: #"{"inputs": [{"name": "latent", "shape": [1, 3], "datatype": "FP64", "data": [2.1, 12, 0]}], "output": []}"#)
        #expect(v2.status == 422 && v2.json["error"] as? String == "unknown field output; did you mean outputs?")
    }

    @Test("a required field missing beside its misspelling names both")
    func missingBesideMisspelling() {
        let top = refusal("/v1/decode", #"{"mmax": 2.1, "r_14": 12}"#)
        #expect(top.code == "missing_field" && top.field == "m_max")
        #expect(top.message == "m_max is required; did you mean m_max instead of mmax?")
        let nested = refusal("/v1/decode/batch", #"{"points": [{"m_max": 2.1, "r14": 12}]}"#)
        #expect(nested.field == "points[0].r_14")
        #expect(nested.message == "points[0].r_14 is required; did you mean points[0].r_14 instead of points[0].r14?")
        let plain = refusal("/v1/decode", #"{"r_14": 12}"#)
        #expect(plain.message == "m_max is required")
    }

    @Test("a field far from every known one lists the known fields in their order")
    func farField() {
        let answer = refusal("/v1/decode", #"{"m_max": 2.1, "r_14": 12, "temperature": 0}"#)
        #expect(
            answer.message
                == "unknown field temperature; known fields: m_max, r_14, z, eos_points, mr_points, include, observables, conditioning, conditioning_tolerance"
        )
        #expect(answer.field == "temperature")
    }

    @Test("an enumeration value outside its cases lists the allowed values")
    func enumeration() {
        let answer = refusal("/v1/decode/batch", #"{"points": [{"m_max": 2.1, "r_14": 12}], "include": "scalar"}"#)
        #expect(answer.code == "invalid_value" && answer.field == "include")
        #expect(answer.message == "include must be one of full, scalars, observables")
    }

    @Test("known fields, null optional ones and every documented field still decode")
    func knownFieldsPass() {
        #expect(call("POST", "/v1/decode", json: #"{"m_max": 2.1, "r_14": 12, "z": null, "eos_points": 8, "mr_points": 4}"#).status == 200)
        #expect(
            call(
                "POST", "/v1/decode/batch",
                json: #"{"points": [{"m_max": 2.1, "r_14": 12, "z": [0.1]}], "include": "scalars", "eos_points": null, "mr_points": 4}"#
            ).status == 200)
        #expect(
            call(
                "POST", "/v2/models/tiny/infer",
                json:
                    #"{"id": "a", "inputs": [{"name": "latent", "shape": [1, 3], "datatype": "FP64", "data": [[2.1, 12, 0]]}], "outputs": [{"name": "m_max"}]}"#
            ).status == 200)
    }

    @Test("the JSON reader behind the check: values, escapes, surrogate pairs, errors, depth")
    func reader() throws {
        let text = #"{"a": [1, -2.5e3, true, false, null, "x\"\\\/\n\u00e9\ud83d\ude00"], "b": {}, "c": [], " d ": 0.1}"#
        let tree = try #require(JSONTree.parse(Data(text.utf8)))
        #expect(
            tree
                == .object([
                    "a": .array([.number(1), .number(-2500), .bool(true), .bool(false), .null, .string("x\"\\/\né😀")]),
                    "b": .object([:]), "c": .array([]), " d ": .number(0.1),
                ]))
        #expect(JSONTree.parse(Data(#""\ud83dz""#.utf8)) == .string("\u{FFFD}z"))
        for broken in ["[1, 2", #"{"a" 1}"#, "1 2", "[1,]", #""\q""#, "tru"] {
            #expect(JSONTree.parse(Data(broken.utf8)) == nil, "\(broken)")
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONTree.parse(Data(deep.utf8)) == nil)
    }

    @Test("edit distance and the nearest-field rule")
    func nearest() {
        #expect(JSONFieldCheck.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(JSONFieldCheck.editDistance(Array(""), Array("abc")) == 3)
        #expect(JSONFieldCheck.nearest(to: "M_MAX", among: ["m_max", "r_14"]) == "m_max")
        #expect(JSONFieldCheck.nearest(to: "mmax", among: ["m_max", "r_14"]) == "m_max")
        #expect(JSONFieldCheck.nearest(to: "pressure_mev", among: ["m_max", "r_14"]) == nil)
    }
}
