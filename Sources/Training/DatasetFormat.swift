import Foundation
import NeutronStarPhysics

/// The on-disk layout of a training set: `manifest.json` plus NumPy arrays (little-endian float64).
public enum DatasetFormat {
    /// Version of the directory layout and manifest.
    public static let version = 1
    /// Version of the code that writes it (semantic: the minor number goes up with every change that alters the
    /// generated numbers, so that a manifest names the code that reproduces its arrays bit for bit).
    /// 0.2.0: the generator of 2026-12-06 (Tests/Fixtures/skyrme-300 regenerated with it).
    public static let codeVersion = "0.2.0"
    /// Column names of x.npy: 101 sound speeds, then the six boundary values.
    public static let vectorColumns = (0..<SoundSpeedVector.gridCount).map { String(format: "cs2_%03d", $0) } + SoundSpeedVector.boundaryNames
    /// Column names of y.npy.
    public static let labelColumns = ["m_max", "r_14"]
    /// Column names of nmp.npy: the seven sampled parameters and the derived K_sym.
    public static let nuclearMatterColumns = NuclearMatterParameters.samplingNames + ["Ksym"]
    /// Doubles per row in the resumable partial file: x, y, Λ_1.4, params, nmp.
    static let rowWidth = SoundSpeedVector.count + 2 + 1 + SkyrmeParameters.columnNames.count + nuclearMatterColumns.count
}

/// One array's entry in the manifest.
public struct ArrayDescription: Codable, Sendable, Equatable {
    public var file: String
    public var shape: [Int]
    public var columns: [String]
    public var units: String
}

/// `manifest.json` of a dataset directory.
public struct DatasetManifest: Codable, Sendable, Equatable {
    public var format_version: Int
    public var code_version: String
    public var created: String
    public var seed: UInt64
    public var count: Int
    public var attempted: Int
    public var prior: SkyrmePrior
    public var window: TrainingWindow
    public var physics: GenerationPhysics
    /// Draws rejected by each filter, in the order the filters apply.
    public var rejections: [String: Int]
    public var filter_order: [String]
    public var arrays: [String: ArrayDescription]
}

/// Physics settings of a generation run.
public struct GenerationPhysics: Codable, Sendable, Equatable {
    public var crust_core_criterion: CrustCoreCriterion
    public var muons: Bool
    public var tov_relative_tolerance: Double
    public var crust: String
    public init(options: SkyrmeEOSOptions, tolerance: Double) {
        crust_core_criterion = options.criterion
        muons = options.includeMuons
        tov_relative_tolerance = tolerance
        crust = "SLy4 (Haensel & Potekhin 2004 fit)"
    }
    var eosOptions: SkyrmeEOSOptions {
        var o = SkyrmeEOSOptions()
        o.criterion = crust_core_criterion
        o.includeMuons = muons
        return o
    }
}

/// Errors of a dataset directory, naming the file and the problem.
public struct DatasetError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A dataset loaded from disk and validated: shapes agree, values are finite, the manifest matches the arrays.
public struct Dataset: Sendable {
    public let manifest: DatasetManifest
    /// N×107 raw vectors.
    public let x: NumpyArray
    /// N×2 labels (M_max [M☉], R_1.4 [km]).
    public let y: NumpyArray
    /// N values of Λ_1.4.
    public let lambda14: NumpyArray
    /// N×9 Skyrme parameters (t0…x3, σ).
    public let params: NumpyArray
    /// N×8 nuclear-matter parameters.
    public let nmp: NumpyArray

    /// Number of models.
    public var count: Int { x.rows }

    /// Loads and validates `directory`.
    /// - Throws: `DatasetError` or `InputFileError` saying which file is wrong and how.
    public init(directory: URL) throws {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: manifestURL) else { throw DatasetError("\(manifestURL.path): missing or unreadable") }
        let manifest: DatasetManifest
        do { manifest = try JSONDecoder().decode(DatasetManifest.self, from: data) } catch {
            throw DatasetError("\(manifestURL.path): not a dataset manifest (\(error))")
        }
        guard manifest.format_version == DatasetFormat.version else {
            throw DatasetError("\(manifestURL.path): format version \(manifest.format_version), this code reads version \(DatasetFormat.version)")
        }
        self.manifest = manifest
        func load(_ name: String, columns: Int?) throws -> NumpyArray {
            let url = directory.appendingPathComponent("\(name).npy")
            guard let bytes = try? Data(contentsOf: url) else { throw DatasetError("\(url.path): missing or unreadable") }
            let array = try NumpyArray(npy: bytes, path: url.path)
            guard array.rows == manifest.count else {
                throw DatasetError("\(url.path): \(array.rows) rows, the manifest says \(manifest.count)")
            }
            if let columns {
                guard array.shape.count == 2, array.columns == columns else {
                    throw DatasetError("\(url.path): shape \(array.shape), expected [\(manifest.count), \(columns)]")
                }
            } else if array.shape.count != 1 {
                throw DatasetError("\(url.path): shape \(array.shape), expected [\(manifest.count)]")
            }
            if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
                throw DatasetError("\(url.path): non-finite value in row \(bad / array.columns)")
            }
            return array
        }
        x = try load("x", columns: SoundSpeedVector.count)
        y = try load("y", columns: 2)
        lambda14 = try load("lambda14", columns: nil)
        params = try load("params", columns: SkyrmeParameters.columnNames.count)
        nmp = try load("nmp", columns: DatasetFormat.nuclearMatterColumns.count)
        if let bad = x.values.firstIndex(where: { $0 <= 0 }) {
            throw DatasetError("\(directory.appendingPathComponent("x.npy").path): non-positive value in row \(bad / x.columns)")
        }
    }
}
