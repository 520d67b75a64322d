import ArgumentParser
import Foundation
import InferenceService

/// `eos-server`: serves the VAE over HTTP. Flags override `EOS_*` environment variables, which override the
/// defaults (see `ServiceConfiguration`).
@main
struct EOSServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eos-server",
        abstract: "Serve the neutron-star EOS VAE over HTTP (REST + Open Inference Protocol v2).",
        discussion: """
            Every option can also be set by its environment variable (EOS_HOST, EOS_PORT, EOS_MODEL_DIR, EOS_MODEL, \
            EOS_WORKERS, …; shown with each option); a flag wins over the environment. SIGTERM or SIGINT drains \
            in-flight requests and exits 0.
            """
    )

    @OptionGroup var options: ServerOptions

    func run() throws {
        let configuration: ServiceConfiguration
        do {
            configuration = try options.configuration(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
        ServiceLogging.bootstrap(configuration)
        let server: InferenceServer
        do {
            server = try buildInferenceServer(configuration: configuration)
            try server.start()
        } catch {
            FileHandle.standardError.write(Data("eos-server: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let signals = server.installSignalHandlers()
        server.waitUntilStopped()
        signals.cancel()
    }
}
