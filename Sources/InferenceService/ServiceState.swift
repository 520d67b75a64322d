import MiniHTTP
import Locking
import Synchronization

/// Readiness and the live gauges the handlers read.
final class ServiceState: Sendable {
    /// Flipped by the HTTP server when draining begins.
    let drainState: DrainState
    private let warmedUp = Atomic<Bool>(false)
    private let server = Locked<HTTPServer?>(nil)

    init(drainState: DrainState) {
        self.drainState = drainState
    }

    /// `ok`, `loading` (model not warmed up yet) or `draining`.
    var readiness: String {
        if drainState.isDraining { return "draining" }
        return warmedUp.load(ordering: .acquiring) ? "ok" : "loading"
    }

    /// Whether `/readyz` answers 200.
    var isReady: Bool { readiness == "ok" }

    /// Marks the model warmed up and the service ready.
    func markReady() { warmedUp.store(true, ordering: .releasing) }

    /// Connects the HTTP server whose gauges `/metrics` reports (nil to disconnect on shutdown).
    func attach(_ http: HTTPServer?) { server.withLock { $0 = http } }

    /// (requests in flight, open connections) of the attached server.
    var gauges: (inFlight: Int, connections: Int) {
        guard let http = server.withLock({ $0 }) else { return (0, 0) }
        return (http.requestsInFlight, http.connectionCount)
    }
}
