import Foundation
import Prometheus
import Locking
import Synchronization

/// The service's metrics in a Prometheus registry owned by this server (not the process-global one, so several
/// servers in one process — tests — keep separate counts). Every family carries `# HELP` text.
///
/// Names: `http_requests_total` and `http_request_duration_seconds` {method, route, status};
/// `http_requests_in_flight`, `http_connections_open`; `eos_decode_network_seconds` (batched decoder pass),
/// `eos_decode_solve_seconds` (EOS rebuild + TOV, per point) and `eos_decode_points_total` {outcome};
/// `eos_build_info` {version, model, model_hash} = 1; the usual `process_*` family (``ProcessMetrics``).
final class ServiceMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    private let connections: Gauge
    private let networkTimer: DurationHistogram
    private let solveTimer: DurationHistogram
    private let decodedPoints: Counter
    private let failedPoints: Counter
    private let process: ProcessMetrics
    /// Request series made so far (a handful: methods × route patterns × statuses), made once each.
    private let requestSeries: RequestSeriesTable

    /// Latency buckets of every duration histogram, 100 µs to 10 s.
    static let buckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    /// Metrics of a server serving `model` (its directory name) whose weights hash to `modelHash`.
    init(model: String, modelHash: String) {
        requestSeries = RequestSeriesTable(registry: registry)
        inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "http_requests_in_flight", unitName: "", helpText: "Requests being handled (inline answers are not counted)."))
        connections = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "http_connections_open", unitName: "", helpText: "Open client connections."))
        networkTimer = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "eos_decode_network", unitName: "seconds", helpText: "Time of one batched decoder (network) pass."),
            buckets: Self.buckets)
        solveTimer = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "eos_decode_solve", unitName: "seconds",
                helpText: "Time of one point's EOS rebuild, TOV solution and observables."), buckets: Self.buckets)
        let points = MetricNameDescriptor(
            metricName: "eos_decode_points", unitName: "total",
            helpText: "Decoded points by outcome (ok, failed).")
        decodedPoints = registry.makeCounter(descriptor: points, labels: [("outcome", "ok")])
        failedPoints = registry.makeCounter(descriptor: points, labels: [("outcome", "failed")])
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "eos_build_info", unitName: "",
                helpText: "Always 1: the service version, the served model and the FNV-1a hash of its weights."),
            labels: [("version", ServiceVersion.current), ("model", model), ("model_hash", modelHash)]
        ).set(1.0)
        process = ProcessMetrics(registry: registry)
    }

    /// Counts a finished response and its latency under its route pattern (`unmatched` for 404s). Methods
    /// other than the standard ones count as `other`, so clients cannot create series without bound.
    func record(method: String, route: String?, status: Int, duration: Duration) {
        let label = Self.standardMethods.contains(method) ? method : (method.isEmpty ? "unknown" : "other")
        let series = requestSeries.series(for: RequestSeriesTable.Key(method: label, route: route ?? "unmatched", status: status))
        series.counter.increment()
        series.timer.record(duration)
    }

    private static let standardMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"]

    /// Records one batched decoder pass.
    func recordNetwork(_ duration: Duration) {
        networkTimer.record(duration)
    }

    /// Records one point's EOS rebuild and TOV solution, and its outcome.
    func recordSolve(_ duration: Duration, ok: Bool) {
        solveTimer.record(duration)
        (ok ? decodedPoints : failedPoints).increment()
    }

    /// The Prometheus text exposition, after setting the gauges read at scrape time.
    func exposition(requestsInFlight: Int, connectionsOpen: Int) -> [UInt8] {
        inFlight.set(Double(requestsInFlight))
        connections.set(Double(connectionsOpen))
        process.update()
        return registry.emitToBuffer()
    }
}

/// The version of the service reported by `eos_build_info`.
enum ServiceVersion {
    static let current = "0.3.0"
}

