import CoreMetrics
import Prometheus
import Synchronization

/// The service's metrics, recorded through swift-metrics into a Prometheus registry owned by this server
/// (not the process-global one, so several servers in one process — tests — keep separate counts).
///
/// Names: `http_requests_total` and `http_request_duration_seconds` {method, route, status};
/// `http_requests_in_flight`, `http_connections_open`; `eos_decode_network_seconds` (batched decoder pass),
/// `eos_decode_solve_seconds` (EOS rebuild + TOV, per point) and `eos_decode_points_total` {outcome}.
final class ServiceMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let inFlight: CoreMetrics.Gauge
    private let connections: CoreMetrics.Gauge
    private let networkTimer: CoreMetrics.Timer
    private let solveTimer: CoreMetrics.Timer
    private let decodedPoints: CoreMetrics.Counter
    private let failedPoints: CoreMetrics.Counter
    /// Request series made so far (a handful: methods × route patterns × statuses), made once each.
    private let requestMetrics = Mutex<[RequestKey: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let fine: [Duration] = [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
                                .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
        factory.defaultDurationHistogramBuckets = fine
        self.factory = factory
        inFlight = CoreMetrics.Gauge(label: "http_requests_in_flight", factory: factory)
        connections = CoreMetrics.Gauge(label: "http_connections_open", factory: factory)
        networkTimer = CoreMetrics.Timer(label: "eos_decode_network_seconds", factory: factory)
        solveTimer = CoreMetrics.Timer(label: "eos_decode_solve_seconds", factory: factory)
        decodedPoints = CoreMetrics.Counter(label: "eos_decode_points_total", dimensions: [("outcome", "ok")], factory: factory)
        failedPoints = CoreMetrics.Counter(label: "eos_decode_points_total", dimensions: [("outcome", "failed")], factory: factory)
    }

    /// Counts a finished response and its latency under its route pattern (`unmatched` for 404s).
    func record(method: String, route: String?, status: Int, duration: Duration) {
        let key = RequestKey(method: method.isEmpty ? "unknown" : method, route: route ?? "unmatched", status: status)
        let (counter, timer) = requestMetrics.withLock { cache in
            if let cached = cache[key] { return cached }
            let dimensions = [("method", key.method), ("route", key.route), ("status", String(key.status))]
            let made = (CoreMetrics.Counter(label: "http_requests_total", dimensions: dimensions, factory: factory),
                        CoreMetrics.Timer(label: "http_request_duration_seconds", dimensions: dimensions, factory: factory))
            cache[key] = made
            return made
        }
        counter.increment()
        timer.recordNanoseconds(duration.nanoseconds)
    }

    /// The labels of one request series.
    private struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    /// Records one batched decoder pass.
    func recordNetwork(_ duration: Duration) {
        networkTimer.recordNanoseconds(duration.nanoseconds)
    }

    /// Records one point's EOS rebuild and TOV solution, and its outcome.
    func recordSolve(_ duration: Duration, ok: Bool) {
        solveTimer.recordNanoseconds(duration.nanoseconds)
        (ok ? decodedPoints : failedPoints).increment()
    }

    /// The Prometheus text exposition, after setting the gauges read at scrape time.
    func exposition(requestsInFlight: Int, connectionsOpen: Int) -> [UInt8] {
        inFlight.record(requestsInFlight)
        connections.record(connectionsOpen)
        return registry.emitToBuffer()
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }
}
