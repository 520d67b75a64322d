import NeuralNetwork
import NeutronStarPhysics

/// SLy4's exact 107-vector and star properties, computed once (TOV rtol 1e-8).
let sly4 = try! SkyrmeStarAnalysis(parameters: .sly4, curvePoints: 0)

/// A d = 1 model whose decoder heads return `vector` (raw values) plus `weightScale` times a seeded
/// perturbation of the hidden layers; with `weightScale` = 0 the decoder returns exactly `vector` for every input.
func modelDecoding(
    to vector: [Double], weightScale: Float = 0, seed: UInt64 = 7,
    decoderHiddenWidths: [Int] = [8, 16]
) throws -> VAEModel {
    let architecture = VAEArchitecture(
        soundSpeedCount: 101, boundaryCount: 6, supervisedLatentCount: 2, latentCount: 1,
        encoderHiddenWidths: [16], decoderHiddenWidths: decoderHiddenWidths, activation: .relu)
    var parameters = ParameterInitializer.initialParameters(for: architecture, seed: seed)
    for tensor in architecture.tensors where tensor.name.hasPrefix("decoder.") {
        for index in tensor.range { parameters[index] *= weightScale }
    }
    func setBias(_ name: String, _ values: [Double]) {
        let tensor = architecture.tensors.first { $0.name == name }!
        for (offset, value) in values.enumerated() { parameters[tensor.offset + offset] = Float(value) }
    }
    // c_s² = 1 / (1 + e^a)  ⇔  a = ln(1/c_s² − 1); boundary values are e^(output).
    setBias("decoder.cs2_head.bias", vector[0..<101].map { Foundation.log(1 / $0 - 1) })
    setBias("decoder.boundary_head.bias", vector[101...].map { Foundation.log($0) })
    let inputScaler = try StandardScaler(means: vector.map { Foundation.log($0) }, standardDeviations: .init(repeating: 0.2, count: 107))
    let labelScaler = try StandardScaler(means: [2.2, 12.0], standardDeviations: [0.15, 0.6])
    let statistics = LatentStatistics(
        latentMeans: [0.25], latentStandardDeviations: [0.5],
        labelMinimums: [1.95, 10.5], labelMaximums: [2.5, 14.5], sampleCount: 100)
    return try VAEModel(
        architecture: architecture, parameters: parameters, inputScaler: inputScaler,
        labelScaler: labelScaler, latentStatistics: statistics)
}

import Foundation
