import Foundation

/// An error that chooses the response to a request whose handler threw it.
///
/// ``Router`` is the one place thrown errors become responses: an `HTTPError` answers with its ``status``,
/// ``headers`` and ``body`` encoded as JSON (`Content-Type: application/json`, sorted keys, slashes unescaped);
/// any other error becomes `500 internal_error` without its text (nothing internal leaks).
public protocol HTTPError: Error {
    /// The JSON body's type.
    associatedtype Body: Encodable
    /// The response status (e.g. 422).
    var status: Int { get }
    /// The response body, sent as JSON.
    var body: Body { get }
    /// Extra response headers (e.g. `Retry-After`); none by default.
    var headers: HTTPHeaders { get }
}

extension HTTPError {
    /// No extra headers.
    public var headers: HTTPHeaders { [:] }

    /// The response for this error.
    /// - Throws: whatever encoding ``body`` throws.
    func response() throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var response = try HTTPResponse.json(encoding: body, status: status, encoder: encoder)
        for (name, value) in headers.fields { response.headers.add(name, value) }
        return response
    }
}
