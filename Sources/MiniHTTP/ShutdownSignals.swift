#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Locking
import Synchronization

/// Turns SIGTERM / SIGINT into a graceful ``HTTPServer/shutdown(completion:)``.
///
/// The first signal starts the drain; a second one force-closes the remaining connections.
/// Keep the returned value alive for as long as the handlers should stay installed.
public final class ShutdownSignals: Sendable {
    private let sources: Locked<[any DispatchSourceSignal]>
    private let received = Atomic<Int>(0)

    private init() {
        sources = Locked([])
    }

    /// Installs Dispatch signal sources for `signals` (their default actions are ignored from now on).
    /// - Parameters:
    ///   - onSignal: called with the signal number before shutdown begins (e.g. to log it).
    ///   - completion: called once the server has finished draining.
    public static func install(
        for server: HTTPServer, signals: [Int32] = [SIGTERM, SIGINT],
        onSignal: (@Sendable (Int32) -> Void)? = nil, completion: (@Sendable () -> Void)? = nil
    ) -> ShutdownSignals {
        let handler = ShutdownSignals()
        handler.sources.withLock { sources in
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak server] in
                    guard let server else { return }
                    onSignal?(number)
                    if handler.received.add(1, ordering: .relaxed).newValue == 1 {
                        server.shutdown(completion: completion)
                    } else {
                        server.forceCloseConnections()
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
        return handler
    }

    /// Removes the handlers (signals stay ignored).
    public func cancel() {
        sources.withLock { sources in
            sources.forEach { $0.cancel() }
            sources.removeAll()
        }
    }
}
