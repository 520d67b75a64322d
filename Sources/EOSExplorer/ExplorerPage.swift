import MiniHTTP

/// `GET /`: the explorer page.
enum ExplorerPage {
    /// The page with SLy4's curves filled in (built on first use).
    static let html: String = template.replacingOccurrences(of: "__SLY4_JSON__", with: SLy4Reference.json)

    /// The page response. The Content-Security-Policy lets the page talk to its own origin only, so a stray
    /// external reference would fail loudly instead of silently needing the network.
    static var response: HTTPResponse {
        HTTPResponse(status: 200, headers: [
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-cache",
        ], body: Array(html.utf8))
    }
}