/// The standard `process_*` metrics of Prometheus client libraries, read from /proc at scrape time: CPU seconds,
/// resident and virtual memory, open and maximum file descriptors, start time. On a system without /proc (macOS)
/// the values stay 0.
final class ProcessMetrics: Sendable {
    private let cpu: Counter
    private let resident: Gauge
    private let virtual: Gauge
    private let openDescriptors: Gauge
    private let maximumDescriptors: Gauge
    private let startTime: Gauge
    /// CPU seconds already added to the counter (it can only be incremented).
    private let countedCPU = Locked(0.0)

    init(registry: PrometheusCollectorRegistry) {
        cpu = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "process_cpu", unitName: "seconds_total", helpText: "Total user and system CPU time spent in seconds."))
        resident = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "process_resident_memory", unitName: "bytes", helpText: "Resident memory size in bytes."))
        virtual = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "process_virtual_memory", unitName: "bytes", helpText: "Virtual memory size in bytes."))
        openDescriptors = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "process_open_fds", unitName: "", helpText: "Number of open file descriptors."))
        maximumDescriptors = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "process_max_fds", unitName: "", helpText: "Maximum number of open file descriptors."))
        startTime = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "process_start_time", unitName: "seconds", helpText: "Start time of the process since unix epoch in seconds."))
        update()
    }

    /// Reads /proc/self and sets every value.
    func update() {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        // /proc/self/stat: the fields after the command name (which may hold spaces) start at field 3 (state).
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]), let start = Double(fields[19]),
                let virtualBytes = Double(fields[20]), let residentPages = Double(fields[21])
            {
                let total = (user + system) / ticks
                let delta = countedCPU.withLock { counted -> Double in
                    let delta = max(0, total - counted)
                    counted += delta
                    return delta
                }
                if delta > 0 { cpu.increment(by: delta) }
                virtual.set(virtualBytes)
                resident.set(residentPages * page)
                if let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
                    let seconds = uptime.split(separator: " ").first.flatMap({ Double($0) })
                {
                    startTime.set((Date().timeIntervalSince1970 - seconds + start / ticks).rounded())
                }
            }
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            openDescriptors.set(Double(descriptors.count))
        }
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 { maximumDescriptors.set(Double(limit.rlim_cur)) }
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
        let counter: Counter
        let timer: DurationHistogram

        init(key: Key, registry: PrometheusCollectorRegistry) {
            self.key = key
            let labels = [("method", key.method), ("route", key.route), ("status", String(key.status))]
            counter = registry.makeCounter(descriptor: Self.requests, labels: labels)
            timer = registry.makeDurationHistogram(descriptor: Self.duration, labels: labels, buckets: ServiceMetrics.buckets)
        }

        static var requests: MetricNameDescriptor {
            MetricNameDescriptor(
                metricName: "http_requests", unitName: "total",
                helpText: "HTTP responses by method, route pattern and status.")
        }
        static var duration: MetricNameDescriptor {
            MetricNameDescriptor(
                metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time from a request's head to its response, by method, route pattern and status.")
        }
    }

    private final class Slot: Sendable {
        let series = AtomicLazyReference<Series>()
    }

    private static let slotCount = 512
    private let slots: [Slot] = (0..<RequestSeriesTable.slotCount).map { _ in Slot() }
    private let overflow = Locked<[Key: Series]>([:])
    private let registry: PrometheusCollectorRegistry

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// The series for `key`, made on first use (the registry hands concurrent makers the same metric).
    func series(for key: Key) -> Series {
        var index = Int(UInt(bitPattern: key.hashValue) % UInt(Self.slotCount))
        for _ in 0..<Self.slotCount {
            let slot = slots[index]
            if let existing = slot.series.load() {
                if existing.key == key { return existing }
            } else {
                let stored = slot.series.storeIfNil(Series(key: key, registry: registry))
                if stored.key == key { return stored }
            }
            index = (index + 1) % Self.slotCount
        }
        return overflow.withLock { map in
            if let existing = map[key] { return existing }
            let made = Series(key: key, registry: registry)
            map[key] = made
            return made
        }
    }
}
