import Foundation
import NeuralNetwork

/// Smooth synthetic EOS-like data: every raw vector is a deterministic function of (M_max, R_1.4, t),
/// so a VAE with d ≥ 1 can learn it.
struct SyntheticData {
    var vectors: [[Double]] = []
    var labels: [[Double]] = []

    init(rowCount: Int, seed: UInt64, soundSpeedCount: Int = 101, boundaryCount: Int = 6) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<rowCount {
            let mass = 1.8 + 0.6 * generator.nextUniform()
            let radius = 11 + 2.5 * generator.nextUniform()
            let shape = 2 * generator.nextUniform() - 1
            let soundSpeeds = (0..<soundSpeedCount).map { index -> Double in
                let x = Double(index) / Double(max(soundSpeedCount - 1, 1))
                let a = 1.5 - 2.5 * (mass - 2.1) * x + 0.8 * (radius - 12.25) * (1 - x) + 0.5 * shape * sin(3 * x)
                return 1 / (1 + exp(a))
            }
            let boundaries = (0..<boundaryCount).map { index in
                exp(1 + 0.3 * Double(index) + 0.4 * (mass - 2.1) - 0.2 * (radius - 12.25) + 0.1 * shape)
            }
            vectors.append(soundSpeeds + boundaries)
            labels.append([mass, radius])
        }
    }
}

/// A small architecture for fast gradient checks (13 inputs: 11 sound speeds, so both the 8-wide and the
/// scalar tail of the loss kernel run, + 2 boundary values).
func tinyArchitecture(_ activation: Activation) -> VAEArchitecture {
    VAEArchitecture(
        soundSpeedCount: 11, boundaryCount: 2, supervisedLatentCount: 2, latentCount: 2,
        encoderHiddenWidths: [6, 5], decoderHiddenWidths: [5, 6], activation: activation)
}

/// A matrix of standard normal values.
func normalMatrix(rows: Int, columns: Int, generator: inout SeededGenerator, scale: Double = 1) -> Matrix {
    Matrix(
        rowCount: rows, columnCount: columns,
        values: (0..<(rows * columns)).map { _ in Float(scale * generator.nextStandardNormal()) })
}
