import MiniHTTP

/// `GET /`: the explorer page.
enum ExplorerPage {
    /// The page, `Resources/explorer.html` (embedded in the binary by SwiftPM), with SLy4's curves
    /// (``SLy4Reference/json``) in place of `__SLY4_JSON__` (built on first use).
    ///
    /// The page has inline CSS and JavaScript only (no external scripts, fonts, images or CDNs), so it works offline.
    /// Behaviour: reads the training region from `GET /v1/models`, builds a slider and a number input per
    /// latent (M_max, R_1.4, z…), shades the supported (M_max, R_1.4) region at the current z when the model publishes
    /// `training_region.support` (its score computed in the page, as openapi.yaml's RegionSupport describes), and
    /// decodes through `POST /v1/decode` with at most one request in flight: changes made meanwhile are coalesced into
    /// one pending request (latest value wins), and an in-flight request that is superseded and older than 0.8 s is
    /// aborted (AbortController), as is any request after 30 s. Plots are drawn client-side as inline SVG with
    /// SVGPlot's class convention: each curve is one `<path class="series series-N line">` (the decoded EOS, then
    /// SLy4), reference lines are `g.refline`. For tests, `<body>` carries `data-state` (`loading`, `ready`, `error`),
    /// `data-decode-sent`, `data-decode-done` and `data-decode-aborted`.
    static let html: String = String(decoding: PackageResources.explorer_html, as: UTF8.self)
        .replacingOccurrences(of: "__SLY4_JSON__", with: SLy4Reference.json)

    /// The page response. The Content-Security-Policy lets the page talk to its own origin only, so a stray
    /// external reference would fail loudly instead of silently needing the network.
    static var response: HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [
                "Content-Type": "text/html; charset=utf-8",
                "Content-Security-Policy":
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-cache",
            ], body: Array(html.utf8))
    }
}
