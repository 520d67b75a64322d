import APIModels
import Foundation
import MiniHTTP

/// Reads a JSON request body: checks the content type (415), the JSON syntax (400) and the shape (422 naming
/// the field; unknown fields and values outside an enumeration too, see ``JSONFieldCheck``).
enum JSONRequestBody {
    /// Decodes `type` from `request`'s body.
    static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws(APIProblem) -> T {
        let contentType = request.headers["Content-Type"] ?? ""
        guard isJSON(mediaType(of: request)) else {
            throw APIProblem(
                status: 415, code: "unsupported_media_type",
                message: contentType.isEmpty
                    ? "the request body must be sent with Content-Type: application/json"
                    : "Content-Type '\(contentType)' is not supported; send application/json")
        }
        return try decode(type, json: Data(request.body))
    }

    /// The request's media type, lowercased without parameters (empty when it has no `Content-Type`).
    static func mediaType(of request: HTTPRequest) -> String {
        let contentType = request.headers["Content-Type"] ?? ""
        return contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Whether `mediaType` is JSON (`application/json` or `application/…+json`).
    static func isJSON(_ mediaType: String) -> Bool {
        mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    /// Decodes `type` from a JSON document (the content type already checked).
    static func decode<T: Decodable>(_ type: T.Type, json body: Data) throws(APIProblem) -> T {
        guard !body.isEmpty else {
            throw APIProblem(status: 400, code: "malformed_json", message: "the request body is empty; send a JSON object")
        }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: body)
        } catch let error as DecodingError {
            var problem = problem(for: error)
            // Syntactically valid JSON whose values cannot be represented (e.g. an integer beyond 64 bits) is
            // unprocessable, not malformed.
            if problem.status == 400, (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) != nil {
                problem = APIProblem(
                    status: 422, code: "invalid_value", message: "the request body holds a value that cannot be represented")
            }
            // A required field missing beside a misspelling of it: name both.
            if case let .keyNotFound(key, context) = error, let tree = JSONTree.parse(body),
                case .object(let object)? = tree.value(at: context.codingPath),
                let typo = JSONFieldCheck.nearest(to: key.stringValue, among: object.keys.filter { $0 != key.stringValue }.sorted())
            {
                let prefix = context.codingPath.isEmpty ? "" : path(context.codingPath) + "."
                problem.detail.message += "; did you mean \(prefix)\(key.stringValue) instead of \(prefix)\(typo)?"
            }
            // A string that is not one of an enumeration's values: name the allowed ones.
            if case .dataCorrupted = error, let field = problem.detail.field, let tree = JSONTree.parse(body),
                case let .notAllowed(path, allowed)? = JSONFieldCheck.check(T.self, in: tree), path == field
            {
                problem = JSONFieldCheck.problem(for: .notAllowed(path: path, allowed: allowed))
            }
            throw problem
        } catch {
            throw APIProblem(status: 400, code: "malformed_json", message: "the request body is not valid JSON")
        }
        // Unknown fields: 422 naming the field and the nearest known one.
        if let tree = JSONTree.parse(body), let finding = JSONFieldCheck.check(T.self, in: tree) {
            throw JSONFieldCheck.problem(for: finding)
        }
        return value
    }

    /// 400 for syntax errors (no coding path), 422 naming the field for everything else.
    static func problem(for error: DecodingError) -> APIProblem {
        switch error {
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key])
            return APIProblem(status: 422, code: "missing_field", message: "\(field) is required", field: field)
        case let .valueNotFound(type, context):
            let field = path(context.codingPath)
            return APIProblem(status: 422, code: "invalid_type", message: "\(field) must be \(describe(type)), not null", field: field)
        case let .typeMismatch(type, context):
            let field = path(context.codingPath)
            if context.codingPath.isEmpty {
                return APIProblem(status: 422, code: "invalid_type", message: "the request body must be a JSON object")
            }
            return APIProblem(status: 422, code: "invalid_type", message: "\(field) must be \(describe(type))", field: field)
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                return APIProblem(status: 400, code: "malformed_json", message: "the request body is not valid JSON")
            }
            let field = path(context.codingPath)
            return APIProblem(status: 422, code: "invalid_value", message: "\(field) is not a representable value", field: field)
        @unknown default:
            return APIProblem(status: 400, code: "malformed_json", message: "the request body is not valid JSON")
        }
    }

    /// A JSON path such as `points[3].m_max`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result.isEmpty ? "body" : result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is UInt64.Type: return "an integer"
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") || name.hasPrefix("[") ? "an array" : "an object"
        }
    }
}
