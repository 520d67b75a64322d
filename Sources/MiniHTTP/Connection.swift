import Dispatch
import Locking

/// One client connection: a non-blocking socket driven by Dispatch read/write sources and a timer,
/// all on a private serial queue. Requests are handled one at a time, in order (pipelined requests
/// wait in the parser's buffer); reading pauses while a request is handled or its response written.
///
/// The common exchange costs no extra thread hop or kernel call beyond the read and the write: inline
/// requests are answered on this queue, the read source is suspended only when it fires mid-exchange, and
/// the timer is re-programmed only when a deadline moves earlier than the one already scheduled (a timer
/// that fires before the current deadline re-arms itself).
final class Connection: Sendable {
    enum Phase: Equatable {
        /// Waiting for (more of) a request.
        case reading
        /// A handler is running for request number `sequence`.
        case handling(sequence: Int)
        /// A response is being written.
        case writing
        /// The last response is written; discarding client bytes until EOF or the linger timeout.
        case lingering
        case closed
    }

    enum TimerPurpose: Equatable {
        case none
        case idle
        /// Waiting for a request head; `silent` while no byte of it has arrived on a fresh connection.
        case header(silent: Bool)
        case body
        case handler
        case write
        case linger
    }

    struct State {
        let fd: Int32
        var parser: HTTPRequestParser
        var phase = Phase.reading
        var readSource: (any DispatchSourceRead)?
        var writeSource: (any DispatchSourceWrite)?
        var timer: (any DispatchSourceTimer)?
        var readSuspended = true
        var writeSuspended = true
        var timerPurpose = TimerPurpose.none
        var timerDeadline = DispatchTime.distantFuture
        /// When the Dispatch timer will fire next (`distantFuture`: not scheduled).
        var timerScheduled = DispatchTime.distantFuture
        var requestIDs: RequestID.Generator
        var date = IMFDate.Cache()
        var outbound: [UInt8] = []
        var outboundOffset = 0
        var closeAfterWrite = false
        var peerClosed = false
        var draining = false
        var readingBody = false
        var exchange: ExchangeRecord?
        var sequence = 0
        var pendingCancellations = 0
        /// ``process(_:)`` is on the stack: an exchange finishing inside it must not re-enter it.
        var processing = false
    }

    let id: Int
    private let environment: ConnectionEnvironment
    private let queue: DispatchQueue
    private let state: Locked<State>

    private static let readChunkBytes = 64 * 1024
    private static let maxReadsPerEvent = 8

    init(id: Int, fd: Int32, environment: ConnectionEnvironment) {
        self.id = id
        self.environment = environment
        // A non-overcommitting global queue keeps about one thread per core (a plain serial queue would target
        // the overcommitting one, which starts a thread for every connection with work pending). Its own QoS
        // class gives socket I/O a thread pool apart from the default one, which batch decodes fill through
        // `concurrentPerform`.
        queue = DispatchQueue(label: "MiniHTTP.connection.\(id)", target: .global(qos: .userInteractive))
        state = Locked(
            State(
                fd: fd, parser: HTTPRequestParser(limits: environment.configuration.limits),
                requestIDs: RequestID.Generator()))
    }

