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
            in-flight requests and exits 0. Exit codes: 0 after a drain, 1 when the server cannot start (e.g. the \
            model cannot be loaded, the port is taken), 2 usage (an unknown flag, a bad value or EOS_* variable).
            """
    )

    @OptionGroup var options: ServerOptions

    /// Runs the server; a usage error (an unknown flag, a bad value or environment variable) exits 2, like
    /// eos-client and eos-trainer (ArgumentParser's default is 64); a start-up failure exits 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

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
