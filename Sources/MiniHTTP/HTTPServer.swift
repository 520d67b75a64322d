import Dispatch
import Locking

/// An HTTP/1.1 server on POSIX sockets and Dispatch.
///
/// ```swift
/// let drain = DrainState()
/// var router = Router()
/// router.get("/readyz") { _ in drain.isDraining ? .text("draining", status: 503) : .text("ok") }
/// let server = HTTPServer(configuration: config, drainState: drain, observer: log, router: router)
/// try server.start()
/// let signals = ShutdownSignals.install(for: server)
/// server.waitUntilStopped()
/// ```
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case created, running, draining, stopped
    }

    private struct State {
        var lifecycle = Lifecycle.created
        var listener: Int32 = -1
        var port: UInt16 = 0
        var acceptSource: (any DispatchSourceRead)?
        var acceptPaused = false
        var drainTimer: (any DispatchSourceTimer)?
        var connections: [Int: Connection] = [:]
        var nextConnectionID = 0
        var completions: [@Sendable () -> Void] = []
        var pool: WorkerPool?
    }

    /// The configuration the server was created with.
    public let configuration: ServerConfiguration
    /// The draining flag, shared with the application.
    public let drainState: DrainState
    private let dispatcher: HTTPDispatcher
    private let observer: RequestObserver?
    private let finalizer: ResponseFinalizer?
    private let state = Locked(State())
    private let acceptQueue = DispatchQueue(label: "MiniHTTP.accept")
    private let stoppedGroup = DispatchGroup()

    /// Connections beyond the cap that are still answered with 503; further ones are closed at once.
    private static let rejectionAllowance = 64

    /// Creates a server; nothing happens until ``start()``.
    /// - Parameters:
    ///   - drainState: the flag flipped when draining begins (create it first if handlers need it).
    ///   - observer: called for every finished response (access log, metrics).
    ///   - dispatcher: decides for each request, on the connection's queue, whether it is answered at once or by
    ///     work on the worker pool.
    ///   - finalizer: rewrites every response before it is written (e.g. a protocol's own error body on some paths).
    public init(
        configuration: ServerConfiguration = ServerConfiguration(), drainState: DrainState = DrainState(),
        observer: RequestObserver? = nil, finalizer: ResponseFinalizer? = nil, dispatcher: @escaping HTTPDispatcher
    ) {
        self.configuration = configuration
        self.drainState = drainState
        self.observer = observer
        self.finalizer = finalizer
        self.dispatcher = dispatcher
    }

    /// Creates a server that runs `handler` on the worker pool for every request.
    public convenience init(
        configuration: ServerConfiguration = ServerConfiguration(), drainState: DrainState = DrainState(),
        observer: RequestObserver? = nil, handler: @escaping HTTPHandler
    ) {
        self.init(
            configuration: configuration, drainState: drainState, observer: observer,
            dispatcher: { request in .onPool { handler(request) } })
    }

    /// Creates a server that dispatches through `router` (``Router/dispatch(_:)``): inline routes and 404/405
    /// answers on the connection's queue, everything else on the worker pool.
    public convenience init(
        configuration: ServerConfiguration = ServerConfiguration(), drainState: DrainState = DrainState(),
        observer: RequestObserver? = nil, finalizer: ResponseFinalizer? = nil, router: Router
    ) {
        self.init(
            configuration: configuration, drainState: drainState, observer: observer, finalizer: finalizer,
            dispatcher: router.dispatch)
    }

    /// Binds, listens and starts accepting. Ignores SIGPIPE process-wide.
    public func start() throws(SocketError) {
        PlatformSocket.ignoreSIGPIPE()
        let listener = try PlatformSocket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let port: UInt16
        do {
            port = try PlatformSocket.boundPort(listener)
        } catch {
            PlatformSocket.close(listener)
            throw error
        }
        let pool = WorkerPool(workers: configuration.workerCount, maxQueued: configuration.maxQueuedRequests)
        let environment = ConnectionEnvironment(
            configuration: configuration,
            encoder: ResponseEncoder(gzipMinimumBytes: configuration.gzipMinimumBytes, gzipLevel: configuration.gzipLevel),
            dispatcher: dispatcher, observer: observer, finalizer: finalizer, pool: pool,
            onClosed: { [weak self] id in self?.connectionClosed(id) }
        )
        stoppedGroup.enter()
        state.withLock { s in
            precondition(s.lifecycle == .created, "HTTPServer.start() called twice")
            let source = DispatchSource.makeReadSource(fileDescriptor: listener, queue: acceptQueue)
            source.setEventHandler { [self] in acceptPending(environment: environment) }
            source.setCancelHandler { PlatformSocket.close(listener) }
            s.lifecycle = .running
            s.listener = listener
            s.port = port
            s.acceptSource = source
            s.pool = pool
            source.resume()
        }
    }

    /// The bound port (useful with port 0); 0 before ``start()``.
    public var port: UInt16 { state.withLock { $0.port } }

    /// Whether graceful shutdown has begun.
    public var isDraining: Bool { drainState.isDraining }

    /// Open connections, including ones being drained.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Requests whose handler is running or waiting for a worker (a gauge for metrics; inline answers take no worker
    /// and are not counted).
    public var requestsInFlight: Int { state.withLock { $0.pool }?.outstanding ?? 0 }

    /// Graceful shutdown: stops accepting (new connections are refused), flips ``drainState``, closes idle
    /// connections, lets in-flight requests finish with `Connection: close`, and force-closes whatever is
    /// left after ``ServerConfiguration/drainTimeout``. `completion` runs once everything is closed.
    /// Calling it again just adds another completion.
    public func shutdown(completion: (@Sendable () -> Void)? = nil) {
        drainState.beginDraining()
        let (toDrain, finishedAlready) = state.withLock { s -> ([Connection], Bool) in
            if let completion { s.completions.append(completion) }
            switch s.lifecycle {
            case .created:
                s.lifecycle = .stopped
                return ([], true)
            case .draining:
                return ([], false)
            case .stopped:
                return ([], true)
            case .running:
                s.lifecycle = .draining
                // Leave LISTEN state now so connection attempts are refused immediately.
                PlatformSocket.shutdownListener(s.listener)
                s.acceptSource?.cancel()
                if s.acceptPaused { s.acceptSource?.resume() }
                s.acceptSource = nil
                let timer = DispatchSource.makeTimerSource(queue: acceptQueue)
                timer.setEventHandler { [weak self] in self?.forceCloseConnections() }
                timer.schedule(deadline: .now() + configuration.drainTimeout.dispatchInterval)
                timer.resume()
                s.drainTimer = timer
                return (Array(s.connections.values), false)
            }
        }
        toDrain.forEach { $0.drain() }
        if finishedAlready {
            runCompletions()
        } else {
            finishIfDrained()
        }
    }

    /// Closes every connection now, abandoning in-flight requests (e.g. on a second SIGINT).
    public func forceCloseConnections() {
        state.withLock { Array($0.connections.values) }.forEach { $0.forceClose() }
    }

    /// Blocks until a started server has completely shut down and its shutdown completions have run
    /// (returns at once if it never started).
    public func waitUntilStopped() {
        stoppedGroup.wait()
    }

    // MARK: Accepting

    private func acceptPending(environment: ConnectionEnvironment) {
        while true {
            let listener = state.withLock { $0.lifecycle == .running ? $0.listener : -1 }
            guard listener >= 0 else { return }
            let fd: Int32
            do {
                guard let accepted = try PlatformSocket.accept(listener) else { return }
                fd = accepted
            } catch {
                pauseAccepting()  // e.g. EMFILE: retry shortly instead of spinning
                return
            }
            register(fd: fd, environment: environment)
        }
    }

    private func register(fd: Int32, environment: ConnectionEnvironment) {
        let cap = configuration.maxConnections
        let registered: (Connection, Bool)? = state.withLock { s in
            guard s.lifecycle == .running, s.connections.count < cap + Self.rejectionAllowance else { return nil }
            s.nextConnectionID += 1
            let connection = Connection(id: s.nextConnectionID, fd: fd, environment: environment)
            s.connections[connection.id] = connection
            return (connection, s.connections.count > cap)
        }
        guard let (connection, overCap) = registered else {
            PlatformSocket.close(fd)
            return
        }
        if overCap {
            connection.start(rejection: .error(status: 503, code: "too_many_connections", message: "connection limit reached"))
        } else {
            connection.start()
        }
    }

    private func pauseAccepting() {
        state.withLock { s in
            guard !s.acceptPaused, let source = s.acceptSource else { return }
            s.acceptPaused = true
            source.suspend()
        }
        acceptQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in
            state.withLock { s in
                guard s.acceptPaused, let source = s.acceptSource else { return }
                s.acceptPaused = false
                source.resume()
            }
        }
    }

    // MARK: Closing

    private func connectionClosed(_ id: Int) {
        _ = state.withLock { $0.connections.removeValue(forKey: id) }
        finishIfDrained()
    }

    private func finishIfDrained() {
        let finished = state.withLock { s in
            guard s.lifecycle == .draining, s.connections.isEmpty else { return false }
            s.lifecycle = .stopped
            s.drainTimer?.cancel()
            s.drainTimer = nil
            s.pool?.stop()
            return true
        }
        guard finished else { return }
        runCompletions()
        stoppedGroup.leave()
    }

    private func runCompletions() {
        let completions = state.withLock { s in
            defer { s.completions = [] }
            return s.completions
        }
        completions.forEach { $0() }
    }
}
