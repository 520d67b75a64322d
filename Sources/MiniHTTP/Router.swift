/// Routes requests by method and path pattern.
///
/// Patterns are literal segments and `{name}` segments that match one non-empty segment, e.g.
/// `/v1/models/{id}`. For a path that matches a pattern but not the method → 405 with `Allow`;
/// for a path matching no pattern → 404. `HEAD` uses the `GET` handler unless a `HEAD` route exists.
/// When several patterns match, the one with literal segments earliest wins (`/a/b` beats `/a/{x}`).
/// Handlers may throw: an ``HTTPError`` becomes its JSON error response, anything else `500 internal_error`.
public struct Router: Sendable {
    /// A route handler; ``HTTPRequest/pathParameters`` holds the `{name}` segment values.
    public typealias RouteHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

    private struct Route: Sendable {
        var method: String
        var pattern: String
        var segments: [PatternSegment]
        var handler: RouteHandler
    }

    private enum PatternSegment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    /// Creates an empty router.
    public init() {}

    /// Adds a route. The handler sees ``HTTPRequest/pathParameters`` filled in from `{name}` segments.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping RouteHandler) {
        let segments = Self.split(pattern).map { segment -> PatternSegment in
            segment.hasPrefix("{") && segment.hasSuffix("}") && segment.count > 2
                ? .parameter(String(segment.dropFirst().dropLast())) : .literal(segment)
        }
        routes.append(Route(method: method, pattern: pattern, segments: segments, handler: handler))
    }

    /// Adds a `GET` route (which also serves `HEAD`).
    public mutating func get(_ pattern: String, _ handler: @escaping RouteHandler) { add("GET", pattern, handler) }
    /// Adds a `POST` route.
    public mutating func post(_ pattern: String, _ handler: @escaping RouteHandler) { add("POST", pattern, handler) }
    /// Adds a `PUT` route.
    public mutating func put(_ pattern: String, _ handler: @escaping RouteHandler) { add("PUT", pattern, handler) }
    /// Adds a `DELETE` route.
    public mutating func delete(_ pattern: String, _ handler: @escaping RouteHandler) { add("DELETE", pattern, handler) }

    /// Dispatches `request` to the matching route, or answers 404 / 405 in the JSON error shape.
    @Sendable public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let path = Self.split(request.path)
        var matches: [(route: Route, parameters: [String: String])] = []
        for route in routes {
            if let parameters = Self.match(route.segments, path) { matches.append((route, parameters)) }
        }
        guard !matches.isEmpty else {
            return .error(status: 404, code: "not_found", message: "no route for \(request.path)")
        }
        // Most specific first: compare literal-vs-parameter segment by segment.
        matches.sort { Self.isMoreSpecific($0.route.segments, than: $1.route.segments) }
        let chosen = matches.first { $0.route.method == request.method }
            ?? (request.method == "HEAD" ? matches.first { $0.route.method == "GET" } : nil)
        guard let (route, parameters) = chosen else {
            var allowed = Set(matches.map(\.route.method))
            if allowed.contains("GET") { allowed.insert("HEAD") }
            var response = HTTPResponse.error(
                status: 405, code: "method_not_allowed", message: "\(request.method) is not allowed on \(request.path)")
            response.headers["Allow"] = allowed.sorted().joined(separator: ", ")
            response.route = matches[0].route.pattern
            return response
        }
        var routed = request
        routed.pathParameters = parameters
        var response: HTTPResponse
        do {
            response = try route.handler(routed)
        } catch let error as HTTPError {
            response = error.response
        } catch {
            response = HTTPError.internalErrorResponse
        }
        response.route = route.pattern
        return response
    }

    private static func split(_ path: String) -> [String] {
        Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init))
    }

    private static func match(_ pattern: [PatternSegment], _ path: [String]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, value) in zip(pattern, path) {
            switch segment {
            case .literal(let literal):
                guard literal == value else { return nil }
            case .parameter(let name):
                guard !value.isEmpty else { return nil }
                parameters[name] = value.removingPercentEncodingIfValid
            }
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
