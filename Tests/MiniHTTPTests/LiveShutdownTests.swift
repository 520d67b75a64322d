import Foundation
import MiniHTTP
import Testing

@Suite("Live: graceful shutdown")
struct LiveShutdownTests {
    @Test func drainFinishesInFlightRequestAndRefusesNewConnections() throws {
        let gate = Gate()
        let drain = DrainState()
        let server = try startServer(
            drainState: drain,
            handler: { request in
                if request.path == "/slow" { gate.pass() }
                return .text(drain.isDraining ? "draining" : "ready")
            })
        let port = server.port
        let idle = try RawClient(port: port)
        #expect(try idle.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").text == "ready")
        let busy = try RawClient(port: port)
        try busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(gate.waitForArrival())

        let finished = Flag()
        server.shutdown { finished.set() }
        #expect(server.isDraining)
        #expect(connectionRefused(port: port))
        #expect(idle.waitForClose(), "idle keep-alive connection is closed by the drain")
        #expect(!finished.isSet)

        gate.open()
        let response = try busy.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "draining")
        #expect(response.headers["connection"] == "close")
        #expect(busy.waitForClose())
        server.waitUntilStopped()
        #expect(finished.isSet)
    }

    @Test func drainTimeoutForceClosesStuckConnections() throws {
        let gate = Gate()
        let server = try startServer {
            $0.drainTimeout = .milliseconds(200)
        } handler: { _ in
            gate.pass()
            return .text("too late")
        }
        defer { gate.open() }
        let client = try RawClient(port: server.port)
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(gate.waitForArrival())
        let start = ContinuousClock.now
        stop(server)
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(client.waitForClose())
    }

    @Test func shutdownRacingWithNewConnectionsStillCompletes() throws {
        for _ in 0..<10 {
            let server = try startServer()
            let port = server.port
            let clientsDone = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                for _ in 0..<20 {
                    // Connections may be refused or closed mid-way once the drain starts; only completion matters.
                    _ = try? RawClient(port: port, timeout: .milliseconds(500)).exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                }
                clientsDone.signal()
            }
            Thread.sleep(forTimeInterval: 0.002)
            let stopped = DispatchSemaphore(value: 0)
            server.shutdown { stopped.signal() }
            #expect(stopped.wait(timeout: .now() + 2) == .success)
            #expect(clientsDone.wait(timeout: .now() + 5) == .success)
        }
    }

    @Test func shutdownOfAServerThatNeverStartedCompletesImmediately() {
        let server = HTTPServer { _ in .text("unused") }
        let called = Flag()
        server.shutdown { called.set() }
        #expect(called.isSet)
        server.waitUntilStopped()
    }
}
