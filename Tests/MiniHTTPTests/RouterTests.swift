import Foundation
import MiniHTTP
import Testing

@Suite("Router (no sockets)")
struct RouterTests {
    let router: Router = {
        var router = Router()
        router.get("/v1/models") { _ in .text("list") }
        router.post("/v1/models") { request in .text("created \(request.body.count)", status: 201) }
        router.get("/v1/models/{id}") { request in .text("model \(request.pathParameters["id"] ?? "?")") }
        router.get("/v1/models/latest") { _ in .text("latest") }
        router.delete("/v1/models/{id}/runs/{run}") { request in
            .text("\(request.pathParameters["id"]!)/\(request.pathParameters["run"]!)")
        }
        router.get("/") { _ in .text("root") }
        return router
    }()

    func body(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func literalAndParameterRoutes() {
        let list = router.handle(HTTPRequest(method: "GET", target: "/v1/models"))
        #expect(list.status == 200)
        #expect(body(list) == "list")
        #expect(list.route == "/v1/models")
        #expect(body(router.handle(HTTPRequest(method: "POST", target: "/v1/models", body: [1, 2]))) == "created 2")
        let one = router.handle(HTTPRequest(method: "GET", target: "/v1/models/sly4?verbose=1"))
        #expect(body(one) == "model sly4")
        #expect(one.route == "/v1/models/{id}")
        #expect(body(router.handle(HTTPRequest(method: "DELETE", target: "/v1/models/a/runs/7"))) == "a/7")
        #expect(body(router.handle(HTTPRequest(method: "GET", target: "/"))) == "root")
    }

    @Test func literalSegmentsWinOverParameters() {
        #expect(body(router.handle(HTTPRequest(method: "GET", target: "/v1/models/latest"))) == "latest")
    }

    @Test func parametersArePercentDecoded() {
        #expect(body(router.handle(HTTPRequest(method: "GET", target: "/v1/models/a%20b"))) == "model a b")
    }

    @Test func unknownPathIs404InTheErrorShape() throws {
        for target in ["/nope", "/v1/models/", "/v1/models/a/b", "/v1"] {
            let response = router.handle(HTTPRequest(method: "GET", target: target))
            #expect(response.status == 404, "\(target)")
            let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: [String: String]]
            #expect(json?["error"]?["code"] == "not_found")
        }
    }

    @Test func wrongMethodIs405WithAllow() {
        let response = router.handle(HTTPRequest(method: "PATCH", target: "/v1/models"))
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD, POST")
        #expect(body(response).contains("method_not_allowed"))
        let deleteOnly = router.handle(HTTPRequest(method: "GET", target: "/v1/models/a/runs/1"))
        #expect(deleteOnly.headers["Allow"] == "DELETE")
    }

    @Test func headUsesTheGetHandler() {
        let response = router.handle(HTTPRequest(method: "HEAD", target: "/v1/models/x"))
        #expect(response.status == 200)
        #expect(body(response) == "model x")
    }

    @Test func thrownErrorsBecomeJSONErrorsWithoutLeakingInternals() throws {
        struct Secret: Error {}
        struct Refusal: HTTPError {
            struct Detail: Encodable { var message: String; var code: String }
            var status: Int { 422 }
            var body: [String: Detail] { ["error": Detail(message: "mass must be positive", code: "invalid_parameter")] }
            var headers: HTTPHeaders { ["X-Hint": "1"] }
        }
        var router = Router()
        router.get("/bad") { _ in throw Refusal() }
        router.get("/boom") { _ in throw Secret() }
        let bad = router.handle(HTTPRequest(method: "GET", target: "/bad"))
        #expect(bad.status == 422)
        #expect(bad.headers["X-Hint"] == "1")
        #expect(bad.route == "/bad")
        #expect(body(bad) == #"{"error":{"code":"invalid_parameter","message":"mass must be positive"}}"#)
        let boom = router.handle(HTTPRequest(method: "GET", target: "/boom"))
        #expect(boom.status == 500)
        #expect(body(boom) == #"{"error":{"code":"internal_error","message":"internal server error"}}"#)
    }

    @Test func encodableResponses() throws {
        struct Point: Codable, Equatable { var radiusKm: Double; var massSolar: Double }
        var router = Router()
        router.get("/point") { _ in try .json(encoding: Point(radiusKm: 12.1, massSolar: 1.4), status: 201) }
        let response = router.handle(HTTPRequest(method: "GET", target: "/point"))
        #expect(response.status == 201)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(try JSONDecoder().decode(Point.self, from: Data(response.body)) == Point(radiusKm: 12.1, massSolar: 1.4))
    }

    @Test func methodsAreCaseSensitive() {
        #expect(router.handle(HTTPRequest(method: "get", target: "/v1/models")).status == 405)
    }

    @Test func aLiteralRouteWithoutTheMethodFallsBackToAMatchingParameterRoute() {
        var router = Router()
        router.post("/items/special") { _ in .text("special") }
        router.get("/items/{id}") { request in .text("item \(request.pathParameters["id"] ?? "?")") }
        #expect(body(router.handle(HTTPRequest(method: "GET", target: "/items/special"))) == "item special")
        #expect(body(router.handle(HTTPRequest(method: "POST", target: "/items/special"))) == "special")
        let put = router.handle(HTTPRequest(method: "PUT", target: "/items/special"))
        #expect(put.status == 405)
        #expect(put.headers["Allow"] == "GET, HEAD, POST")
    }

    @Test func dispatchAnswersInlineRoutesAndErrorsAtOnceAndSendsOtherRoutesToThePool() {
        var router = Router()
        router.get("/live", inline: true) { _ in .text("alive") }
        router.get("/work/{id}") { request in .text("worked \(request.pathParameters["id"] ?? "?")") }
        /// The response given at once, or nil for pool work.
        func immediate(_ method: String, _ target: String) -> HTTPResponse? {
            if case .respond(let response) = router.dispatch(HTTPRequest(method: method, target: target)) { return response }
            return nil
        }
        let live = immediate("GET", "/live")
        #expect(live.map(body) == "alive")
        #expect(live?.route == "/live")
        #expect(immediate("HEAD", "/live")?.status == 200)
        #expect(immediate("GET", "/nope")?.status == 404)
        let wrongMethod = immediate("POST", "/work/7")
        #expect(wrongMethod?.status == 405)
        #expect(wrongMethod?.headers["Allow"] == "GET, HEAD")
        // A pool route is matched once, here; the work runs the handler with the path parameters already filled in.
        guard case .onPool(let work) = router.dispatch(HTTPRequest(method: "GET", target: "/work/7")) else {
            Issue.record("a non-inline route must run on the pool")
            return
        }
        let worked = work()
        #expect(body(worked) == "worked 7")
        #expect(worked.route == "/work/{id}")
    }
}
