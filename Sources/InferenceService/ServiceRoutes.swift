import APIModels
import EOSExplorer
import Foundation
import MiniHTTP

/// The service's routes and their handlers. Handlers throw ``APIProblem`` (or anything else: a 500) and the router
/// answers with the error's response.
enum ServiceRoutes {
    /// Every route of the service, for `router` (OpenAPI paths).
    static func router(service: DecodeService, state: ServiceState, metrics: ServiceMetrics) -> Router {
        let model = service.model
        let inference = OpenInference(service: service)
        var router = Router()

        // Probes and constant documents are answered inline (on the connection's queue): they stay fast and
        // reachable when every worker is busy decoding.
        let alive = HTTPResponse.json(Array(#"{"status":"ok"}"#.utf8))
        router.get("/healthz", inline: true) { _ in alive }
        router.get("/readyz", inline: true) { _ in
            try json(HealthStatus(status: state.readiness), status: state.isReady ? 200 : 503)
        }
        router.get("/metrics") { _ in
            let gauges = state.gauges
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: metrics.exposition(requestsInFlight: gauges.inFlight, connectionsOpen: gauges.connections))
        }
        let openAPI = HTTPResponse(status: 200, headers: ["Content-Type": "application/yaml"], body: PackageResources.openapi_yaml)
        router.get("/openapi.yaml", inline: true) { _ in openAPI }

        router.post("/v1/decode") { request in
            try json(service.decode(JSONRequestBody.decode(DecodeRequest.self, from: request)))
        }
        router.post("/v1/decode/batch") { request in
            try json(service.decodeBatch(JSONRequestBody.decode(BatchDecodeRequest.self, from: request)))
        }
        router.post("/v1/encode") { request in
            try json(service.encode(JSONRequestBody.decode(EncodeRequest.self, from: request)))
        }
        router.get("/v1/models") { _ in try json(ModelList(models: [model.info])) }
        router.get("/v1/models/{name}") { request in
            try requireModel(request, model)
            return try json(model.info)
        }

        router.get("/v2") { _ in
            try json(V2ServerMetadata(name: "eos-server", version: OpenInference.version, extensions: OpenInference.extensions))
        }
        router.get("/v2/health/live", inline: true) { _ in try json(V2ServerLive(live: true)) }
        router.get("/v2/health/ready", inline: true) { _ in
            try json(V2ServerReady(ready: state.isReady), status: state.isReady ? 200 : 503)
        }
        router.get("/v2/models/{name}") { request in
            try requireModel(request, model)
            return try json(inference.metadata)
        }
        router.get("/v2/models/{name}/ready", inline: true) { request in
            try requireModel(request, model)
            return try json(V2ModelReady(name: model.name, ready: state.isReady), status: state.isReady ? 200 : 503)
        }
        router.post("/v2/models/{name}/infer") { request in
            try requireModel(request, model)
            return try inference.infer(request)
        }
        registerExplorerRoutes(on: &router, decoder: model.decoder, model: model.info)
        return router
    }

    private static func requireModel(_ request: HTTPRequest, _ model: ServedModel) throws(APIProblem) {
        let name = request.pathParameters["name"] ?? ""
        guard name == model.name else { throw .modelNotFound(name, served: model.name) }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    private static func json(_ value: some Encodable, status: Int = 200) throws -> HTTPResponse {
        .json(Array(try encoder.encode(value)), status: status)
    }
}
