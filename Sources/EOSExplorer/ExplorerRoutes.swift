import APIModels
import EOSDecoding
import MiniHTTP

/// Adds the EOS explorer to `router`:
///
/// - `GET /`: the explorer page, one self-contained HTML document (inline CSS and JavaScript, no external
///   resources) that reads `/v1/models`, decodes through `POST /v1/decode` and draws P(n_B) and M–R with SLy4
///   as a dashed reference.
/// - `GET /v1/plot/eos.svg` and `GET /v1/plot/mass-radius.svg`: publication-quality SVG of P(n_B) (log–log) and
///   of the mass–radius curve for one or more latent points (see ``PlotQuery`` for the query syntax), each decoded
///   point a solid curve, SLy4 a dashed curve, with a legend.
///
/// Invalid queries throw ``APIProblem``, which the router answers with the API's JSON error body
/// `{"error": {"code", "message", "field"}}`: 400 `malformed_query` (unknown parameter, a value that is not a
/// number), 422 `missing_field`, `invalid_length`, `out_of_range` (naming the field and its allowed range) or
/// `decode_failed`.
///
/// - Parameters:
///   - router: the service's router.
///   - decoder: the served model's decoder (its curve size is used for the mass–radius curves).
///   - model: the served model's `/v1/models` document; its `training_region` gives the accepted ranges.
public func registerExplorerRoutes(on router: inout Router, decoder: EOSDecoder, model: ModelInfo) {
    let plots = PlotService(decoder: decoder, model: model)
    router.get("/") { _ in ExplorerPage.response }
    router.get("/v1/plot/eos.svg") { request in try svgResponse(plots.svg(.pressureDensity, query: request.query)) }
    router.get("/v1/plot/mass-radius.svg") { request in try svgResponse(plots.svg(.massRadius, query: request.query)) }
}

/// An SVG document as the response.
private func svgResponse(_ svg: String) -> HTTPResponse {
    HTTPResponse(
        status: 200, headers: ["Content-Type": "image/svg+xml; charset=utf-8", "X-Content-Type-Options": "nosniff"],
        body: Array(svg.utf8))
}