    /// Starts serving. With `rejection`, sends only that response and closes (used over the connection cap).
    func start(rejection: HTTPResponse? = nil) {
        let closedBeforeStart = state.withLock { s in
            // A drain or force-close that raced ahead of start: there are no sources to cancel.
            guard s.phase != .closed else { return true }
            let read = DispatchSource.makeReadSource(fileDescriptor: s.fd, queue: queue)
            read.setEventHandler { [self] in state.withLock { readAvailable(&$0) } }
            read.setCancelHandler { [self] in sourceCancelled() }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [self] in state.withLock { timerFired(&$0) } }
            timer.schedule(deadline: .distantFuture)
            timer.resume()
            s.readSource = read
            s.timer = timer
            s.pendingCancellations = 1
            if let rejection {
                s.exchange = ExchangeRecord(sequence: 0)
                send(rejection, forceClose: true, &s)
            } else {
                setReading(true, &s)
                arm(.header(silent: true), after: environment.configuration.headerTimeout, &s)
            }
            return false
        }
        if closedBeforeStart {
            state.withLock { PlatformSocket.close($0.fd) }
            environment.onClosed(id)
        }
    }

    /// Begins graceful close: an idle connection closes now; a busy one closes after its current response.
    func drain() {
        queue.async { [self] in
            state.withLock { s in
                s.draining = true
                if s.phase == .reading && !s.parser.hasPartialRequest { close(&s) }
            }
        }
    }

    /// Closes immediately, abandoning any exchange in progress.
    func forceClose() {
        queue.async { [self] in state.withLock { close(&$0) } }
    }

    // MARK: Reading

    private func readAvailable(_ s: inout State) {
        guard s.phase == .reading || s.phase == .lingering else {
            setReading(false, &s)
            return
        }
        var received = 0
        do throws(SocketError) {
            try withUnsafeTemporaryAllocation(byteCount: Self.readChunkBytes, alignment: 1) { buffer throws(SocketError) in
                for _ in 0..<Self.maxReadsPerEvent {
                    switch try PlatformSocket.read(s.fd, into: buffer) {
                    case .transferred(let count):
                        received += count
                        if s.phase == .reading { s.parser.feed(buffer[0..<count]) }
                        // A short read drained the socket; the source fires again when more arrives.
                        if count < buffer.count { return }
                    case .wouldBlock:
                        return
                    case .endOfStream:
                        s.peerClosed = true
                        setReading(false, &s)
                        return
                    }
                }
            }
        } catch {
            close(&s)
            return
        }
        if s.phase == .lingering {
            if s.peerClosed { close(&s) }
            return
        }
        if received > 0 { process(&s) }
        // The client closed without a pending request (or mid-request): nothing more can be answered.
        if s.peerClosed && s.phase == .reading { close(&s) }
    }

    /// Parses buffered bytes and starts the next exchange, or arms the right wait timer.
    private func process(_ s: inout State) {
        // Inline answers finish their exchange inside this loop, which then goes on to the next pipelined
        // request; re-entering would nest one stack frame per pipelined request.
        guard !s.processing else { return }
        s.processing = true
        defer { s.processing = false }
        while s.phase == .reading {
            let event: HTTPParserEvent?
            do {
                event = try s.parser.next()
            } catch {
                s.exchange = ExchangeRecord(sequence: s.sequence, path: s.parser.currentPath)
                send(.error(status: error.status, code: error.code, message: error.message), forceClose: true, &s)
                return
            }
            switch event {
            case nil:
                awaitMoreBytes(&s)
                return
            case .headComplete(let sendContinue)?:
                s.readingBody = true
                if sendContinue {
                    s.outbound += ResponseEncoder.continueResponse
                    flush(&s)
                }
            case .request(let request)?:
                s.readingBody = false
                dispatch(request, &s)
            }
        }
    }

    private func awaitMoreBytes(_ s: inout State) {
        let configuration = environment.configuration
        if s.readingBody {
            arm(.body, after: configuration.bodyTimeout, &s)
        } else if s.parser.hasPartialRequest {
            switch s.timerPurpose {
            case .header(silent: false): break
            case .header(silent: true): s.timerPurpose = .header(silent: false)
            default: arm(.header(silent: false), after: configuration.headerTimeout, &s)
            }
        } else if s.draining {
            close(&s)
            return
        } else if s.timerPurpose != .idle && s.timerPurpose != .header(silent: true) {
            arm(.idle, after: configuration.idleTimeout, &s)
        }
        setReading(true, &s)
    }

    // MARK: Handling

    private func dispatch(_ request: HTTPRequest, _ s: inout State) {
        s.sequence += 1
        let sequence = s.sequence
        var request = request
        request.requestID = s.requestIDs.resolve(request.headers["X-Request-ID"])
        s.exchange = ExchangeRecord(
            sequence: sequence, method: request.method, path: request.path, requestID: request.requestID,
            requestBodyBytes: request.body.count, isHead: request.method == "HEAD",
            acceptsGzip: ContentNegotiation.acceptsGzip(request.headers["Accept-Encoding"]),
            keepAlive: request.keepAlive, isHTTP1_0: request.version == .http1_0
        )
        let work: @Sendable () -> HTTPResponse
        switch environment.dispatcher(request) {
        case .respond(let response):
            send(response, forceClose: false, &s)
            return
        case .onPool(let poolWork):
            work = poolWork
        }
        s.phase = .handling(sequence: sequence)
        arm(.handler, after: environment.configuration.handlerTimeout, &s)
        let accepted = environment.pool.trySubmit { [self, queue] in
            let response = work()
            queue.async { self.handlerFinished(sequence: sequence, response: response) }
        }
        if !accepted {
            var response = HTTPResponse.error(status: 503, code: "overloaded", message: "the server is at capacity; retry later")
            response.headers["Retry-After"] = String(environment.configuration.retryAfterSeconds)
            send(response, forceClose: false, &s)
        }
    }

    private func handlerFinished(sequence: Int, response: HTTPResponse) {
        state.withLock { s in
            // A handler that timed out already got its 504; its late result is dropped.
            guard s.phase == .handling(sequence: sequence) else { return }
            send(response, forceClose: false, &s)
        }
    }

    // MARK: Writing

    private func send(_ response: HTTPResponse, forceClose: Bool, _ s: inout State) {
        var exchange = s.exchange ?? ExchangeRecord(sequence: s.sequence)
        let response = environment.finalizer.map { $0(exchange.path, response) } ?? response
        let closing = forceClose || !exchange.keepAlive || s.draining || s.peerClosed
        let encoded = environment.encoder.encode(
            response,
            for: ResponseEncoder.Exchange(
                isHead: exchange.isHead, acceptsGzip: exchange.acceptsGzip,
                closeConnection: closing, confirmKeepAlive: exchange.isHTTP1_0, requestID: exchange.requestID
            ), date: s.date.now())
        exchange.status = response.status
        exchange.route = response.route
        exchange.responseBodyBytes = encoded.bodyBytes
        s.exchange = exchange
        s.closeAfterWrite = closing
        s.phase = .writing
        s.outbound += encoded.bytes
        // The write timeout is armed only if the socket does not take the whole response at once.
        disarm(&s)
        flush(&s)
    }

    /// Writes as much of the outbound buffer as the socket takes; waits on the write source for the rest.
    private func flush(_ s: inout State) {
        guard s.phase != .closed else { return }
        while s.outboundOffset < s.outbound.count {
            let offset = s.outboundOffset
            let result: PlatformSocket.IOResult
            do {
                result = try s.outbound.withUnsafeBytes { bytes throws(SocketError) in
                    try PlatformSocket.write(s.fd, from: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                }
            } catch {
                close(&s)
                return
            }
            guard case .transferred(let count) = result else {
                // The write timeout bounds a stall, not the whole transfer: restart it on each wait.
                if s.phase == .writing { arm(.write, after: environment.configuration.writeTimeout, &s) }
                setWriting(true, &s)
                return
            }
            s.outboundOffset += count
        }
        // Keep a small buffer for the next response, but do not pin the memory of a large one.
        s.outbound.removeAll(keepingCapacity: s.outbound.capacity <= Self.readChunkBytes)
        s.outboundOffset = 0
        setWriting(false, &s)
        if s.phase == .writing { finishExchange(&s) }
    }

    private func finishExchange(_ s: inout State) {
        if let exchange = s.exchange { environment.observer?(exchange.record(completed: true)) }
        s.exchange = nil
        disarm(&s)
        if s.closeAfterWrite {
            linger(&s)
        } else {
            s.phase = .reading
            process(&s)
        }
    }

    /// Half-closes and discards client bytes for a while, so unread request bytes do not make the
    /// kernel reset the connection before the client has read the final response.
    private func linger(_ s: inout State) {
        guard !s.peerClosed else {
            close(&s)
            return
        }
        s.phase = .lingering
        PlatformSocket.shutdownWrite(s.fd)
        arm(.linger, after: environment.configuration.lingerTimeout, &s)
        setReading(true, &s)
    }

    // MARK: Timers

    private func arm(_ purpose: TimerPurpose, after duration: Duration, _ s: inout State) {
        s.timerPurpose = purpose
        s.timerDeadline = .now() + duration.dispatchInterval
        if s.timerDeadline < s.timerScheduled { schedule(s.timerDeadline, &s) }
    }

    /// Clears the deadline; the Dispatch timer is left as it is and ignores its next firing.
    private func disarm(_ s: inout State) {
        s.timerPurpose = .none
        s.timerDeadline = .distantFuture
    }

    private func schedule(_ deadline: DispatchTime, _ s: inout State) {
        s.timerScheduled = deadline
        s.timer?.schedule(deadline: deadline, leeway: .milliseconds(5))
    }

    private func timerFired(_ s: inout State) {
        s.timerScheduled = .distantFuture
        guard s.timerPurpose != .none else { return }
        // Fired for an earlier deadline that has since moved later: wait for the current one.
        guard DispatchTime.now() >= s.timerDeadline else {
            schedule(s.timerDeadline, &s)
            return
        }
        let purpose = s.timerPurpose
        disarm(&s)
        switch purpose {
        case .none:
            return
        case .idle, .header(silent: true), .write, .linger:
            close(&s)
        case .header(silent: false):
            s.exchange = ExchangeRecord(sequence: s.sequence, path: s.parser.currentPath)
            send(.error(status: 408, code: "request_timeout", message: "the request head was not received in time"), forceClose: true, &s)
        case .body:
            s.exchange = ExchangeRecord(sequence: s.sequence, path: s.parser.currentPath)
            send(.error(status: 408, code: "request_timeout", message: "the request body was not received in time"), forceClose: true, &s)
        case .handler:
            send(.error(status: 504, code: "handler_timeout", message: "the request took too long to process"), forceClose: true, &s)
        }
    }

    // MARK: Source bookkeeping

    private func setReading(_ enabled: Bool, _ s: inout State) {
        guard enabled == s.readSuspended, s.phase != .closed else { return }
        s.readSuspended = !enabled
        if enabled { s.readSource?.resume() } else { s.readSource?.suspend() }
    }

    /// Watches for writability while a response is stalled. The write source is made on the first stall: a
    /// registered one, even suspended, costs Dispatch an extra kernel call on every read event.
    private func setWriting(_ enabled: Bool, _ s: inout State) {
        guard enabled == s.writeSuspended, s.phase != .closed else { return }
        if enabled && s.writeSource == nil {
            let write = DispatchSource.makeWriteSource(fileDescriptor: s.fd, queue: queue)
            write.setEventHandler { [self] in state.withLock { flush(&$0) } }
            write.setCancelHandler { [self] in sourceCancelled() }
            s.writeSource = write
            s.pendingCancellations += 1
        }
        s.writeSuspended = !enabled
        if enabled { s.writeSource?.resume() } else { s.writeSource?.suspend() }
    }

    /// Cancels the sources; the descriptor is closed once every I/O source has reported cancellation.
    private func close(_ s: inout State) {
        guard s.phase != .closed else { return }
        if let exchange = s.exchange, exchange.status != 0 {
            environment.observer?(exchange.record(completed: false))
        }
        s.exchange = nil
        s.phase = .closed
        s.timer?.cancel()
        s.readSource?.cancel()
        s.writeSource?.cancel()
        // A suspended source never delivers its cancellation, and releasing one traps.
        if s.readSuspended { s.readSource?.resume() }
        if s.writeSuspended { s.writeSource?.resume() }
        s.readSource = nil
        s.writeSource = nil
        s.timer = nil
    }

    private func sourceCancelled() {
        let closedFD: Int32? = state.withLock { s in
            s.pendingCancellations -= 1
            return s.pendingCancellations == 0 ? s.fd : nil
        }
        guard let closedFD else { return }
        PlatformSocket.close(closedFD)
        environment.onClosed(id)
    }
}
