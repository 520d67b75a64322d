import Foundation
import NeutronStarPhysics

/// The on-disk layout of a training set: `manifest.json` plus NumPy arrays (little-endian float64).
package enum DatasetFormat {
    /// Version of the directory layout and manifest.
    package static let version = 1
    /// Version of the code that writes it (semantic: the minor number goes up with every change that alters the
    /// generated numbers, so that a manifest names the code that reproduces its arrays bit for bit).
    /// 0.2.0: the generator of 2026-12-06 (Tests/Fixtures/skyrme-300 regenerated with it).
    package static let codeVersion = "0.2.0"
    /// Column names of x.npy: 101 sound speeds, then the six boundary values.
    package static let vectorColumns =
        (0..<SoundSpeedVector.gridCount).map { String(format: "cs2_%03d", $0) } + SoundSpeedVector.boundaryNames
    /// Column names of y.npy.
    package static let labelColumns = ["m_max", "r_14"]
    /// Column names of nmp.npy: the seven sampled parameters and the derived K_sym.
    package static let nuclearMatterColumns = NuclearMatterParameters.samplingNames + ["Ksym"]
    /// Doubles per row in the resumable partial file: x, y, Λ_1.4, params, nmp.
    static let rowWidth = SoundSpeedVector.count + 2 + 1 + SkyrmeParameters.columnNames.count + nuclearMatterColumns.count
}

/// One array's entry in the manifest.
package struct ArrayDescription: Codable, Sendable, Equatable {
    package var file: String
    package var shape: [Int]
    package var columns: [String]
    package var units: String
}

/// `manifest.json` of a dataset directory.
package struct DatasetManifest: Codable, Sendable, Equatable {
    package var format_version: Int
    package var code_version: String
    package var created: String
    package var seed: UInt64
    package var count: Int
    package var attempted: Int
    package var prior: SkyrmePrior
    package var window: TrainingWindow
    package var physics: GenerationPhysics
    /// Draws rejected by each filter, in the order the filters apply.
    package var rejections: [String: Int]
    package var filter_order: [String]
    package var arrays: [String: ArrayDescription]
}

/// Physics settings of a generation run.
package struct GenerationPhysics: Codable, Sendable, Equatable {
    package var crust_core_criterion: CrustCoreCriterion
    package var muons: Bool
    package var tov_relative_tolerance: Double
    package var crust: String
    package init(options: SkyrmeEOSOptions, tolerance: Double) {
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
package struct DatasetError: Error, CustomStringConvertible, Sendable {
    package let message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}

/// A dataset loaded from disk and validated: shapes agree, values are finite, the manifest matches the arrays.
package struct Dataset: Sendable {
    package let manifest: DatasetManifest
    /// N×107 raw vectors.
    package let x: NumpyArray
    /// N×2 labels (M_max [M☉], R_1.4 [km]).
    package let y: NumpyArray
    /// N values of Λ_1.4.
    package let lambda14: NumpyArray
    /// N×9 Skyrme parameters (t0…x3, σ).
    package let params: NumpyArray
    /// N×8 nuclear-matter parameters.
    package let nmp: NumpyArray

    /// Number of models.
    package var count: Int { x.rows }

    /// Loads and validates `directory`.
    /// - Throws: `DatasetError` or `InputFileError` saying which file is wrong and how.
    package init(directory: URL) throws {
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: manifestURL) else { throw DatasetError("\(manifestURL.path): missing or unreadable") }
        let manifest: DatasetManifest
        do { manifest = try JSONDecoder().decode(DatasetManifest.self, from: data) } catch {
            throw DatasetError("\(manifestURL.path): not a dataset manifest (\(error))")
        }
        guard manifest.format_version == DatasetFormat.version else {
            throw DatasetError(
                "\(manifestURL.path): format version \(manifest.format_version), this code reads version \(DatasetFormat.version)")
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
