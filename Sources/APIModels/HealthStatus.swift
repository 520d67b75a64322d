/// `GET /healthz` and `GET /readyz`: `{"status": "ok"}`, or `loading` / `draining` with 503 from `/readyz`.
public struct HealthStatus: Codable, Sendable, Equatable {
    /// `ok`, `loading` or `draining`.
    public var status: String

    /// A status.
    public init(status: String) {
        self.status = status
    }
}
