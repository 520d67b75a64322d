import Dispatch
import Foundation
import Locking

/// Turns SIGINT and SIGTERM into a flag that long work polls between units (e.g. epochs), so it can stop
/// cleanly after saving its state. A second signal exits at once with status 130.
final class InterruptFlag {
    private let state = SignalState()
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers (for the life of this object).
    init() {
        let state = self.state
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { state.raise() }
            source.resume()
            return source
        }
    }

    /// Whether a signal has arrived.
    var isRaised: Bool { state.raised.withLock { $0 } }

    /// A closure answering ``isRaised``, for worker threads.
    var poll: @Sendable () -> Bool {
        let state = self.state
        return { state.raised.withLock { $0 } }
    }
}

private final class SignalState: Sendable {
    let raised = Locked(false)

    func raise() {
        let already = raised.withLock { value in
            defer { value = true }
            return value
        }
        if already { exit(130) }
        FileHandle.standardError.write(Data("\ninterrupted: stopping after the current step (again to quit now)\n".utf8))
    }
}
