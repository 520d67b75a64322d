import Foundation
import ModelFormat
import NeuralNetwork

/// The rows of one split of a dataset, as the network wants them: raw 107-vectors and labels (M_max [M☉], R_1.4 [km]).
package struct VAESplitRows: Sendable {
    /// Dataset row indices, in order.
    package let indices: [Int]
    /// Raw EOS vectors.
    package let vectors: [[Double]]
    /// Labels [M_max, R_1.4].
    package let labels: [[Double]]

    /// The given rows of `dataset`.
    package init(dataset: Dataset, indices: [Int]) {
        self.indices = indices
        vectors = indices.map { Array(dataset.x.row($0)) }
        labels = indices.map { Array(dataset.y.row($0)) }
    }

    /// Number of rows.
    package var count: Int { indices.count }

    /// These rows followed by every row of `dataset` (extra training data); `indices` keep counting past this split's
    /// largest dataset index so that they stay distinct.
    package func appending(allRowsOf dataset: Dataset) -> VAESplitRows {
        let start = (indices.max() ?? -1) + 1
        let extra = VAESplitRows(dataset: dataset, indices: Array(0..<dataset.count))
        return VAESplitRows(
            indices: indices + extra.indices.map { $0 + start }, vectors: vectors + extra.vectors,
            labels: labels + extra.labels)
    }

    /// The first `limit` rows (all when nil or larger).
    package func prefix(_ limit: Int?) -> VAESplitRows {
        guard let limit, limit < count else { return self }
        return VAESplitRows(
            indices: Array(indices.prefix(limit)), vectors: Array(vectors.prefix(limit)),
            labels: Array(labels.prefix(limit)))
    }

    private init(indices: [Int], vectors: [[Double]], labels: [[Double]]) {
        self.indices = indices
        self.vectors = vectors
        self.labels = labels
    }
}

/// Names of the three splits on the command line.
package enum VAESplitName: String, Sendable, CaseIterable {
    /// `train`.
    case training = "train"
    /// `validation`.
    case validation
    /// `test`.
    case test
    /// Every row of the dataset (for a held-out dataset the model never saw, e.g. one generated with a fresh seed).
    case all
}

/// A dataset cut 70/15/15 by a seeded ``NeuralNetwork/DatasetSplit``.
package struct VAEDataSplit: Sendable {
    /// Seed of the split.
    package let seed: UInt64
    /// 70 % of the rows: the network is fitted to these (and the scalers and latent statistics).
    package let training: VAESplitRows
    /// 15 %: early stopping and model selection.
    package let validation: VAESplitRows
    /// 15 %: held out for the reported metrics.
    package let test: VAESplitRows
    /// Every row, in dataset order.
    package let all: VAESplitRows

    /// Splits `dataset` with `seed`.
    package init(dataset: Dataset, seed: UInt64) {
        let split = DatasetSplit(rowCount: dataset.count, seed: seed)
        self.seed = seed
        training = VAESplitRows(dataset: dataset, indices: split.training)
        validation = VAESplitRows(dataset: dataset, indices: split.validation)
        test = VAESplitRows(dataset: dataset, indices: split.test)
        all = VAESplitRows(dataset: dataset, indices: Array(0..<dataset.count))
    }

    /// The rows of the named split.
    package func rows(_ name: VAESplitName) -> VAESplitRows {
        switch name {
        case .training: return training
        case .validation: return validation
        case .test: return test
        case .all: return all
        }
    }
}

/// Identifies a dataset by its manifest: `fnv1a64:` and the 64-bit FNV-1a hash of manifest.json's bytes.
package enum VAEDatasetIdentity {
    /// The manifest hash of the dataset in `directory`.
    package static func manifestHash(directory: URL) throws -> String {
        "fnv1a64:" + FNV1a.hash64(try Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    /// A warning when the dataset in `directory` is not the one `model` was trained on (its split may then overlap the
    /// model's training rows); nil when it is.
    package static func mismatchWarning(directory: URL, model: ModelBundle) throws -> String? {
        let hash = try manifestHash(directory: directory)
        let training = model.metadata.training
        if hash == training.datasetManifestHash { return nil }
        if training.extraDatasetManifestHashes?.contains(hash) == true {
            return "warning: every row of \(directory.path) was a training row of the model (--extra-data): these are training metrics"
        }
        return "warning: \(directory.path) has manifest hash \(hash), the model was trained on \(training.datasetManifestHash); "
            + "the split may overlap its training rows"
    }
}
