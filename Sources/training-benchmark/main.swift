// Throughput of the network (NeuralNetwork target), one thread: GEMM GFLOP/s on the network's shapes, training
// samples per CPU-second, and inference rows per CPU-second. Reports; never asserts. Benchmarks/training/run.sh
// builds it in release and compares the training line with PyTorch on the identical network.
//
// Usage: training-benchmark [--epochs 20] [--training-rows 7000] [--validation-rows 1500] [--gemm-repetitions 20000]
//                           [--smoke]   (--smoke: 1 epoch, 640 + 128 rows, 200 GEMM repetitions: checks that it runs)
import Foundation
import NeuralNetwork

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
let smoke = arguments.contains("--smoke")
/// The integer value of `--name`, or `fallback` when it is absent; a malformed value stops the program.
func integerOption(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name) else { return fallback }
    guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else {
        FileHandle.standardError.write(Data("training-benchmark: \(name) needs a positive integer\n".utf8))
        exit(2)
    }
    return value
}
let epochs = integerOption("--epochs", smoke ? 1 : 20)
let trainingRows = integerOption("--training-rows", smoke ? 640 : 7000)
let validationRows = integerOption("--validation-rows", smoke ? 128 : 1500)
let gemmRepetitions = integerOption("--gemm-repetitions", smoke ? 200 : 20_000)

/// CPU seconds consumed by `clock` (the calling thread, or all threads of the process).
func cpuSeconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
func threadCPUSeconds() -> Double { cpuSeconds(CLOCK_THREAD_CPUTIME_ID) }
/// What PyTorch's `time.process_time` measures.
func processCPUSeconds() -> Double { cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) }

/// Smooth synthetic EOS-like rows (101 sound speeds + 6 boundary values, labels M_max, R_1.4): every vector is a
/// deterministic function of (M_max, R_1.4, t), the family the NeuralNetwork tests train on.
func syntheticRows(_ count: Int, seed: UInt64) -> (vectors: [[Double]], labels: [[Double]]) {
    var generator = SeededGenerator(seed: seed)
    var vectors: [[Double]] = [], labels: [[Double]] = []
    for _ in 0..<count {
        let mass = 1.8 + 0.6 * generator.nextUniform(), radius = 11 + 2.5 * generator.nextUniform()
        let shape = 2 * generator.nextUniform() - 1
        let soundSpeeds = (0..<101).map { index -> Double in
            let x = Double(index) / 100
            return 1 / (1 + exp(1.5 - 2.5 * (mass - 2.1) * x + 0.8 * (radius - 12.25) * (1 - x) + 0.5 * shape * sin(3 * x)))
        }
        let boundaries = (0..<6).map { exp(1 + 0.3 * Double($0) + 0.4 * (mass - 2.1) - 0.2 * (radius - 12.25) + 0.1 * shape) }
        vectors.append(soundSpeeds + boundaries)
        labels.append([mass, radius])
    }
    return (vectors, labels)
}

/// GFLOP/s of `GEMM.multiply` and of the reference triple loop on the network's three product shapes.
func benchmarkGEMM() {
    var generator = SeededGenerator(seed: 1)
    for (m, n, k, transposeA, transposeB, label) in [
        (64, 128, 107, false, true, "forward 64x107 . (128x107)^T"),
        (128, 107, 64, true, false, "weight grad (64x128)^T . 64x107"),
        (64, 107, 128, false, false, "input grad 64x128 . 128x107"),
    ] {
        let a = (0..<(m * k)).map { _ in Float(generator.nextStandardNormal()) }
        let b = (0..<(k * n)).map { _ in Float(generator.nextStandardNormal()) }
        var c = [Float](repeating: 0, count: m * n)
        func run(_ reference: Bool, repetitions: Int) -> Double {
            let start = threadCPUSeconds()
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        for _ in 0..<repetitions {
                            let call = reference ? GEMM.referenceMultiply : GEMM.multiply
                            call(
                                transposeA, transposeB, m, n, k, 1, a.baseAddress!, transposeA ? m : k,
                                b.baseAddress!, transposeB ? k : n, 0, c.baseAddress!, n)
                        }
                    }
                }
            }
            return 2.0 * Double(m * n * k * repetitions) / (threadCPUSeconds() - start) / 1e9
        }
        let fast = run(false, repetitions: gemmRepetitions), reference = run(true, repetitions: max(gemmRepetitions / 400, 1))
        print("GEMM \(label): fast \(String(format: "%.1f", fast)) GFLOP/s, reference loop \(String(format: "%.2f", reference)) GFLOP/s")
    }
}

