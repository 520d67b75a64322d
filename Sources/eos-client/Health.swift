import ArgumentParser
import EOSClient

/// `eos-client health`: liveness and readiness.
struct Health: ParsableCommand, ConnectedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the server is live (/healthz) and ready (/readyz); exit 4 when live but not ready.")

    @OptionGroup var ownConnection: ConnectionOptions
    @ParentCommand var root: EOSClientCommand

    func run() throws {
        let client = try connection.client()
        let live = try client.health()
        let ready = try client.readiness()
        print("\(connection.serverURL): live \(live.status), ready \(ready.status)")
        if ready.status != "ok" {
            throw EOSClientError.server(status: 503, code: ready.status, message: "server is not ready", field: nil)
        }
    }
}
