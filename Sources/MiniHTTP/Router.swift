/// Routes requests by method and path pattern.
///
/// Patterns are literal segments and `{name}` segments that match one non-empty segment, e.g.
/// `/v1/models/{id}`. For a path that matches a pattern but not the method → 405 with `Allow`;
/// for a path matching no pattern → 404. `HEAD` uses the `GET` handler unless a `HEAD` route exists.
/// When several patterns match, the one with literal segments earliest wins (`/a/b` beats `/a/{x}`).
/// Handlers may throw: an ``HTTPError`` becomes its own response, anything else `500 internal_error` without its
/// text. This is the one place where thrown errors become responses.
///
/// A route added with `inline: true` is answered on the connection's own queue instead of the worker pool
/// (see ``dispatch(_:)``): only for handlers that are fast and never block, such as liveness probes.
public struct Router: Sendable {
    /// A route handler; ``HTTPRequest/pathParameters`` holds the `{name}` segment values.
    public typealias RouteHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

    private struct Route: Sendable {
        var method: String
        var pattern: String
        var segments: [PatternSegment]
        var handler: RouteHandler
        var inline: Bool
    }

    /// The outcome of matching a request: a route to run, or a 404/405 answer.
    private enum Resolution {
        case route(Route, parameters: [String: String])
        case answer(HTTPResponse)
    }

    private enum PatternSegment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []
    /// Routes whose patterns have no `{name}` segment, by path, in the order added: the common case is one
    /// dictionary lookup (such a route is more specific than any route with a parameter).
    private var literalRoutes: [String: [Int]] = [:]

    /// Creates an empty router.
    public init() {}

    /// Adds a route. The handler sees ``HTTPRequest/pathParameters`` filled in from `{name}` segments.
    /// With `inline`, the server runs the handler on the connection's queue (it must be fast and never block).
    public mutating func add(_ method: String, _ pattern: String, inline: Bool = false, _ handler: @escaping RouteHandler) {
        let parts = Self.split(pattern)
        let segments = parts.map { segment -> PatternSegment in
            segment.hasPrefix("{") && segment.hasSuffix("}") && segment.count > 2
                ? .parameter(String(segment.dropFirst().dropLast())) : .literal(String(segment))
        }
        if !segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            literalRoutes["/" + parts.joined(separator: "/"), default: []].append(routes.count)
        }
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: handler, inline: inline))
    }

    /// Adds a `GET` route (which also serves `HEAD`).
    public mutating func get(_ pattern: String, inline: Bool = false, _ handler: @escaping RouteHandler) {
        add("GET", pattern, inline: inline, handler)
    }
    /// Adds a `POST` route.
    public mutating func post(_ pattern: String, _ handler: @escaping RouteHandler) { add("POST", pattern, handler) }
    /// Adds a `PUT` route.
    public mutating func put(_ pattern: String, _ handler: @escaping RouteHandler) { add("PUT", pattern, handler) }
    /// Adds a `DELETE` route.
    public mutating func delete(_ pattern: String, _ handler: @escaping RouteHandler) { add("DELETE", pattern, handler) }

    /// Dispatches `request` to the matching route, or answers 404 / 405 in the JSON error shape.
    @Sendable public func handle(_ request: HTTPRequest) -> HTTPResponse {
        switch resolve(request) {
        case .answer(let response): response
        case .route(let route, let parameters): run(route, parameters, request)
        }
    }

    /// How the server answers `request`, matched once: 404 / 405 answers and inline routes at once, any other
    /// route by running its handler on the worker pool.
    @Sendable public func dispatch(_ request: HTTPRequest) -> HTTPDispatch {
        switch resolve(request) {
        case .answer(let response): .respond(response)
        case .route(let route, let parameters) where route.inline: .respond(run(route, parameters, request))
        case .route(let route, let parameters): .onPool { run(route, parameters, request) }
        }
    }

    private func resolve(_ request: HTTPRequest) -> Resolution {
        if let candidates = literalRoutes[request.path],
            let index = candidates.first(where: { routes[$0].method == request.method })
        {
            return .route(routes[index], parameters: [:])
        }
        let path = Self.split(request.path)
        var matches: [Int] = []
        for index in routes.indices where Self.matches(routes[index].segments, path) { matches.append(index) }
        guard !matches.isEmpty else {
            return .answer(.error(status: 404, code: "not_found", message: "no route for \(request.path)"))
        }
        // Most specific first: compare literal-vs-parameter segment by segment.
        if matches.count > 1 { matches.sort { Self.isMoreSpecific(routes[$0].segments, than: routes[$1].segments) } }
        let chosen =
            matches.first { routes[$0].method == request.method }
            ?? (request.method == "HEAD" ? matches.first { routes[$0].method == "GET" } : nil)
        guard let chosen else {
            var allowed = Set(matches.map { routes[$0].method })
            if allowed.contains("GET") { allowed.insert("HEAD") }
            var response = HTTPResponse.error(
                status: 405, code: "method_not_allowed", message: "\(request.method) is not allowed on \(request.path)")
            response.headers["Allow"] = allowed.sorted().joined(separator: ", ")
            response.route = routes[matches[0]].pattern
            return .answer(response)
        }
        let route = routes[chosen]
        return .route(route, parameters: Self.parameters(route.segments, path))
    }

    private func run(_ route: Route, _ parameters: [String: String], _ request: HTTPRequest) -> HTTPResponse {
        var routed = request
        routed.pathParameters = parameters
        var response: HTTPResponse
        do {
            response = try route.handler(routed)
        } catch let error as any HTTPError {
            response = (try? error.response()) ?? Self.internalError
        } catch {
            response = Self.internalError
        }
        response.route = route.pattern
        return response
    }

    /// The response to an error that is not an ``HTTPError`` (or whose body cannot be encoded).
    private static let internalError = HTTPResponse.error(status: 500, code: "internal_error", message: "internal server error")

    private static func split(_ path: String) -> ArraySlice<Substring> {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    }

    private static func matches(_ pattern: [PatternSegment], _ path: ArraySlice<Substring>) -> Bool {
        guard pattern.count == path.count else { return false }
        for (segment, value) in zip(pattern, path) {
            switch segment {
            case .literal(let literal):
                guard literal == value else { return false }
            case .parameter:
                guard !value.isEmpty else { return false }
            }
        }
        return true
    }

    /// The percent-decoded values of a matching path's `{name}` segments.
    private static func parameters(_ pattern: [PatternSegment], _ path: ArraySlice<Substring>) -> [String: String] {
        var parameters: [String: String] = [:]
        for case (.parameter(let name), let value) in zip(pattern, path) {
            parameters[name] = String(value).removingPercentEncodingIfValid
        }
        return parameters
    }

    private static func isMoreSpecific(_ lhs: [PatternSegment], than rhs: [PatternSegment]) -> Bool {
        for (left, right) in zip(lhs, rhs) {
            switch (left, right) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }
}
