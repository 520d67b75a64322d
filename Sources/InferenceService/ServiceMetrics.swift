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
    private let requestSeries: RequestSeriesTable

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let fine: [Duration] = [.microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
                                .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
        factory.defaultDurationHistogramBuckets = fine
        self.factory = factory
        requestSeries = RequestSeriesTable(factory: factory)
        inFlight = CoreMetrics.Gauge(label: "http_requests_in_flight", factory: factory)
        connections = CoreMetrics.Gauge(label: "http_connections_open", factory: factory)
        networkTimer = CoreMetrics.Timer(label: "eos_decode_network_seconds", factory: factory)
        solveTimer = CoreMetrics.Timer(label: "eos_decode_solve_seconds", factory: factory)
        decodedPoints = CoreMetrics.Counter(label: "eos_decode_points_total", dimensions: [("outcome", "ok")], factory: factory)
        failedPoints = CoreMetrics.Counter(label: "eos_decode_points_total", dimensions: [("outcome", "failed")], factory: factory)
    }

    /// Counts a finished response and its latency under its route pattern (`unmatched` for 404s). Methods
    /// other than the standard ones count as `other`, so clients cannot create series without bound.
    func record(method: String, route: String?, status: Int, duration: Duration) {
        let label = Self.standardMethods.contains(method) ? method : (method.isEmpty ? "unknown" : "other")
        let series = requestSeries.series(for: RequestSeriesTable.Key(method: label, route: route ?? "unmatched", status: status))
        series.counter.increment()
        series.timer.recordNanoseconds(duration.nanoseconds)
    }

    private static let standardMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]

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

/// The request series by label set, looked up without a lock: every request reads it, from many threads.
///
/// Open addressing over a fixed number of slots, each filled once (``AtomicLazyReference``); a series that finds
/// no free slot is kept in a locked overflow map (not expected: labels are bounded well below the slot count).
final class RequestSeriesTable: Sendable {
    /// The labels of one series.
    struct Key: Hashable, Sendable {
        var method: String
        var route: String
        var status: Int
    }

    /// One series' counter and latency histogram.
    final class Series: Sendable {
        let key: Key
        let counter: CoreMetrics.Counter
        let timer: CoreMetrics.Timer

        init(key: Key, factory: PrometheusMetricsFactory) {
            self.key = key
            let dimensions = [("method", key.method), ("route", key.route), ("status", String(key.status))]
            counter = CoreMetrics.Counter(label: "http_requests_total", dimensions: dimensions, factory: factory)
            timer = CoreMetrics.Timer(label: "http_request_duration_seconds", dimensions: dimensions, factory: factory)
        }
    }

    private final class Slot: Sendable {
        let series = AtomicLazyReference<Series>()
    }

    private static let slotCount = 512
    private let slots: [Slot] = (0..<RequestSeriesTable.slotCount).map { _ in Slot() }
    private let overflow = Mutex<[Key: Series]>([:])
    private let factory: PrometheusMetricsFactory

    init(factory: PrometheusMetricsFactory) {
        self.factory = factory
    }

    /// The series for `key`, made on first use (the registry hands concurrent makers the same metric).
    func series(for key: Key) -> Series {
        var index = Int(UInt(bitPattern: key.hashValue) % UInt(Self.slotCount))
        for _ in 0..<Self.slotCount {
            let slot = slots[index]
            if let existing = slot.series.load() {
                if existing.key == key { return existing }
            } else {
                let stored = slot.series.storeIfNil(Series(key: key, factory: factory))
                if stored.key == key { return stored }
            }
            index = (index + 1) % Self.slotCount
        }
        return overflow.withLock { map in
            if let existing = map[key] { return existing }
            let made = Series(key: key, factory: factory)
            map[key] = made
            return made
        }
    }
}
