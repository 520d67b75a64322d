/// `GET /v1/models`: the models this server serves.
public struct ModelList: Codable, Sendable, Equatable {
    /// The models (one per server today).
    public var models: [ModelInfo]

    /// A list.
    public init(models: [ModelInfo]) {
        self.models = models
    }
}

/// `GET /v1/models/{name}`: what a model is, how it was trained, and where requests are accepted.
public struct ModelInfo: Codable, Sendable, Equatable {
    /// Model name (its directory name).
    public var name: String
    /// Network shape.
    public var architecture: ArchitectureInfo
    /// Training hyper-parameters and outcome.
    public var training: TrainingInfo
    /// Evaluation metrics recorded at training time (open set of names, e.g. `test.mmax_rmse_msun`).
    public var metrics: [String: Double]
    /// The accepted input ranges and the training region.
    public var trainingRegion: TrainingRegionInfo
    /// Request size limits of this server.
    public var limits: RequestLimits

    enum CodingKeys: String, CodingKey {
        case name, architecture, training, metrics, trainingRegion = "training_region", limits
    }

    /// Model information.
    public init(
        name: String, architecture: ArchitectureInfo, training: TrainingInfo, metrics: [String: Double],
        trainingRegion: TrainingRegionInfo, limits: RequestLimits
    ) {
        self.name = name
        self.architecture = architecture
        self.training = training
        self.metrics = metrics
        self.trainingRegion = trainingRegion
        self.limits = limits
    }
}

/// The structured VAE's shape.
public struct ArchitectureInfo: Codable, Sendable, Equatable {
    /// Length of the EOS vector (107).
    public var inputCount: Int
    /// Supervised latents (2: M_max, R_1.4).
    public var supervisedLatents: Int
    /// Unsupervised latents d (the length of `z`).
    public var latentDimension: Int
    /// Encoder hidden widths.
    public var encoderHiddenWidths: [Int]
    /// Decoder hidden widths.
    public var decoderHiddenWidths: [Int]
    /// Hidden activation (`relu`, `tanh`, `gelu`, `silu`).
    public var activation: String
    /// Trainable parameters.
    public var parameterCount: Int

    enum CodingKeys: String, CodingKey {
        case inputCount = "input_count", supervisedLatents = "supervised_latents", latentDimension = "latent_dimension"
        case encoderHiddenWidths = "encoder_hidden_widths", decoderHiddenWidths = "decoder_hidden_widths"
        case activation, parameterCount = "parameter_count"
    }

    /// Architecture information.
    public init(
        inputCount: Int, supervisedLatents: Int, latentDimension: Int, encoderHiddenWidths: [Int],
        decoderHiddenWidths: [Int], activation: String, parameterCount: Int
    ) {
        self.inputCount = inputCount
        self.supervisedLatents = supervisedLatents
        self.latentDimension = latentDimension
        self.encoderHiddenWidths = encoderHiddenWidths
        self.decoderHiddenWidths = decoderHiddenWidths
        self.activation = activation
        self.parameterCount = parameterCount
    }
}

/// Hyper-parameters and outcome of the training run.
public struct TrainingInfo: Codable, Sendable, Equatable {
    /// κ, weight of the supervised loss.
    public var kappa: Double
    /// η, weight of the KL loss.
    public var eta: Double
    /// Adam learning rate.
    public var learningRate: Double
    /// Rows per gradient step.
    public var batchSize: Int
    /// Upper bound on epochs.
    public var maximumEpochs: Int
    /// Early-stopping patience [epochs].
    public var patience: Int
    /// Training seed.
    public var seed: UInt64
    /// Epoch whose weights were kept (1-based).
    public var bestEpoch: Int
    /// Epochs run.
    public var completedEpochs: Int
    /// Why training ended.
    public var stopReason: String

    enum CodingKeys: String, CodingKey {
        case kappa, eta, learningRate = "learning_rate", batchSize = "batch_size", maximumEpochs = "max_epochs"
        case patience, seed, bestEpoch = "best_epoch", completedEpochs = "completed_epochs", stopReason = "stop_reason"
    }

    /// Training information.
    public init(
        kappa: Double, eta: Double, learningRate: Double, batchSize: Int, maximumEpochs: Int, patience: Int,
        seed: UInt64, bestEpoch: Int, completedEpochs: Int, stopReason: String
    ) {
        self.kappa = kappa
        self.eta = eta
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.maximumEpochs = maximumEpochs
        self.patience = patience
        self.seed = seed
        self.bestEpoch = bestEpoch
        self.completedEpochs = completedEpochs
        self.stopReason = stopReason
    }
}

/// Where the model was trained and which inputs the server accepts.
///
/// `m_max` and `r_14` are accepted inside the training label box; `z[i]` inside `z[i].min … z[i].max`
/// (the mean ± `z_limit_sigmas` σ). `diagnostics.inside_training_region` uses `support` when the model has one, else
/// the label box and the tighter `z_sigmas`.
public struct TrainingRegionInfo: Codable, Sendable, Equatable {
    /// Accepted M_max [M☉] (the training labels' range).
    public var maximumMass: ValueRange
    /// Accepted R_1.4 [km] (the training labels' range).
    public var radius14: ValueRange
    /// Per latent dimension: training mean and standard deviation of μ_v and the accepted range.
    public var z: [LatentDimensionInfo]
    /// Half-width (in σ) of the training region used by `diagnostics.inside_training_region`.
    public var zSigmas: Double
    /// Half-width (in σ) of the accepted z range.
    public var zLimitSigmas: Double
    /// Training rows the statistics come from.
    public var sampleCount: Int
    /// The learned density of the training set, or nil (absent) for a model without one.
    public var support: RegionSupportInfo?

