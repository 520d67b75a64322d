import Foundation
import FoundationXML
import MiniHTTP
import Testing

/// A point the tiny model decodes (as in the service tests), and two neighbours.
let pointA = "m_max=2.1&r_14=12.0"
let pointB = "m_max=2.05&r_14=11.8"

@Suite("SVG plot endpoints")
struct PlotEndpointTests {
    @Test("eos.svg for one point: well-formed SVG, the decoded curve and SLy4 dashed, log axes, a legend")
    func eosSinglePoint() throws {
        let response = get("/v1/plot/eos.svg?" + pointA)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self).prefix(300))")
        #expect(response.headers["Content-Type"] == "image/svg+xml; charset=utf-8")
        let document = try #require(xml(response))
        #expect(document.rootElement()?.localName == "svg")
        #expect(document.rootElement().map(classes) == ["svgplot"])
        let lines = lineSeries(document)
        try #require(lines.count == 2)
        #expect(lines.map { attribute($0, "class") } == ["series series-0 line", "series series-1 line"])
        // The decoded curve is solid, SLy4 (the last curve) dashed.
        #expect(attribute(lines[0], "stroke-dasharray") == nil)
        #expect(attribute(lines[1], "stroke-dasharray") != nil)
        #expect(legendLabels(document).count == 2)
        #expect(legendLabels(document).last == "SLy4")
        // Log axes: tick labels are powers of ten.
        let ticks = withClass(document, "tick-label").compactMap(\.stringValue)
        #expect(ticks.contains { $0.hasPrefix("10") }, "\(ticks)")
        let axisLabels = withClass(document, "axis-label").compactMap(\.stringValue)
        #expect(axisLabels.contains("n_B [fm⁻³]") && axisLabels.contains("P [MeV fm⁻³]"), "\(axisLabels)")
    }

    @Test("mass-radius.svg overlays repeated points: one curve each, SLy4, the 1.4 M☉ and pulsar lines")
    func massRadiusRepeatedParameters() throws {
        let response = get("/v1/plot/mass-radius.svg?" + pointA + "&" + pointB)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self).prefix(300))")
        let document = try #require(xml(response))
        #expect(lineSeries(document).count == 3)
        let references = withClass(document, "refline")
        #expect(references.count == 2)
        #expect(withClass(document, "refline-label").compactMap(\.stringValue).contains("1.4 M☉"))
        let legend = legendLabels(document)
        #expect(legend.count == 3)
        #expect(legend.first?.contains("M_max 2.1") == true, "\(legend)")
        #expect(legend.last == "SLy4")
    }

    @Test("points=m,r[,z];… gives one curve per point; z may be given per point")
    func pointsSyntax() throws {
        let response = get("/v1/plot/eos.svg?points=2.1,12.0;2.05,11.8,0;2.1,11.9")
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self).prefix(300))")
        let document = try #require(xml(response))
        #expect(lineSeries(document).count == 4)
        #expect(legendLabels(document).count == 4)
        let percentEncoded = get("/v1/plot/mass-radius.svg?points=2.1%2C12.0%3B2.05%2C11.8")
        #expect(percentEncoded.status == 200)
        #expect(xml(percentEncoded).map { lineSeries($0).count } == 3)
    }

    @Test("The same point gives byte-identical SVG (deterministic output)")
    func deterministic() {
        #expect(get("/v1/plot/eos.svg?" + pointA).body == get("/v1/plot/eos.svg?" + pointA).body)
    }
}

@Suite("SVG plot endpoints: invalid queries get the API's JSON errors")
struct PlotErrorTests {
    /// Status, code and field of an SVG endpoint's error.
    func problem(_ target: String) -> (status: Int, code: String?, field: String?, message: String?) {
        let response = get(target)
        let error = errorObject(response)
        #expect(response.headers["Content-Type"] == "application/json")
        return (response.status, error["code"], error["field"], error["message"])
    }

