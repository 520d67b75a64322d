import Synchronization

/// A flag the application can read (e.g. for `/readyz`) that turns true when graceful shutdown begins.
///
/// Create it before the server so handlers can capture it, and pass it to ``HTTPServer``.
public final class DrainState: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a flag that is not draining.
    public init() {}

    /// Whether the server has begun draining (stopped accepting, finishing in-flight requests).
    public var isDraining: Bool { flag.load(ordering: .acquiring) }

    func beginDraining() { flag.store(true, ordering: .releasing) }
}