    enum CodingKeys: String, CodingKey {
        case maximumMass = "m_max", radius14 = "r_14", z, zSigmas = "z_sigmas", zLimitSigmas = "z_limit_sigmas"
        case sampleCount = "sample_count", support
    }

    /// A region.
    public init(
        maximumMass: ValueRange, radius14: ValueRange, z: [LatentDimensionInfo], zSigmas: Double,
        zLimitSigmas: Double, sampleCount: Int, support: RegionSupportInfo? = nil
    ) {
        self.maximumMass = maximumMass
        self.radius14 = radius14
        self.z = z
        self.zSigmas = zSigmas
        self.zLimitSigmas = zLimitSigmas
        self.sampleCount = sampleCount
        self.support = support
    }
}

/// The training set's density in x = (M_max [M☉], R_1.4 [km], z_1 … z_d), enough to compute `region_score` and to
/// sample a prior on the supported region.
///
/// Whiten x with u = L⁻¹ (x − center) (L = `cholesky_factor`, lower-triangular: forward substitution). Then
/// log f(x) = log( (1/n) Σ_i exp(−|u − u_i|² / (2 h²)) ) over the n `whitened_points` u_i with h = `bandwidth`
/// (unnormalised), and the score is the fraction of `calibration_log_densities` below log f(x). A point is inside
/// when it is in the label box and its score ≥ `threshold`. Sampling the density: pick a u_i uniformly, add
/// h × a standard normal vector, and map back with x = center + L u.
public struct RegionSupportInfo: Codable, Sendable, Equatable {
    /// Coordinate names in order: `m_max`, `r_14`, `z1` … `zd`.
    public var coordinates: [String]
    /// Training mean of x.
    public var center: [Double]
    /// Lower Cholesky factor L of the training covariance of x (row-major rows; zeros above the diagonal).
    public var choleskyFactor: [[Double]]
    /// Kernel standard deviation h in whitened units.
    public var bandwidth: Double
    /// Kernel centres u_i (whitened training points).
    public var whitenedPoints: [[Double]]
    /// log f of held-out training points, ascending: the score's calibration.
    public var calibrationLogDensities: [Double]
    /// Score at or above which a point is inside the training region.
    public var threshold: Double

    enum CodingKeys: String, CodingKey {
        case coordinates, center, choleskyFactor = "cholesky_factor", bandwidth, whitenedPoints = "whitened_points"
        case calibrationLogDensities = "calibration_log_densities", threshold
    }

    /// A support description.
    public init(
        coordinates: [String], center: [Double], choleskyFactor: [[Double]], bandwidth: Double,
        whitenedPoints: [[Double]], calibrationLogDensities: [Double], threshold: Double
    ) {
        self.coordinates = coordinates
        self.center = center
        self.choleskyFactor = choleskyFactor
        self.bandwidth = bandwidth
        self.whitenedPoints = whitenedPoints
        self.calibrationLogDensities = calibrationLogDensities
        self.threshold = threshold
    }
}

/// A closed range `{"min": …, "max": …}`.
public struct ValueRange: Codable, Sendable, Equatable {
    /// Smallest accepted value.
    public var min: Double
    /// Largest accepted value.
    public var max: Double

    /// A range.
    public init(min: Double, max: Double) {
        self.min = min
        self.max = max
    }

    /// Whether `value` lies inside (bounds included).
    public func contains(_ value: Double) -> Bool { value >= min && value <= max }
}

/// One unsupervised latent dimension.
public struct LatentDimensionInfo: Codable, Sendable, Equatable {
    /// Training mean of μ_v (the default z).
    public var mean: Double
    /// Training standard deviation of μ_v.
    public var std: Double
    /// Smallest accepted z.
    public var min: Double
    /// Largest accepted z.
    public var max: Double

    /// A dimension.
    public init(mean: Double, std: Double, min: Double, max: Double) {
        self.mean = mean
        self.std = std
        self.min = min
        self.max = max
    }
}

/// Request size limits (larger requests get 422 naming the field, or 413 for the body).
public struct RequestLimits: Codable, Sendable, Equatable {
    /// Most points in one batch.
    public var maxBatchPoints: Int
    /// Most `eos_points`.
    public var maxEOSPoints: Int
    /// Most `mr_points`.
    public var maxMassRadiusPoints: Int
    /// Default `eos_points`.
    public var defaultEOSPoints: Int
    /// Default `mr_points`.
    public var defaultMassRadiusPoints: Int
    /// Largest request body [bytes].
    public var maxBodyBytes: Int

    enum CodingKeys: String, CodingKey {
        case maxBatchPoints = "max_batch_points", maxEOSPoints = "max_eos_points", maxMassRadiusPoints = "max_mr_points"
        case defaultEOSPoints = "default_eos_points", defaultMassRadiusPoints = "default_mr_points"
        case maxBodyBytes = "max_body_bytes"
    }

    /// Limits.
    public init(
        maxBatchPoints: Int, maxEOSPoints: Int, maxMassRadiusPoints: Int, defaultEOSPoints: Int,
        defaultMassRadiusPoints: Int, maxBodyBytes: Int
    ) {
        self.maxBatchPoints = maxBatchPoints
        self.maxEOSPoints = maxEOSPoints
        self.maxMassRadiusPoints = maxMassRadiusPoints
        self.defaultEOSPoints = defaultEOSPoints
        self.defaultMassRadiusPoints = defaultMassRadiusPoints
        self.maxBodyBytes = maxBodyBytes
    }
}