/// Samples per process-CPU-second of `epochs` epochs of training (batch 64, d = 4), plus the final validation loss.
func benchmarkTraining() throws {
    let training = syntheticRows(trainingRows, seed: 1), validation = syntheticRows(validationRows, seed: 2)
    let configuration = TrainingConfiguration(
        architecture: VAEArchitecture(latentCount: 4), batchSize: 64,
        maximumEpochs: epochs, patience: epochs, seed: 1)
    let trainer = try VAETrainer(
        trainingVectors: training.vectors, trainingLabels: training.labels,
        validationVectors: validation.vectors, validationLabels: validation.labels,
        configuration: configuration)
    let threadStart = threadCPUSeconds(), processStart = processCPUSeconds()
    var last: EpochReport?
    trainer.train {
        last = $0; return .proceed
    }
    let processSeconds = processCPUSeconds() - processStart, threadSeconds = threadCPUSeconds() - threadStart
    let samples = Double(trainingRows * epochs)
    print(
        "SWIFT_TRAINING samples_per_cpu_second=\(Int(samples / processSeconds)) (process CPU; calling thread only: "
            + "\(Int(samples / threadSeconds))) epochs=\(epochs) rows=\(trainingRows) cpu_seconds=\(String(format: "%.3f", processSeconds)) "
            + "final_val_loss=\(last?.validationLoss.total ?? .nan) backend=\(GEMM.backendDescription)")
}

/// Rows per thread-CPU-second of batched and single-row encode and decode with a briefly trained model.
func benchmarkInference() throws {
    let rowCount = min(trainingRows, 2000)
    let data = syntheticRows(rowCount, seed: 3)
    let trainer = try VAETrainer(
        trainingVectors: data.vectors, trainingLabels: data.labels,
        validationVectors: data.vectors, validationLabels: data.labels,
        configuration: TrainingConfiguration(maximumEpochs: 1))
    trainer.train { _ in .proceed }
    let model = try trainer.bestModel()
    let points = data.labels.map { LatentPoint(supervised: $0, z: [0.1, -0.2, 0.3, 0]) }
    func rate(_ rows: Int, _ body: () throws -> Void) rethrows -> Int {
        let start = threadCPUSeconds()
        try body()
        return Int(Double(rows) / (threadCPUSeconds() - start))
    }
    let decodeBatch = try rate(10 * rowCount) { for _ in 0..<10 { _ = try model.decode(batch: points) } }
    let encodeBatch = try rate(10 * rowCount) { for _ in 0..<10 { _ = try model.encode(batch: data.vectors) } }
    let decodeSingle = try rate(rowCount) { for point in points { _ = try model.decode(batch: [point]) } }
    let encodeSingle = try rate(rowCount) { for vector in data.vectors { _ = try model.encode(vector) } }
    print(
        "SWIFT_INFERENCE rows_per_cpu_second decode_batch=\(decodeBatch) encode_batch=\(encodeBatch) "
            + "decode_single=\(decodeSingle) encode_single=\(encodeSingle) backend=\(GEMM.backendDescription)")
}

do {
    benchmarkGEMM()
    try benchmarkTraining()
    try benchmarkInference()
} catch {
    FileHandle.standardError.write(Data("training-benchmark: \(error)\n".utf8))
    exit(1)
}
