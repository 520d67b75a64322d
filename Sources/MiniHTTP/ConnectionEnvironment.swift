/// What every connection of one server shares.
struct ConnectionEnvironment: Sendable {
    let configuration: ServerConfiguration
    let encoder: ResponseEncoder
    let dispatcher: HTTPDispatcher
    let observer: RequestObserver?
    let finalizer: ResponseFinalizer?
    let pool: WorkerPool
    /// Called once, on the connection's queue, after the connection's descriptor is closed.
    let onClosed: @Sendable (_ connectionID: Int) -> Void
}

/// The exchange a connection is currently working on, for the response writer and the observer.
struct ExchangeRecord {
    var sequence: Int
    var method = ""
    var path = ""
    var requestID = ""
    var start = ContinuousClock.now
    var requestBodyBytes = 0
    var isHead = false
    var acceptsGzip = false
    var keepAlive = false
    var isHTTP1_0 = false
    var route: String?
    var status = 0
    var responseBodyBytes = 0

    /// The record for the observer.
    func record(completed: Bool) -> RequestRecord {
        RequestRecord(
            method: method, path: path, route: route, status: status,
            duration: ContinuousClock.now - start, requestBodyBytes: requestBodyBytes,
            responseBodyBytes: responseBodyBytes, requestID: requestID, completed: completed
        )
    }
}
