import Foundation
import NeuralNetwork
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Throughput figures for the GEMM and for training (one thread). Reports only; enable with
/// `NN_BENCH=1 swift test -c release --filter ThroughputBenchmark` (Benchmarks/training/run.sh does this
/// and compares with PyTorch).
@Suite("ThroughputBenchmark", .enabled(if: ProcessInfo.processInfo.environment["NN_BENCH"] == "1"))
struct ThroughputBenchmark {
    /// CPU seconds consumed by the calling thread.
    func threadCPUSeconds() -> Double { cpuSeconds(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU seconds consumed by all threads of the process (what PyTorch's `time.process_time` measures).
    func processCPUSeconds() -> Double { cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) }

    func cpuSeconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    @Test("GEMM GFLOP/s on the network's shapes")
    func gemm() {
        var generator = SeededGenerator(seed: 1)
        for (m, n, k, transposeA, transposeB, label) in [(64, 128, 107, false, true, "forward 64x107 . (128x107)^T"),
                                                         (128, 107, 64, true, false, "weight grad (64x128)^T . 64x107"),
                                                         (64, 107, 128, false, false, "input grad 64x128 . 128x107")] {
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
                                call(transposeA, transposeB, m, n, k, 1, a.baseAddress!, transposeA ? m : k,
                                     b.baseAddress!, transposeB ? k : n, 0, c.baseAddress!, n)
                            }
                        }
                    }
                }
                return 2.0 * Double(m * n * k * repetitions) / (threadCPUSeconds() - start) / 1e9
            }
            let fast = run(false, repetitions: 20_000), reference = run(true, repetitions: 50)
            print("GEMM \(label): \(GEMM.backendDescription) \(String(format: "%.1f", fast)) GFLOP/s, reference loop \(String(format: "%.2f", reference)) GFLOP/s")
        }
    }

    @Test("training throughput, samples per CPU-second")
    func training() throws {
        let epochs = Int(ProcessInfo.processInfo.environment["NN_BENCH_EPOCHS"] ?? "") ?? 20
        let training = SyntheticData(rowCount: 7000, seed: 1), validation = SyntheticData(rowCount: 1500, seed: 2)
        let configuration = TrainingConfiguration(architecture: VAEArchitecture(latentCount: 4), batchSize: 64,
                                                  maximumEpochs: epochs, patience: epochs, seed: 1)
        let trainer = try VAETrainer(trainingVectors: training.vectors, trainingLabels: training.labels,
                                     validationVectors: validation.vectors, validationLabels: validation.labels,
                                     configuration: configuration)
        let threadStart = threadCPUSeconds(), processStart = processCPUSeconds()
        var last: EpochReport?
        trainer.train { last = $0; return .proceed }
        let processSeconds = processCPUSeconds() - processStart, threadSeconds = threadCPUSeconds() - threadStart
        let samples = Double(7000 * epochs)
        print("SWIFT_TRAINING samples_per_cpu_second=\(Int(samples / processSeconds)) (process CPU; calling thread only: \(Int(samples / threadSeconds))) epochs=\(epochs) cpu_seconds=\(String(format: "%.3f", processSeconds)) final_val_loss=\(last?.validationLoss.total ?? 0) backend=\(GEMM.backendDescription)")
    }

    @Test("inference throughput: batched and single encode/decode, rows per CPU-second")
    func inference() throws {
        let data = SyntheticData(rowCount: 2000, seed: 3)
        let trainer = try VAETrainer(trainingVectors: data.vectors, trainingLabels: data.labels,
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
        let decodeBatch = try rate(20_000) { for _ in 0..<10 { _ = try model.decode(batch: points) } }
        let encodeBatch = try rate(20_000) { for _ in 0..<10 { _ = try model.encode(batch: data.vectors) } }
        let decodeSingle = try rate(2000) { for point in points { _ = try model.decode(batch: [point]) } }
        let encodeSingle = try rate(2000) { for vector in data.vectors { _ = try model.encode(vector) } }
        print("SWIFT_INFERENCE rows_per_cpu_second decode_batch=\(decodeBatch) encode_batch=\(encodeBatch) decode_single=\(decodeSingle) encode_single=\(encodeSingle) backend=\(GEMM.backendDescription)")
    }
}
