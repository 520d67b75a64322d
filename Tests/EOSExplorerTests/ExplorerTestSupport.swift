import Foundation
import FoundationXML
import InferenceService
import MiniHTTP
import ServiceTestSupport

/// The tiny fixture model the service tests use (d = 1), served without sockets, with 20-point default curves.
func explorerConfiguration() -> ServiceConfiguration {
    var configuration = tinyModelConfiguration()
    configuration.defaultMassRadiusPoints = 20
    return configuration
}

/// One built (not started) server shared by the tests.
let explorerServer: InferenceServer = try! buildInferenceServer(configuration: explorerConfiguration())

/// A response through the router (no sockets).
func get(_ target: String) -> HTTPResponse {
    explorerServer.handle(HTTPRequest(method: "GET", target: target))
}

/// `POST` of a JSON body through the router.
func post(_ target: String, json: String) -> HTTPResponse {
    explorerServer.handle(
        HTTPRequest(
            method: "POST", target: target, headers: ["Content-Type": "application/json"],
            body: Array(json.utf8)))
}

/// The `error` object of a JSON error response (empty if the body is not one).
func errorObject(_ response: HTTPResponse) -> [String: String] {
    let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    return (object?["error"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
}

/// The body parsed as XML, or nil if it is not well-formed.
func xml(_ response: HTTPResponse) -> XMLDocument? {
    try? XMLDocument(data: Data(response.body), options: [])
}

/// Every element of `document`, in document order.
func allElements(_ document: XMLDocument) -> [XMLElement] {
    var result: [XMLElement] = []
    func visit(_ element: XMLElement) {
        result.append(element)
        for child in element.children ?? [] {
            if let child = child as? XMLElement { visit(child) }
        }
    }
    if let root = document.rootElement() { visit(root) }
    return result
}

/// An attribute's value, looked up by local name (FoundationXML's `attribute(forName:)` misses attributes of
/// elements in SVG's default namespace).
func attribute(_ element: XMLElement, _ name: String) -> String? {
    element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
}

/// The class list of an element.
func classes(_ element: XMLElement) -> [Substring] {
    (attribute(element, "class") ?? "").split(separator: " ")
}

/// The curves of an SVGPlot document: `<path class="series series-N line">`, in order.
func lineSeries(_ document: XMLDocument) -> [XMLElement] {
    allElements(document).filter { ($0.localName ?? $0.name) == "path" && classes($0).contains("series") && classes($0).contains("line") }
}

/// Elements whose class list contains `name`.
func withClass(_ document: XMLDocument, _ name: String) -> [XMLElement] {
    allElements(document).filter { classes($0).contains(Substring(name)) }
}

/// Legend texts of an SVGPlot document, in order.
func legendLabels(_ document: XMLDocument) -> [String] {
    withClass(document, "legend-entry").map { ($0.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