    @Test("Out-of-range values: 422 out_of_range, worded exactly as POST /v1/decode words it")
    func outOfRangeMatchesAPI() {
        for (query, json) in [
            ("m_max=9&r_14=12", #"{"m_max": 9, "r_14": 12}"#),
            ("m_max=2.1&r_14=40", #"{"m_max": 2.1, "r_14": 40}"#),
            ("m_max=2.1&r_14=12&z=1000", #"{"m_max": 2.1, "r_14": 12, "z": [1000]}"#),
            ("m_max=2.1&r_14=12&z=0,0", #"{"m_max": 2.1, "r_14": 12, "z": [0, 0]}"#),
        ] {
            for path in ["/v1/plot/eos.svg", "/v1/plot/mass-radius.svg"] {
                let plot = get(path + "?" + query)
                let api = post("/v1/decode", json: json)
                #expect(plot.status == 422)
                #expect(plot.status == api.status)
                #expect(errorObject(plot) == errorObject(api), "\(query)")
            }
        }
        let error = problem("/v1/plot/eos.svg?m_max=9&r_14=12")
        #expect(error.code == "out_of_range" && error.field == "m_max")
        #expect(error.message?.contains("allowed range") == true)
    }

    @Test("Fields of the k-th point are named points[k]…, as in /v1/decode/batch")
    func multiPointFields() {
        #expect(problem("/v1/plot/eos.svg?" + pointA + "&m_max=2.1&r_14=99").field == "points[1].r_14")
        #expect(problem("/v1/plot/eos.svg?points=2.1,12;9,12").field == "points[1].m_max")
        #expect(problem("/v1/plot/eos.svg?points=2.1,12,0,0").code == "invalid_length")
        #expect(problem("/v1/plot/eos.svg?points=2.1,12,7000").field == "points[0].z[0]")
    }

    @Test("Malformed queries: 400 malformed_query naming the parameter")
    func malformed() {
        for (query, field) in [
            ("m_max=abc&r_14=12", "m_max"), ("m_max=2.1&r_14=nan", "r_14"), ("m_max=2.1&r_14=0x1p3", "r_14"),
            ("m_max=2.1&r14=12", "r14"), ("m_max=&r_14=12", "m_max"), ("points=2.1,x", "points[0]"),
            ("m_max=2.1&r_14=12&z=", "z"),
        ] {
            let error = problem("/v1/plot/mass-radius.svg?" + query)
            #expect(error.status == 400, "\(query)")
            #expect(error.code == "malformed_query", "\(query)")
            #expect(error.field == field, "\(query)")
        }
    }

    @Test("Missing or mismatched parameters and too many points: 422")
    func unprocessable() {
        let none = problem("/v1/plot/eos.svg")
        #expect(none.status == 422 && none.code == "missing_field" && none.field == "m_max")
        let noRadius = problem("/v1/plot/eos.svg?m_max=2.1")
        #expect(noRadius.status == 422 && noRadius.code == "missing_field" && noRadius.field == "r_14")
        let mismatch = problem("/v1/plot/eos.svg?m_max=2.1&m_max=2.0&r_14=12")
        #expect(mismatch.status == 422 && mismatch.code == "invalid_length" && mismatch.field == "r_14")
        let zOnce = problem("/v1/plot/eos.svg?" + pointA + "&" + pointB + "&z=0")
        #expect(zOnce.status == 422 && zOnce.code == "invalid_length" && zOnce.field == "z")
        let mixed = problem("/v1/plot/eos.svg?points=2.1,12&m_max=2.1")
        #expect(mixed.status == 422 && mixed.code == "invalid_value" && mixed.field == "points")
        let many = problem("/v1/plot/eos.svg?points=" + Array(repeating: "2.1,12", count: 9).joined(separator: ";"))
        #expect(many.status == 422 && many.code == "invalid_length" && many.field == "points")
    }
}
