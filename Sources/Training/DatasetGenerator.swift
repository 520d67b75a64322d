import Foundation
import ModelFormat
import NeutronStarPhysics
import Locking

/// What a generation run should produce.
package struct GenerationConfiguration: Sendable, Equatable, Codable {
    package var count: Int
    package var seed: UInt64
    package var prior: SkyrmePrior = .standard
    package var window = TrainingWindow()
    package var physics = GenerationPhysics(options: SkyrmeEOSOptions(), tolerance: 1e-8)

    package init(count: Int, seed: UInt64) { self.count = count; self.seed = seed }
}

/// Progress of a generation run, reported after every round of draws.
package struct GenerationProgress: Sendable {
    package var accepted: Int
    package var attempted: Int
    package var target: Int
    package var elapsedSeconds: Double
    /// Accepted models per second since this run started (excluding resumed work).
    package var rate: Double
    package var etaSeconds: Double?
}

/// The outcome of evaluating one draw.
enum DrawOutcome: Sendable {
    case accepted([Double])
    case rejected(String)
}

/// Generates a training set: draws nuclear-matter parameters from the prior, runs every physics filter and the
/// training window, and writes the accepted models.
///
/// Draws are processed in rounds of fixed size, spread over worker threads, and collected in draw order, so the
/// output depends only on the seed and configuration, not on the number of workers. After each round the accepted
/// rows and the counters are saved under `.partial/` so an interrupted run can be resumed; the final arrays are
/// written to temporary names and renamed.
package struct DatasetGenerator: Sendable {
    package let configuration: GenerationConfiguration
    package let directory: URL
    package let workers: Int
    /// Draws per round: results are collected round by round in draw order, so they do not depend on `workers`;
    /// the partial files are saved after each round.
    package let roundSize: Int
    /// Filter keys in application order (the training window last).
    package static let filterOrder = SkyrmeFilter.allCases.map(\.rawValue) + ["training_window"]

    package init(configuration: GenerationConfiguration, directory: URL, workers: Int, roundSize: Int = 256) {
        self.configuration = configuration
        self.directory = directory
        self.workers = max(1, workers)
        self.roundSize = max(1, roundSize)
    }

    /// Evaluates draw number `index`: a row of x, y, Λ_1.4, params, nmp, or the filter that rejected it.
    static func evaluate(index: Int, configuration c: GenerationConfiguration) -> DrawOutcome {
        var nmp = c.prior.draw(seed: c.seed, index: index)
        let parameters: SkyrmeParameters
        do { parameters = try SkyrmeParameters(nuclearMatter: nmp, surface: c.prior.surface) } catch {
            return .rejected(SkyrmeFilter.positiveSigma.rawValue)
        }
        let analysis: SkyrmeStarAnalysis
        do {
            analysis = try SkyrmeStarAnalysis(
                parameters: parameters, options: c.physics.eosOptions,
                curvePoints: 0, tolerance: c.physics.tov_relative_tolerance)
        } catch {
            return .rejected(error.filter.rawValue)
        }
        let mMax = analysis.summary.maximumMassStar.massMsun, r14 = analysis.summary.canonicalStar.radiusKm
        guard c.window.contains(mMax: mMax, r14: r14) else { return .rejected("training_window") }
        nmp.kSym = (try? analysis.model.betaEquilibrium.functional.nuclearMatterParameters().kSym) ?? .nan
        return .accepted(
            analysis.vector.values + [mMax, r14, analysis.summary.canonicalStar.tidalDeformability]
                + parameters.values + nmp.samplingValues + [nmp.kSym])
    }

    /// Saved state of an unfinished run.
    struct PartialState: Codable {
        var configuration: GenerationConfiguration
        var nextDraw: Int
        var accepted: Int
        var rejections: [String: Int]
    }

    var partialDirectory: URL { directory.appendingPathComponent(".partial") }
    var stateURL: URL { partialDirectory.appendingPathComponent("state.json") }
    var rowsURL: URL { partialDirectory.appendingPathComponent("rows.f64") }

    /// Runs (or resumes) the generation and writes the dataset.
    /// - Parameters:
    ///   - resume: continue from `.partial/` if it exists (an error if its configuration differs).
    ///   - creationDate: the manifest's creation time (reproducible runs pass a fixed date).
    /// - Throws: `DatasetError` for a bad configuration, an unusable directory or a mismatched resume.
    @discardableResult
    package func run(resume: Bool, creationDate: Date = Date(), progress: (GenerationProgress) throws -> Void) throws -> DatasetManifest {
        guard configuration.count > 0 else { throw DatasetError("count must be positive") }
        try configuration.prior.validate()
        let fm = FileManager.default
        try fm.createDirectory(at: partialDirectory, withIntermediateDirectories: true)
        var state = PartialState(
            configuration: configuration, nextDraw: 0, accepted: 0,
            rejections: Dictionary(uniqueKeysWithValues: Self.filterOrder.map { ($0, 0) }))
        if resume, let data = try? Data(contentsOf: stateURL) {
            let saved = try JSONDecoder().decode(PartialState.self, from: data)
            guard saved.configuration == configuration else {
                throw DatasetError(
                    "\(stateURL.path): the interrupted run used a different configuration (seed, count, prior, window or physics)")
            }
            state = saved
        } else if fm.fileExists(atPath: rowsURL.path) {
            try fm.removeItem(at: rowsURL)
        }
        if !fm.fileExists(atPath: rowsURL.path), !fm.createFile(atPath: rowsURL.path, contents: nil) {
            throw DatasetError("\(rowsURL.path): cannot be created")
        }
        let rowBytes = DatasetFormat.rowWidth * 8
        let rowsHandle = try FileHandle(forUpdating: rowsURL)
        defer { try? rowsHandle.close() }
        try rowsHandle.truncate(atOffset: UInt64(state.accepted * rowBytes))
        try rowsHandle.seekToEnd()

        let start = Date()
        let acceptedAtStart = state.accepted
        while state.accepted < configuration.count {
            let outcomes = evaluateRound(from: state.nextDraw)
            var newRows = Data()
            for outcome in outcomes {
                state.nextDraw += 1
                switch outcome {
                case .accepted(let row):
                    state.accepted += 1
                    row.withUnsafeBufferPointer { buffer in
                        for v in buffer {
                            var bits = v.bitPattern.littleEndian; withUnsafeBytes(of: &bits) { newRows.append(contentsOf: $0) }
                        }
                    }
                case .rejected(let filter):
                    state.rejections[filter, default: 0] += 1
                }
                if state.accepted == configuration.count { break }
            }
            try rowsHandle.write(contentsOf: newRows)
            try AtomicFile.write(try JSONEncoder().encode(state), to: stateURL)
            let elapsed = Date().timeIntervalSince(start)
            let rate = Double(state.accepted - acceptedAtStart) / max(elapsed, 1e-9)
            try progress(
                GenerationProgress(
                    accepted: state.accepted, attempted: state.nextDraw, target: configuration.count,
                    elapsedSeconds: elapsed, rate: rate,
                    etaSeconds: rate > 0 ? Double(configuration.count - state.accepted) / rate : nil))
        }
        try rowsHandle.synchronize()
        let manifest = try writeArrays(state: state, creationDate: creationDate)
        try fm.removeItem(at: partialDirectory)
        return manifest
    }

    /// Evaluates one round of draws on `workers` threads; outcomes in draw order.
    func evaluateRound(from first: Int) -> [DrawOutcome] {
        let results = Locked([Int: DrawOutcome]())
        let config = configuration
        let threads = workers, roundSize = roundSize
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var local: [(Int, DrawOutcome)] = []
            var i = worker
            while i < roundSize {
                local.append((first + i, Self.evaluate(index: first + i, configuration: config)))
                i += threads
            }
            results.withLock { dict in for (k, v) in local { dict[k] = v } }
        }
        return results.withLock { dict in (first..<(first + roundSize)).map { dict[$0]! } }
    }

    /// Splits the saved rows into the final arrays and writes them with the manifest.
    func writeArrays(state: PartialState, creationDate: Date) throws -> DatasetManifest {
        let data = try Data(contentsOf: rowsURL)
        let n = state.accepted, w = DatasetFormat.rowWidth
        guard data.count == n * w * 8 else { throw DatasetError("\(rowsURL.path): \(data.count) bytes, expected \(n * w * 8)") }
        var all = [Double](repeating: 0, count: n * w)
        data.withUnsafeBytes { raw in
            for i in 0..<(n * w) {
                all[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
            }
        }
        func columns(_ range: Range<Int>) -> [Double] {
            var out: [Double] = []
            out.reserveCapacity(n * range.count)
            for r in 0..<n { out.append(contentsOf: all[(r * w + range.lowerBound)..<(r * w + range.upperBound)]) }
            return out
        }
        let nx = SoundSpeedVector.count, np = SkyrmeParameters.columnNames.count, nn = DatasetFormat.nuclearMatterColumns.count
        let arrays: [(String, NumpyArray, [String], String)] = [
            (
                "x", try NumpyArray(shape: [n, nx], values: columns(0..<nx)), DatasetFormat.vectorColumns,
                "c_s^2 dimensionless (c = 1); n in fm^-3; eps, p in MeV fm^-3 (raw, not log)"
            ),
            ("y", try NumpyArray(shape: [n, 2], values: columns(nx..<(nx + 2))), DatasetFormat.labelColumns, "m_max in Msun, r_14 in km"),
            ("lambda14", try NumpyArray(shape: [n], values: columns((nx + 2)..<(nx + 3))), ["lambda_14"], "dimensionless"),
            (
                "params", try NumpyArray(shape: [n, np], values: columns((nx + 3)..<(nx + 3 + np))), SkyrmeParameters.columnNames,
                "t0 MeV fm^3; t1, t2 MeV fm^5; t3 MeV fm^(3+3 sigma); x0-x3, sigma dimensionless"
            ),
            (
                "nmp", try NumpyArray(shape: [n, nn], values: columns((nx + 3 + np)..<(nx + 3 + np + nn))),
                DatasetFormat.nuclearMatterColumns,
                "n0 fm^-3; E0, K0, J, L, Ksym MeV; ms, mv dimensionless (m*/m)"
            ),
        ]
        var descriptions: [String: ArrayDescription] = [:]
        for (name, array, cols, units) in arrays {
            try AtomicFile.write(array.encoded(), to: directory.appendingPathComponent("\(name).npy"))
            descriptions[name] = ArrayDescription(file: "\(name).npy", shape: array.shape, columns: cols, units: units)
        }
        let formatter = ISO8601DateFormatter()
        let manifest = DatasetManifest(
            format_version: DatasetFormat.version, code_version: DatasetFormat.codeVersion,
            created: formatter.string(from: creationDate), seed: configuration.seed, count: n, attempted: state.nextDraw,
            prior: configuration.prior, window: configuration.window, physics: configuration.physics,
            rejections: state.rejections, filter_order: Self.filterOrder, arrays: descriptions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: directory.appendingPathComponent("manifest.json"))
        return manifest
    }
}
