import Foundation
import NeuralNetwork

/// A resumable training checkpoint in one safetensors file: the weights, best weights and Adam moments as
/// F32 tensors (`parameters`, `best_parameters`, `adam.first_moments`, `adam.second_moments`), and the rest of
/// the ``TrainerSnapshot`` (configuration, scalers, generator state, counters) as JSON in `__metadata__.state`.
/// Written atomically (temporary file, then rename), so a run killed mid-save keeps its previous checkpoint.
public enum TrainerCheckpoint {
    /// Saves `snapshot` to `url`.
    public static func save(_ snapshot: TrainerSnapshot, to url: URL) throws(ModelFormatError) {
        let state = CheckpointState(snapshot)
        let json: Data
        do {
            json = try JSONEncoder().encode(state)
        } catch {
            throw .cannotWrite(file: url.path, reason: "cannot encode checkpoint state: \(error)")
        }
        let tensors = [
            ("parameters", snapshot.parameters), ("best_parameters", snapshot.bestParameters),
            ("adam.first_moments", snapshot.optimizer.firstMoments),
            ("adam.second_moments", snapshot.optimizer.secondMoments),
        ]
        .map { NamedTensor(name: $0.0, shape: [$0.1.count], values: $0.1) }
        try AtomicFile.write(Safetensors.encode(tensors, metadata: ["state": String(decoding: json, as: UTF8.self)]), to: url)
    }

    /// Loads the snapshot saved at `url`, checking every tensor's length against the architecture.
    public static func load(from url: URL) throws(ModelFormatError) -> TrainerSnapshot {
        let file = url.path
        let (tensors, metadata) = try Safetensors.decode(AtomicFile.read(url), file: file)
        guard let stateJSON = metadata["state"] else {
            throw .malformedHeader(file: file, reason: "no __metadata__.state: not a training checkpoint")
        }
        let state: CheckpointState
        do {
            state = try JSONDecoder().decode(CheckpointState.self, from: Data(stateJSON.utf8))
        } catch {
            throw .malformedJSON(file: file, reason: "__metadata__.state: \(error)")
        }
        let count = state.configuration.architecture.parameterCount
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func vector(_ name: String) throws(ModelFormatError) -> [Float] {
            guard let tensor = byName[name] else { throw .missingTensor(tensor: name, file: file) }
            guard tensor.shape == [count] else {
                throw .shapeMismatch(tensor: name, expected: [count], actual: tensor.shape, file: file)
            }
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteWeight(tensor: name, index: index, file: file)
            }
            return tensor.values
        }
        guard state.generatorState.count == 4, state.generatorState != [0, 0, 0, 0] else {
            throw .invalidField(field: "generatorState", reason: "needs four words, not all zero", file: file)
        }
        let optimizer = AdamOptimizer(
            configuration: state.configuration.optimizer,
            firstMoments: try vector("adam.first_moments"),
            secondMoments: try vector("adam.second_moments"), stepCount: state.adamStepCount)
        return TrainerSnapshot(
            configuration: state.configuration, inputScaler: state.inputScaler, labelScaler: state.labelScaler,
            parameters: try vector("parameters"), bestParameters: try vector("best_parameters"), optimizer: optimizer,
            generator: SeededGenerator(state: state.generatorState, spareNormal: state.generatorSpareNormal),
            completedEpochs: state.completedEpochs, bestValidationLoss: state.bestValidationLoss,
            bestEpoch: state.bestEpoch, epochsWithoutImprovement: state.epochsWithoutImprovement,
            elapsedSeconds: state.elapsedSeconds, stopReason: state.stopReason)
    }
}

/// The non-tensor part of a snapshot, stored as JSON.
private struct CheckpointState: Codable {
    var configuration: TrainingConfiguration
    var inputScaler: StandardScaler
    var labelScaler: StandardScaler
    var adamStepCount: Int
    var generatorState: [UInt64]
    var generatorSpareNormal: Double?
    var completedEpochs: Int
    var bestValidationLoss: Double?
    var bestEpoch: Int
    var epochsWithoutImprovement: Int
    var elapsedSeconds: Double
    var stopReason: TrainingStopReason?

    init(_ snapshot: TrainerSnapshot) {
        configuration = snapshot.configuration
        inputScaler = snapshot.inputScaler
        labelScaler = snapshot.labelScaler
        adamStepCount = snapshot.optimizer.stepCount
        generatorState = snapshot.generator.state
        generatorSpareNormal = snapshot.generator.spareNormal
        completedEpochs = snapshot.completedEpochs
        bestValidationLoss = snapshot.bestValidationLoss
        bestEpoch = snapshot.bestEpoch
        epochsWithoutImprovement = snapshot.epochsWithoutImprovement
        elapsedSeconds = snapshot.elapsedSeconds
        stopReason = snapshot.stopReason
    }
}
