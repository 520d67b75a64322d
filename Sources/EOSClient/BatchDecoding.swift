import APIModels
import CurlClient
import Dispatch
import Foundation
import Locking

/// How ``EOSServiceClient/decodeBatch(_:options:onResults:progress:)`` splits and sends points.
package struct BatchOptions: Sendable {
    /// What each result holds (default ``DecodeInclude/scalars``: `m_max`, `r_14`, `lambda_14`, diagnostics, M–R curve).
    package var include: DecodeInclude
    /// Points per `/v1/decode/batch` request (default 256; at most the server's `max_batch_points`, 1024 by default).
    package var chunkSize: Int
    /// Requests in flight at once, each on its own connection (default 2: the server decodes one chunk while
    /// the next is on the wire, so it never idles between chunks).
    package var concurrency: Int
    /// `eos_points` of each full result; `nil` (default) uses the server's default.
    package var eosPoints: Int?
    /// `mr_points` of each result; `nil` (default) uses the server's default.
    package var massRadiusPoints: Int?
    /// Observables for every point without its own (`nil`, the default: none).
    package var observables: ObservablesRequest?
    /// `conditioning` of every point (`nil`, the default: the server's, network).
    package var conditioning: Conditioning?
    /// `conditioning_tolerance` with exact conditioning (`nil`: the server's default).
    package var conditioningTolerance: Double?

    /// Options with the documented defaults.
    package init(
        include: DecodeInclude = .scalars, chunkSize: Int = 256, concurrency: Int = 2, eosPoints: Int? = nil,
        massRadiusPoints: Int? = nil, observables: ObservablesRequest? = nil, conditioning: Conditioning? = nil,
        conditioningTolerance: Double? = nil
    ) {
        self.observables = observables
        self.conditioning = conditioning
        self.conditioningTolerance = conditioningTolerance
        self.include = include
        self.chunkSize = chunkSize
        self.concurrency = concurrency
        self.eosPoints = eosPoints
        self.massRadiusPoints = massRadiusPoints
    }
}

/// Progress of a batch after each chunk (reported in point order).
package struct BatchProgress: Sendable, Equatable {
    /// Points answered so far (successes and failures).
    package var completedPoints: Int
    /// All points of the batch.
    package var totalPoints: Int
    /// Points the server could not decode so far.
    package var failedPoints: Int
    /// Time since the batch started [s].
    package var elapsedSeconds: Double

    /// Points answered per second so far.
    package var pointsPerSecond: Double { elapsedSeconds > 0 ? Double(completedPoints) / elapsedSeconds : 0 }
    /// Whether every point has been answered.
    package var isComplete: Bool { completedPoints == totalPoints }

    /// A progress snapshot.
    package init(completedPoints: Int, totalPoints: Int, failedPoints: Int, elapsedSeconds: Double) {
        self.completedPoints = completedPoints
        self.totalPoints = totalPoints
        self.failedPoints = failedPoints
        self.elapsedSeconds = elapsedSeconds
    }
}

