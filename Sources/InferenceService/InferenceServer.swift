import EOSDecoding
import Foundation
import Logging
import MiniHTTP

/// Builds the service: validates `configuration`, loads the model, and wires routes, metrics and the access log
/// into an HTTP server that is not listening yet. `eos-server` and the tests both call this.
/// - Throws: ``ServiceError`` for an invalid configuration or a model that cannot be loaded.
public func buildInferenceServer(configuration: ServiceConfiguration) throws(ServiceError) -> InferenceServer {
    do {
        try configuration.validate()
    } catch {
        throw .configuration(error)
    }
    return InferenceServer(configuration: configuration, model: try ServedModel(configuration: configuration))
}

/// The inference service: the HTTP server with the model's routes. Start it, then wait or shut it down.
public final class InferenceServer: Sendable {
    /// The configuration it was built with.
    public let configuration: ServiceConfiguration
    private let http: HTTPServer
    private let router: Router
    private let state: ServiceState
    private let service: DecodeService
    private let logger: Logger

    fileprivate init(configuration: ServiceConfiguration, model: ServedModel) {
        self.configuration = configuration
        let metrics = ServiceMetrics(model: model.name, modelHash: model.weightsHash)
        let drain = DrainState()
        let state = ServiceState(drainState: drain)
        let service = DecodeService(model: model, configuration: configuration, metrics: metrics)
        let router = ServiceRoutes.router(service: service, state: state, metrics: metrics)
        var logger = Logger(label: "eos-server")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let accessLog = configuration.accessLog
        let observer: RequestObserver = { [logger] record in
            metrics.record(method: record.method, route: record.route, status: record.status, duration: record.duration)
            guard accessLog else { return }
            logger.info(
                "request",
                metadata: [
                    "request_id": "\(record.requestID)", "method": "\(record.method)", "path": "\(record.path)",
                    "route": "\(record.route ?? "")", "status": "\(record.status)",
                    "duration_ms": "\(Double(record.duration.nanoseconds) / 1e6)",
                    "bytes_in": "\(record.requestBodyBytes)", "bytes_out": "\(record.responseBodyBytes)",
                    "completed": "\(record.completed)",
                ])
        }
        http = HTTPServer(
            configuration: configuration.serverConfiguration, drainState: drain, observer: observer,
            finalizer: OpenInferenceErrors.finalize, router: router)
        self.router = router
        self.state = state
        self.service = service
        self.logger = logger
        state.attach(http)
    }

    /// Binds and starts serving, then warms the model up with one decode and reports ready on `/readyz`.
    public func start() throws(ServiceError) {
        do {
            try http.start()
        } catch {
            throw .listen(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        warmUp()
        state.markReady()
        logger.info(
            "listening",
            metadata: [
                "host": "\(configuration.host)", "port": "\(port)", "model": "\(service.model.name)",
                "workers": "\(configuration.workers)",
            ])
    }

    /// The bound port (after ``start()``; useful with port 0).
    public var port: Int { Int(http.port) }

    /// Whether `/readyz` answers 200 (started, warmed up, not draining).
    public var isReady: Bool { state.isReady }

    /// Answers one request without sockets (routing, handlers and errors exactly as served).
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        OpenInferenceErrors.finalize(path: request.path, router.handle(request))
    }

    /// Graceful shutdown: `/readyz` turns 503, no new connections, in-flight requests finish; `completion` runs
    /// once everything is closed.
    public func shutdown(completion: (@Sendable () -> Void)? = nil) {
        http.shutdown(completion: completion)
    }

    /// Turns SIGTERM/SIGINT into ``shutdown(completion:)`` (a second signal force-closes connections).
    /// Keep the returned value alive while the handlers should stay installed.
    public func installSignalHandlers() -> ShutdownSignals {
        let logger = self.logger
        return ShutdownSignals.install(
            for: http,
            onSignal: { signal in
                logger.notice("signal received; draining", metadata: ["signal": "\(signal)"])
            })
    }

    /// Blocks until the server has shut down.
    public func waitUntilStopped() {
        http.waitUntilStopped()
        state.attach(nil)
        logger.info("stopped")
    }

    private func warmUp() {
        let model = service.model
        let point = DecodingRequest(
            maximumMassMsun: (model.maximumMassRange.lowerBound + model.maximumMassRange.upperBound) / 2,
            radius14Km: (model.radius14Range.lowerBound + model.radius14Range.upperBound) / 2)
        let job = DecodeJob(request: point, observables: nil, fieldPrefix: "")
        if case .failure(let problem) = service.decode([job], include: .scalars, eosPoints: 2, curvePoints: 2)[0] {
            logger.warning("warm-up decode at the centre of the training region failed", metadata: ["error": "\(problem.detail.message)"])
        }
    }
}

extension ServiceConfiguration {
    /// The HTTP server settings these service settings imply.
    var serverConfiguration: ServerConfiguration {
        var server = ServerConfiguration()
        server.host = host
        server.port = UInt16(port)
        server.workerCount = workers
        server.maxQueuedRequests = maxQueuedRequests
        server.maxConnections = maxConnections
        server.limits.maxBodyBytes = maxBodyBytes
        server.handlerTimeout = .seconds(requestTimeoutSeconds)
        server.idleTimeout = .seconds(idleTimeoutSeconds)
        server.drainTimeout = .seconds(drainTimeoutSeconds)
        server.gzipLevel = Int32(gzipLevel)
        return server
    }
}
