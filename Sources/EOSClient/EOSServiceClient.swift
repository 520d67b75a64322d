import APIModels
import CurlClient
import Foundation

/// A typed client of the EOS inference service (`eos-server`): one method per endpoint, plus a chunked,
/// parallel, order-preserving batch decoder (``decodeBatch(_:options:onResults:progress:)``).
///
/// Calls block the calling thread. The client is `Sendable`; it keeps one keep-alive connection, and the
/// batch decoder opens one more per extra concurrent chunk.
package final class EOSServiceClient: Sendable {
    /// The settings it was made with.
    package let configuration: EOSClientConfiguration
    let http: HTTPClient

    /// A client of the server at `configuration.serverURL`; nothing is sent until the first call.
    package init(configuration: EOSClientConfiguration) throws(EOSClientError) {
        guard let url = URL(string: configuration.serverURL), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else {
            throw .invalidInput(message: "invalid server URL '\(configuration.serverURL)' (expected e.g. http://127.0.0.1:8080)")
        }
        self.configuration = configuration
        http = try Self.makeHTTPClient(configuration)
    }

    static func makeHTTPClient(_ configuration: EOSClientConfiguration) throws(EOSClientError) -> HTTPClient {
        do throws(HTTPClientError) {
            return try HTTPClient(configuration: configuration.httpConfiguration)
        } catch {
            throw .invalidResponse(message: "cannot initialise libcurl: \(error)")
        }
    }

    /// `GET /healthz`: whether the process is up.
    package func health() throws(EOSClientError) -> HealthStatus {
        try get("/healthz")
    }

    /// `GET /readyz`: `ok` once the model is loaded; a draining or loading server answers 503, which this
    /// returns as its status (`draining`/`loading`) rather than throwing.
    package func readiness() throws(EOSClientError) -> HealthStatus {
        do throws(EOSClientError) {
            return try get("/readyz")
        } catch .server(status: 503, let code, let message, _) {
            return HealthStatus(status: code ?? message)
        }
    }

    /// `GET /v1/models`: the served models with their training regions and request limits.
    package func models() throws(EOSClientError) -> ModelList {
        try get("/v1/models")
    }

    /// `POST /v1/decode`: one latent point → EOS table, mass–radius curve, scalars and diagnostics.
    package func decode(_ request: DecodeRequest) throws(EOSClientError) -> DecodeResult {
        try post("/v1/decode", request)
    }

    /// `POST /v1/decode/batch` with exactly these points (at most the server's `max_batch_points`).
    /// Indices in the answer are positions in `request.points`.
    package func decodeBatchChunk(_ request: BatchDecodeRequest) throws(EOSClientError) -> BatchDecodeResponse {
        try post("/v1/decode/batch", request)
    }

    /// `POST /v1/encode`: a raw 107-vector → its latent point.
    package func encode(_ vector: [Double]) throws(EOSClientError) -> EncodeResponse {
        try post("/v1/encode", EncodeRequest(vector: vector))
    }

    /// `POST /v1/encode` with an EOS table → its latent point, with the 107-vector the server computed from it.
    package func encode(table: EncodeEOSTable) throws(EOSClientError) -> EncodeResponse {
        try post("/v1/encode", EncodeRequest(eos: table))
    }

    func get<Response: Decodable>(_ path: String) throws(EOSClientError) -> Response {
        do throws(HTTPClientError) {
            return try http.getJSON(path, as: Response.self)
        } catch {
            throw EOSClientError(error, server: configuration.serverURL)
        }
    }

    func post<Body: Encodable, Response: Decodable>(_ path: String, _ body: Body) throws(EOSClientError) -> Response {
        try Self.post(path, body, using: http, server: configuration.serverURL)
    }

    static func post<Body: Encodable, Response: Decodable>(
        _ path: String, _ body: Body, using http: HTTPClient,
        server: String
    ) throws(EOSClientError) -> Response {
        do throws(HTTPClientError) {
            return try http.postJSON(path, body: body, as: Response.self)
        } catch {
            throw EOSClientError(error, server: server)
        }
    }
}
