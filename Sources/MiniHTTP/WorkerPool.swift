import Foundation
import Locking

/// A fixed set of threads running handler jobs, with a bounded wait queue.
///
/// Handlers run on dedicated threads rather than Dispatch's shared pool so that slow or CPU-bound
/// handlers can never starve the connection queues doing socket I/O.
final class WorkerPool: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var queue: [Job] = []
        /// Jobs queued plus jobs running.
        var outstanding = 0
        var stopped = false
    }

    /// Most jobs running plus waiting; beyond it ``trySubmit(_:)`` refuses.
    let capacity: Int
    private let workerCount: Int
    private let state = Locked(State())
    private let jobsAvailable = DispatchSemaphore(value: 0)

    /// Starts `workers` threads; up to `maxQueued` further jobs may wait.
    init(workers: Int, maxQueued: Int) {
        workerCount = max(1, workers)
        capacity = workerCount + max(0, maxQueued)
        for index in 0..<workerCount {
            let thread = Thread { [self] in runWorker() }
            thread.name = "MiniHTTP.worker.\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues `job` unless the pool is saturated or stopped.
    /// - Returns: false when the job was refused.
    func trySubmit(_ job: @escaping Job) -> Bool {
        let accepted = state.withLock { state in
            guard !state.stopped, state.outstanding < capacity else { return false }
            state.outstanding += 1
            state.queue.append(job)
            return true
        }
        if accepted { jobsAvailable.signal() }
        return accepted
    }

    /// Jobs queued plus running.
    var outstanding: Int { state.withLock { $0.outstanding } }

    /// Lets the workers exit once the queue is empty; later submissions are refused.
    func stop() {
        state.withLock { $0.stopped = true }
        for _ in 0..<workerCount { jobsAvailable.signal() }
    }

    private func runWorker() {
        while true {
            jobsAvailable.wait()
            let job: Job? = state.withLock { state in
                state.queue.isEmpty ? nil : state.queue.removeFirst()
            }
            guard let job else {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            job()
            state.withLock { $0.outstanding -= 1 }
        }
    }
}
