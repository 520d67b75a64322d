import Foundation
import Locking

/// What a finished child process wrote and how it ended.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Wall-clock seconds from start to exit.
    public var seconds: Double
}

/// Runs `executable arguments…` with `environment` (the test process's when nil) and `stdin` on standard input
/// (`/dev/null` when nil). Standard error is drained on its own thread while standard output is read, so a child
/// that fills either pipe never blocks; the child is terminated after `limit` seconds, so a hang fails the test
/// instead of the suite.
public func runProcess(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
    stdin: String? = nil, limit: Double = 600
) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    let start = Date()
    try process.run()
    let errData = Locked(Data())
    let errDone = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        let data = err.fileHandleForReading.readDataToEndOfFile()
        errData.withLock { $0 = data }
        errDone.signal()
    }
    if let stdin {
        Thread.detachNewThread {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
    }
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog.cancel()
    errDone.wait()
    return ProcessOutput(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: errData.withLock { String(decoding: $0, as: UTF8.self) },
        seconds: Date().timeIntervalSince(start))
}
