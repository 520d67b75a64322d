import APIModels
import ArgumentParser
import EOSClient
import Foundation

/// `eos-client batch`: many latent points through `/v1/decode/batch`.
struct Batch: ParsableCommand, ConnectedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decode a file of latent points in chunks through /v1/decode/batch; one output row per point.",
        discussion: """
            FILE (or - for standard input) is CSV (m_max,r_14[,z0,z1,...], header optional; with a header, columns \
            are found by name: m_max, r_14 and every column starting with z) or JSON lines \
            ({"m_max": 2.05, "r_14": 11.75, "z": [0.1], "observables": {"masses": [1.4]}}). A CSV point's own \
            observables come from the columns named mass* (star masses), m1, m2 (a binary) and n_b* (densities); the \
            observables options apply to every point without its own. Rows are written in input order to standard \
            output (or --output): scalars (m_max, r_14, lambda_14 of the decoded EOS with the conditioning errors and \
            the observables, or the point's error) as CSV or JSON lines, or with --full the whole result (EOS table, \
            mass-radius curve, diagnostics) as JSON lines. With observables and without --full the server solves \
            only the stars they need (include "observables", its fast path). \
            A progress line with the rate and the failure count goes to standard error. Exit code 5 when some \
            points failed (their rows carry the error).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case auto, csv, jsonl }

    @OptionGroup var ownConnection: ConnectionOptions
    @ParentCommand var root: EOSClientCommand

    @Argument(help: "CSV or JSON-lines file of latent points; - reads standard input.")
    var file: String

    @Flag(help: "Write full results (EOS table, mass-radius curve, diagnostics) as JSON lines.")
    var full = false

    @OptionGroup(title: "Observables") var observables: ObservableOptions

    @OptionGroup(title: "Conditioning") var conditioning: ConditioningOptions

    @Option(help: "Output format: auto (same as the input; jsonl with --full), csv or jsonl.")
    var format: Format = .auto

    @Option(help: "Points per request (at most the server's max_batch_points).")
    var chunkSize: Int = 256

    @Option(help: "Requests in flight at once, each on its own connection.")
    var concurrency: Int = 2

    @Option(help: "Points of each EOS table with --full (default: the server's).")
    var eosPoints: Int?

    @Option(help: "Stars on each mass-radius curve (default: the server's).")
    var mrPoints: Int?

    @Option(name: .shortAndLong, help: "Write rows to this file instead of standard output.")
    var output: String?

    @Flag(name: .shortAndLong, help: "No progress line (the final summary is still written to standard error).")
    var quiet = false

    func validate() throws {
        guard chunkSize >= 1 else { throw ValidationError("--chunk-size must be at least 1") }
        guard concurrency >= 1, concurrency <= 64 else { throw ValidationError("--concurrency must be 1...64") }
        if full && format == .csv { throw ValidationError("--full writes JSON lines; use --format jsonl (or auto)") }
    }

    func run() throws {
        let source = file == "-" ? "standard input" : file
        let text = try InputFiles.read(file)
        let inputFormat = InputFiles.detectFormat(text)
        let points = try InputFiles.parsePoints(text, format: inputFormat, source: source)
        let outputFormat: PointFileFormat =
            switch format {
            case .auto: full ? .jsonl : inputFormat
            case .csv: .csv
            case .jsonl: .jsonl
            }
        let client = try connection.client()
        var out = try Output(path: output)
        let reporter = ProgressReporter(quiet: quiet)
        var latentDimension: Int?
        let shared = try observables.request()
        let columns = OutputFormatting.ObservableColumns(points: points, shared: shared)
        let include: DecodeInclude = full ? .full : columns.isEmpty && shared == nil ? .scalars : .observables
        let options = BatchOptions(
            include: include, chunkSize: chunkSize, concurrency: concurrency,
            eosPoints: eosPoints, massRadiusPoints: mrPoints, observables: shared,
            conditioning: conditioning.mode, conditioningTolerance: conditioning.exactTolerance)
        let summary = try client.decodeBatch(
            points, options: options,
            onResults: { items in
                switch outputFormat {
                case .jsonl:
                    for item in items {
                        out.write(OutputFormatting.batchJSONLine(item, input: points[item.index], full: full) + "\n")
                    }
                case .csv:
                    let d = latentDimension ?? items.map { ($0.result?.input.z ?? points[$0.index].z ?? []).count }.max() ?? 0
                    if latentDimension == nil {
                        latentDimension = d
                        out.write(OutputFormatting.batchCSVHeader(latentDimension: d, observables: columns) + "\n")
                    }
                    for item in items {
                        out.write(
                            OutputFormatting.batchCSVRow(item, input: points[item.index], latentDimension: d, observables: columns) + "\n")
                    }
                }
                out.flush()
            }, progress: reporter.update)
        if outputFormat == .csv && latentDimension == nil {
            out.write(OutputFormatting.batchCSVHeader(latentDimension: 0, observables: columns) + "\n")
            out.flush()
        }
        reporter.finish(summary)
        if summary.failedPoints > 0 { throw PointsFailed(failed: summary.failedPoints, total: summary.totalPoints) }
    }
}

/// The progress line on standard error: redrawn in place on a terminal, at most one line every 2 s otherwise.
final class ProgressReporter {
    private let quiet: Bool
    private let terminal = isatty(2) == 1
    private var lastLine = ContinuousClock.now - .seconds(10)

    init(quiet: Bool) {
        self.quiet = quiet
    }

    func update(_ progress: BatchProgress) {
        guard !quiet, !progress.isComplete else { return }
        let now = ContinuousClock.now
        guard terminal || now - lastLine >= .seconds(2) else { return }
        lastLine = now
        let line = Self.line(progress)
        FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func finish(_ progress: BatchProgress) {
        let line =
            "batch: \(progress.completedPoints) points in \(String(format: "%.2f", progress.elapsedSeconds)) s "
            + "(\(String(format: "%.1f", progress.pointsPerSecond)) points/s), \(progress.failedPoints) failed"
        FileHandle.standardError.write(Data(((terminal && !quiet ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }

    static func line(_ progress: BatchProgress) -> String {
        let percent = progress.totalPoints > 0 ? 100 * Double(progress.completedPoints) / Double(progress.totalPoints) : 100
        let remaining =
            progress.pointsPerSecond > 0 ? Double(progress.totalPoints - progress.completedPoints) / progress.pointsPerSecond : 0
        return "batch: \(progress.completedPoints)/\(progress.totalPoints) points (\(String(format: "%.0f", percent))%), "
            + "\(String(format: "%.1f", progress.pointsPerSecond)) points/s, \(progress.failedPoints) failed, ETA \(String(format: "%.0f", remaining)) s"
    }
}
