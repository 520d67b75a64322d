import ArgumentParser
import EOSClient
import Foundation

/// `eos-client`: query the EOS inference service from the shell.
///
/// Exit codes: 0 success, 2 usage or unreadable input, 3 server unreachable (refused, timed out, dropped),
/// 4 server error (HTTP error status or an unexpected answer), 5 some batch points failed.
@main
struct EOSClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eos-client",
        abstract: "Query the neutron-star EOS VAE service (eos-server).",
        discussion: """
            The server is --server, else $EOS_SERVER, else http://127.0.0.1:8080. Requests are retried on \
            connection errors and 503 (with jittered back-off honouring Retry-After), never on 4xx.
            Exit codes: 0 success, 2 usage or unreadable input, 3 server unreachable or not answering in time, \
            4 server error, 5 some batch points failed.
            """,
        subcommands: [Health.self, Models.self, Decode.self, Batch.self, Encode.self]
    )

    /// Connection options given before the subcommand (`eos-client --server URL health`); the subcommand's own
    /// (`eos-client health --server URL`) win.
    @OptionGroup var connection: ConnectionOptions

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as EOSClientError {
            fail(error.description, code: error.exitCode)
        } catch let error as PointsFailed {
            fail(error.description, code: 5)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            fail("\(error)", code: code.rawValue == 0 ? 1 : code.rawValue)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("eos-client: error: \(message)\n".utf8))
        Foundation.exit(code)
    }
}

/// Some points of a batch could not be decoded (exit code 5); the rows were still written.
struct PointsFailed: Error, CustomStringConvertible {
    var failed: Int
    var total: Int
    var description: String { "\(failed) of \(total) points failed (see their error rows)" }
}

/// Options every subcommand shares; they may be given before the subcommand too (see ``ConnectedCommand``).
/// Unset values are nil so that the two places can be merged; the defaults are applied when the client is made.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server base URL (default: $EOS_SERVER, else http://127.0.0.1:8080).")
    var server: String?

    @Option(help: "Seconds to wait for a connection (default 5).")
    var connectTimeout: Double?

    @Option(help: "Seconds one request attempt may take (default 120).")
    var timeout: Double?

    @Option(help: "Attempts per request (retries on connection errors and 503; 1 disables retries; default 3).")
    var attempts: Int?

    @Flag(inversion: .prefixedNo, help: "Ask the server for gzip-compressed answers (default: yes).")
    var gzip: Bool?

    func validate() throws {
        if let connectTimeout {
            guard connectTimeout > 0, connectTimeout.isFinite else { throw ValidationError("--connect-timeout must be > 0 seconds") }
        }
        if let timeout { guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be > 0 seconds") } }
        if let attempts { guard attempts >= 1 else { throw ValidationError("--attempts must be at least 1") } }
    }

    /// These options, with the ones not given here taken from `outer` (the options before the subcommand).
    func over(_ outer: ConnectionOptions) -> ConnectionOptions {
        var merged = self
        merged.server = server ?? outer.server
        merged.connectTimeout = connectTimeout ?? outer.connectTimeout
        merged.timeout = timeout ?? outer.timeout
        merged.attempts = attempts ?? outer.attempts
        merged.gzip = gzip ?? outer.gzip
        return merged
    }

    var serverURL: String {
        server ?? ProcessInfo.processInfo.environment["EOS_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? EOSClientConfiguration.defaultServerURL
    }

    func client() throws -> EOSServiceClient {
        try EOSServiceClient(
            configuration: EOSClientConfiguration(
                serverURL: serverURL, connectTimeout: .milliseconds(Int64((connectTimeout ?? 5) * 1000)),
                requestTimeout: .milliseconds(Int64((timeout ?? 120) * 1000)), maxAttempts: attempts ?? 3,
                acceptCompression: gzip ?? true))
    }
}

/// A subcommand that talks to the server: its connection options merged over those given before it.
protocol ConnectedCommand {
    /// The options given after the subcommand.
    var ownConnection: ConnectionOptions { get }
    /// The root command, holding the options given before the subcommand.
    var root: EOSClientCommand { get }
}

extension ConnectedCommand {
    /// The connection options in effect.
    var connection: ConnectionOptions { ownConnection.over(root.connection) }
}

/// Writes to standard output through one buffer.
struct Output {
    private var buffer = Data()
    private let handle: FileHandle

    init(path: String?) throws {
        if let path, path != "-" {
            // open(2) with O_TRUNC, not FileManager.createFile: that one writes a temporary file and renames it
            // over the target, which would replace a device such as /dev/null with a regular file.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw EOSClientError.invalidInput(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            handle = FileHandle.standardOutput
        }
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: Array(text.utf8))
        if buffer.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes one line to standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
