import Foundation
import NeuralNetwork

/// A model directory `models/NAME/` holding `model.safetensors` (weights) and `model.json`
/// (format version, architecture, scalers, latent statistics, columns, grid, training record, metrics).
///
/// Saving writes each file under a temporary name in the directory and renames it into place, weights first;
/// model.json records the weights file's size and FNV-1a hash, so a directory whose two files come from
/// different saves is rejected on load. Other files in the directory (reports, plots) are left alone.
public enum ModelDirectory {
    /// File name of the weights.
    public static let weightsFileName = "model.safetensors"
    /// File name of the JSON document.
    public static let documentFileName = "model.json"

    /// Saves `bundle` into `directory` (created if needed).
    public static func save(_ bundle: ModelBundle, to directory: URL) throws(ModelFormatError) {
        let model = bundle.model
        let weightsURL = directory.appendingPathComponent(weightsFileName)
        let documentURL = directory.appendingPathComponent(documentFileName)
        let weights = Safetensors.encode(
            model.architecture.tensors.map { NamedTensor(name: $0.name, shape: $0.shape, values: Array(model.parameters[$0.range])) },
            metadata: ["format": "pt", "producer": "NeutronStarVAE", "model": bundle.metadata.name])
        let document = ModelDocument(
            formatVersion: ModelDocument.currentFormatVersion, architecture: model.architecture,
            inputScaler: ScalerRecord(means: model.inputScaler.means, standardDeviations: model.inputScaler.standardDeviations),
            labelScaler: ScalerRecord(means: model.labelScaler.means, standardDeviations: model.labelScaler.standardDeviations),
            latentStatistics: model.latentStatistics,
            weightsFile: WeightsFileRecord(name: weightsFileName, byteCount: weights.count, fnv1a64: FNV1a.hash64(weights)),
            metadata: bundle.metadata)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json: Data
        do {
            json = try encoder.encode(document)
        } catch {
            throw .cannotWrite(file: documentURL.path, reason: "cannot encode JSON: \(error)")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(file: directory.path, reason: "\(error)")
        }
        try AtomicFile.write(weights, to: weightsURL)
        try AtomicFile.write(json, to: documentURL)
    }

    /// Loads and validates the model in `directory`.
    public static func load(from directory: URL) throws(ModelFormatError) -> ModelBundle {
        let documentURL = directory.appendingPathComponent(documentFileName)
        let document = try ModelValidation.document(from: AtomicFile.read(documentURL), file: documentURL.path)
        let weightsURL = directory.appendingPathComponent(document.weightsFile.name)
        let weights = try AtomicFile.read(weightsURL)
        let parameters = try ModelValidation.parameters(
            from: Safetensors.decode(weights, file: weightsURL.path).tensors,
            architecture: document.architecture, file: weightsURL.path)
        let checksum = FNV1a.hash64(weights)
        guard weights.count == document.weightsFile.byteCount, checksum == document.weightsFile.fnv1a64 else {
            throw .checksumMismatch(
                file: weightsURL.path, expected: "\(document.weightsFile.fnv1a64) (\(document.weightsFile.byteCount) bytes)",
                actual: "\(checksum) (\(weights.count) bytes)")
        }
        return try ModelValidation.bundle(document: document, parameters: parameters, file: documentURL.path)
    }
}
