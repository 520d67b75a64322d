import NeuralNetwork

/// One column of the EOS vector or of the labels: a name and its unit.
public struct ColumnDescription: Sendable, Equatable, Codable {
    /// Column name, e.g. `cs2_000` or `p_cc`.
    public var name: String
    /// Unit, e.g. `c^2`, `fm^-3`, `MeV fm^-3`, `Msun`, `km`.
    public var unit: String

    /// A column with a name and unit.
    public init(name: String, unit: String) {
        self.name = name
        self.unit = unit
    }

    /// The 107 columns of the EOS vector: c_s²(p_i) for i = 0…100, then n_cc, ε_cc, p_cc, n_max, ε_max, p_max.
    public static let eosVector: [ColumnDescription] =
        (0...100).map { ColumnDescription(name: "cs2_" + String(repeating: "0", count: 3 - String($0).count) + String($0), unit: "c^2") }
        + [
            ("n_cc", "fm^-3"), ("eps_cc", "MeV fm^-3"), ("p_cc", "MeV fm^-3"),
            ("n_max", "fm^-3"), ("eps_max", "MeV fm^-3"), ("p_max", "MeV fm^-3"),
        ].map { ColumnDescription(name: $0.0, unit: $0.1) }

    /// The two labels: maximum mass and radius of a 1.4 M_sun star.
    public static let labels = [ColumnDescription(name: "M_max", unit: "Msun"), ColumnDescription(name: "R_1.4", unit: "km")]
}

/// How the pressures p_i of the sound-speed columns are placed (per EOS, between its own p_cc and p_max).
public struct PressureGridDefinition: Sendable, Equatable, Codable {
    /// Number of grid points.
    public var pointCount: Int
    /// Spacing, e.g. `log` (uniform in ln p).
    public var spacing: String
    /// Column giving the first pressure.
    public var fromColumn: String
    /// Column giving the last pressure.
    public var toColumn: String
    /// Pressure unit.
    public var unit: String
    /// The formula in words.
    public var formula: String

    /// A grid definition.
    public init(pointCount: Int, spacing: String, fromColumn: String, toColumn: String, unit: String, formula: String) {
        self.pointCount = pointCount
        self.spacing = spacing
        self.fromColumn = fromColumn
        self.toColumn = toColumn
        self.unit = unit
        self.formula = formula
    }

    /// The project grid: 101 points uniform in ln p from p_cc to p_max, both ends included.
    public static let standard = PressureGridDefinition(
        pointCount: 101, spacing: "log", fromColumn: "p_cc", toColumn: "p_max", unit: "MeV fm^-3",
        formula: "p_i = exp(ln p_cc + (i/100)(ln p_max - ln p_cc)), i = 0...100")
}

/// How the model was trained: the hyper-parameters and where training ended.
public struct TrainingRecord: Sendable, Equatable, Codable {
    /// Full training configuration (architecture, κ, η, Adam, batch size, epochs, patience, seed).
    public var configuration: TrainingConfiguration
    /// Epoch (1-based) whose weights were kept.
    public var bestEpoch: Int
    /// Epochs run.
    public var completedEpochs: Int
    /// Why training ended (e.g. `earlyStopping`).
    public var stopReason: String
    /// Hash of the dataset manifest the model was trained on.
    public var datasetManifestHash: String
    /// Seed of the train/validation/test split.
    public var splitSeed: UInt64
    /// Hashes of the manifests of further datasets whose every row was added to the training split (nil: none).
    public var extraDatasetManifestHashes: [String]?

    /// A training record.
    public init(
        configuration: TrainingConfiguration, bestEpoch: Int, completedEpochs: Int, stopReason: String,
        datasetManifestHash: String, splitSeed: UInt64, extraDatasetManifestHashes: [String]? = nil
    ) {
        self.extraDatasetManifestHashes = extraDatasetManifestHashes
        self.configuration = configuration
        self.bestEpoch = bestEpoch
        self.completedEpochs = completedEpochs
        self.stopReason = stopReason
        self.datasetManifestHash = datasetManifestHash
        self.splitSeed = splitSeed
    }
}

/// Everything in model.json besides what the ``VAEModel`` itself carries.
public struct ModelMetadata: Sendable, Equatable, Codable {
    /// Model name (the directory name by convention).
    public var name: String
    /// Training hyper-parameters and outcome.
    public var training: TrainingRecord
    /// Input/output vector columns (107, default ``ColumnDescription/eosVector``).
    public var columns: [ColumnDescription]
    /// Label columns (default ``ColumnDescription/labels``).
    public var labelColumns: [ColumnDescription]
    /// Pressure grid of the sound-speed columns.
    public var pressureGrid: PressureGridDefinition
    /// Open dictionary of evaluation metrics (e.g. `test.reconstruction_mse`, `test.mmax_rmse_msun`).
    public var metrics: [String: Double]

    /// Metadata; columns and grid default to the project's 107-vector.
    public init(
        name: String, training: TrainingRecord, columns: [ColumnDescription] = ColumnDescription.eosVector,
        labelColumns: [ColumnDescription] = ColumnDescription.labels,
        pressureGrid: PressureGridDefinition = .standard, metrics: [String: Double] = [:]
    ) {
        self.name = name
        self.training = training
        self.columns = columns
        self.labelColumns = labelColumns
        self.pressureGrid = pressureGrid
        self.metrics = metrics
    }
}

/// A model and its metadata, as stored in a model directory.
public struct ModelBundle: Sendable {
    /// The network, scalers and latent statistics.
    public var model: VAEModel
    /// Names, units, grid, training record and metrics.
    public var metadata: ModelMetadata

    /// A bundle.
    public init(model: VAEModel, metadata: ModelMetadata) {
        self.model = model
        self.metadata = metadata
    }
}

/// The JSON document `model.json`.
struct ModelDocument: Codable {
    static let currentFormatVersion = 1

    var formatVersion: Int
    /// The network shape (must equal `metadata.training.configuration.architecture`).
    var architecture: VAEArchitecture
    var inputScaler: ScalerRecord
    var labelScaler: ScalerRecord
    var latentStatistics: LatentStatistics
    var weightsFile: WeightsFileRecord
    var metadata: ModelMetadata
}

/// A scaler as stored (validated when converted to ``StandardScaler``); columns are ln values for the input scaler.
struct ScalerRecord: Codable {
    var means: [Double]
    var standardDeviations: [Double]
}

/// Identification of the weights file written together with model.json.
struct WeightsFileRecord: Codable {
    var name: String
    var byteCount: Int
    /// FNV-1a 64-bit hash of the file, 16 hex digits.
    var fnv1a64: String
}
