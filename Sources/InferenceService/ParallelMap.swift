import Dispatch
import Locking
import Synchronization

/// Runs independent jobs on several threads and collects their results in order.
enum ParallelMap {
    /// `body(0) … body(count − 1)` on up to `threads` threads; results in index order.
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = Locked([T?](repeating: nil, count: count))
        let next = Atomic<Int>(0)
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let value = body(index)
                results.withLock { $0[index] = value }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
