import Foundation

extension HTTPClient {
    /// GETs `path` and decodes the JSON answer as `Response`.
    package func getJSON<Response: Decodable>(
        _ path: String, as type: Response.Type = Response.self, requestID: String? = nil
    ) throws(HTTPClientError) -> Response {
        let request = HTTPRequest(method: .get, path: path, headers: [HTTPHeader("Accept", "application/json")], requestID: requestID)
        return try decode(type, from: send(request))
    }

    /// POSTs `body` encoded as JSON to `path` and decodes the JSON answer as `Response`.
    package func postJSON<Body: Encodable, Response: Decodable>(
        _ path: String, body: Body, as type: Response.Type = Response.self, requestID: String? = nil
    ) throws(HTTPClientError) -> Response {
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw .encoding(message: String(describing: error))
        }
        let request = HTTPRequest(
            method: .post, path: path,
            headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json")],
            body: data, requestID: requestID)
        return try decode(type, from: send(request))
    }

    private func decode<Response: Decodable>(_ type: Response.Type, from response: HTTPResponse) throws(HTTPClientError) -> Response {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw .decoding(
                type: String(describing: type), message: String(describing: error),
                body: String(decoding: response.body.prefix(2000), as: UTF8.self))
        }
    }
}
