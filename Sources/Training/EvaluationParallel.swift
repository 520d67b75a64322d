import Dispatch
import Foundation
import Locking

/// Runs independent work items on all cores and reports progress (done, total) from the worker threads.
enum EvaluationParallel {
    /// `transform(i)` for i in 0..<count, in index order, computed with `DispatchQueue.concurrentPerform`.
    static func map<T: Sendable>(
        count: Int, progress: @Sendable (Int, Int) -> Void,
        _ transform: @Sendable (Int) -> T
    ) -> [T] {
        let results = Locked([T?](repeating: nil, count: count))
        let done = Locked(0)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(index)
            results.withLock { $0[index] = value }
            progress(
                done.withLock {
                    $0 += 1; return $0
                }, count)
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// Rate and ETA text for an evaluation progress line, throttled to one line per `interval` seconds.
final class EvaluationProgress: Sendable {
    private let start = Date()
    private let last = Locked(Date.distantPast)
    private let label: String
    private let sink: @Sendable (String) -> Void
    private let interval: Double

    init(label: String, interval: Double = 2, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.interval = interval
        self.sink = sink
    }

    func report(done: Int, total: Int) {
        let now = Date()
        let due = last.withLock { last in
            guard done == total || now.timeIntervalSince(last) >= interval else { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = now.timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        sink(String(format: "%@: %d/%d, %.1f/s, elapsed %.0f s, ETA %.0f s", label, done, total, rate, elapsed, eta))
    }
}