extension EOSServiceClient {
    /// Decodes `points` through `/v1/decode/batch` in chunks of `options.chunkSize`, with up to
    /// `options.concurrency` chunks in flight. Results reach `onResults` on the calling thread in point
    /// order, one call per chunk, with `index` rewritten to the position in `points`; `progress` follows
    /// each call. A point the server cannot decode is a failed item, not an error.
    ///
    /// - Throws: the first request failure (after the client's retries) or the first error `onResults` throws
    ///   (as ``EOSClientError/invalidInput(message:)`` with its description); chunks before it have been delivered.
    /// - Returns: the final progress (counts and elapsed time).
    @discardableResult
    package func decodeBatch(
        _ points: [LatentPointInput], options: BatchOptions = BatchOptions(),
        onResults: ([BatchDecodeItem]) throws -> Void,
        progress: ((BatchProgress) -> Void)? = nil
    ) throws(EOSClientError) -> BatchProgress {
        let start = ContinuousClock.now
        let chunkSize = max(1, options.chunkSize)
        let chunks = stride(from: 0, to: points.count, by: chunkSize).map { Array(points[$0..<min($0 + chunkSize, points.count)]) }
        var snapshot = BatchProgress(completedPoints: 0, totalPoints: points.count, failedPoints: 0, elapsedSeconds: 0)
        guard !chunks.isEmpty else {
            progress?(snapshot)
            return snapshot
        }
        let workerCount = min(max(1, options.concurrency), chunks.count)
        var clients = [http]
        for _ in 1..<workerCount { clients.append(try Self.makeHTTPClient(configuration)) }

        let scheduler = ChunkScheduler()
        let group = DispatchGroup()
        let server = configuration.serverURL
        for client in clients {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let chunk = scheduler.nextChunk(of: chunks.count) {
                    let request = BatchDecodeRequest(
                        points: chunks[chunk], include: options.include,
                        eosPoints: options.eosPoints, massRadiusPoints: options.massRadiusPoints,
                        observables: options.observables, conditioning: options.conditioning,
                        conditioningTolerance: options.conditioningTolerance)
                    let outcome: Result<BatchDecodeResponse, EOSClientError>
                    do throws(EOSClientError) {
                        outcome = .success(try Self.post("/v1/decode/batch", request, using: client, server: server))
                    } catch {
                        outcome = .failure(error)
                    }
                    scheduler.finish(chunk, outcome)
                }
            }
        }

        var failure: EOSClientError?
        for chunk in chunks.indices {
            let outcome = scheduler.waitFor(chunk)
            switch outcome {
            case .failure(let error):
                failure = error
            case .success(let response):
                let offset = chunk * chunkSize
                guard response.results.count == chunks[chunk].count else {
                    failure = .invalidResponse(
                        message: "batch of \(chunks[chunk].count) points answered with \(response.results.count) results")
                    break
                }
                let items = response.results.enumerated().map { position, item in
                    var item = item
                    item.index = offset + position
                    return item
                }
                do {
                    try onResults(items)
                } catch let error as EOSClientError {
                    failure = error
                } catch {
                    failure = .invalidInput(message: "\(error)")
                }
                snapshot.completedPoints += items.count
                snapshot.failedPoints += items.count { !$0.ok }
                snapshot.elapsedSeconds = (ContinuousClock.now - start).secondsValue
                if failure == nil { progress?(snapshot) }
            }
            if failure != nil { break }
        }
        scheduler.cancel()
        group.wait()
        if let failure { throw failure }
        return snapshot
    }

    /// Decodes every point (see ``decodeBatch(_:options:onResults:progress:)``) and returns the items in order.
    package func decodeBatch(
        _ points: [LatentPointInput], options: BatchOptions = BatchOptions(),
        progress: ((BatchProgress) -> Void)? = nil
    ) throws(EOSClientError) -> [BatchDecodeItem] {
        var all: [BatchDecodeItem] = []
        all.reserveCapacity(points.count)
        try decodeBatch(points, options: options, onResults: { all += $0 }, progress: progress)
        return all
    }
}

/// Hands out chunk numbers to worker threads and collects their answers for in-order delivery.
private final class ChunkScheduler: Sendable {
    private struct State {
        var next = 0
        var cancelled = false
        var finished: [Int: Result<BatchDecodeResponse, EOSClientError>] = [:]
    }

    private let state = Locked(State())
    private let arrivals = DispatchSemaphore(value: 0)

    /// The next chunk to send, or `nil` when all are taken or the batch was cancelled.
    func nextChunk(of count: Int) -> Int? {
        state.withLock { state in
            guard !state.cancelled, state.next < count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func finish(_ chunk: Int, _ outcome: Result<BatchDecodeResponse, EOSClientError>) {
        state.withLock { $0.finished[chunk] = outcome }
        arrivals.signal()
    }

    /// Blocks until `chunk` has been answered, then hands its answer over.
    func waitFor(_ chunk: Int) -> Result<BatchDecodeResponse, EOSClientError> {
        while true {
            if let outcome = state.withLock({ $0.finished.removeValue(forKey: chunk) }) { return outcome }
            arrivals.wait()
        }
    }

    /// Stops handing out chunks (requests in flight still finish).
    func cancel() {
        state.withLock { $0.cancelled = true }
    }
}

extension Duration {
    /// The duration in seconds.
    var secondsValue: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
