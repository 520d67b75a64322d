import Foundation
import MiniHTTP
import Testing

@Suite("Explorer page")
struct ExplorerPageTests {
    let response = get("/")
    var html: String { String(decoding: response.body, as: UTF8.self) }

    @Test("GET / serves the HTML page")
    func served() {
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Neutron-star EOS explorer</title>"))
        #expect(html.contains(#"<meta name="viewport""#))
        #expect(response.headers["Content-Security-Policy"]?.contains("connect-src 'self'") == true)
    }

    @Test("Self-contained: no absolute URLs, no external scripts, styles, fonts or images")
    func selfContained() {
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("//cdn"))
        #expect(html.range(of: #"<script[^>]*\bsrc="#, options: .regularExpression) == nil)
        #expect(html.range(of: #"<link\b"#, options: .regularExpression) == nil)
        #expect(html.range(of: #"@import|@font-face|url\(\s*['"]?[a-z]+:"#, options: .regularExpression) == nil)
        #expect(html.range(of: #"<img\b"#, options: .regularExpression) == nil)
    }

    @Test("Uses the API: ranges from v1/models, decoding through v1/decode with cancellation, both plots")
    func usesTheAPI() {
        #expect(html.contains(#"fetch("v1/models")"#))
        #expect(html.contains(#"fetch("v1/decode""#))
        #expect(html.contains("new AbortController()"))
        #expect(html.contains(#"id="eos-plot""#) && html.contains(#"id="mr-plot""#))
        #expect(html.contains("v1/plot/eos.svg") && html.contains("v1/plot/mass-radius.svg"))
    }

    @Test("SLy4's reference curves are embedded (the page needs no second request for them)")
    func embedsSLy4() throws {
        #expect(!html.contains("__SLY4_JSON__"))
        let line = try #require(html.split(separator: "\n").first { $0.hasPrefix("const SLY4 = ") })
        let json = line.dropFirst("const SLY4 = ".count).dropLast()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let mass = try #require(object["m_max"] as? Double)
        // SLy4's M_max is 2.05 Msun.
        #expect(abs(mass - 2.05) < 0.01)
        #expect((object["n_b"] as? [Double])?.count == 300)
    }

    @Test("Every form control has a label; the status line is announced")
    func accessible() {
        #expect(html.contains(#"<label for="${id}">"#))
        #expect(html.contains(#"aria-label="${esc(key)} value"#))
        #expect(html.contains(#"role="status" aria-live="polite""#))
        #expect(html.contains(#"<html lang="en">"#))
    }
}

@Suite("Explorer in openapi.yaml")
struct ExplorerContractTests {
    @Test("The page and both SVG endpoints are documented, and the served document is the file")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(String(decoding: get("/openapi.yaml").body, as: UTF8.self) == file)
        for path in ["/", "/v1/plot/eos.svg", "/v1/plot/mass-radius.svg"] {
            #expect(file.contains("\n  \(path):\n"), "\(path) missing from openapi.yaml")
        }
        #expect(file.contains("image/svg+xml") && file.contains("text/html") && file.contains("malformed_query"))
    }
}
