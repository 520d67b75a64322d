import Foundation
import NeuralNetwork
import Testing

@Suite("GEMM")
struct GEMMTests {
    typealias Multiply = (
        Bool, Bool, Int, Int, Int, Float, UnsafePointer<Float>, Int, UnsafePointer<Float>, Int,
        Float, UnsafeMutablePointer<Float>, Int
    ) -> Void
    static let shapes = [(1, 1, 1), (3, 5, 7), (17, 13, 9), (64, 107, 128), (65, 31, 3), (2, 101, 128), (4, 40, 0)]

    @Test(
        "multiply (OpenBLAS when loaded, else SIMD) matches the reference triple loop on odd shapes, transposes, alpha and beta",
        arguments: shapes)
    func matchesReference(shape: (Int, Int, Int)) {
        checkAgainstReference(GEMM.multiply, shape: shape)
    }

    @Test("the batch-invariant SIMD kernel matches the reference triple loop", arguments: shapes)
    func batchInvariantMatchesReference(shape: (Int, Int, Int)) {
        checkAgainstReference(GEMM.multiplyBatchInvariant, shape: shape)
    }

    func checkAgainstReference(_ multiply: Multiply, shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var generator = SeededGenerator(seed: UInt64(m * 10_000 + n * 100 + k))
        for (transposeA, transposeB) in [(false, false), (false, true), (true, false), (true, true)] {
            let lda = (transposeA ? m : k) + 2, ldb = (transposeB ? k : n) + 1, ldc = n + 3
            let a = (0..<((transposeA ? k : m) * lda)).map { _ in Float(generator.nextStandardNormal()) }
            let b = (0..<((transposeB ? n : k) * ldb)).map { _ in Float(generator.nextStandardNormal()) }
            let initial = (0..<(m * ldc)).map { _ in Float(generator.nextStandardNormal()) }
            var fast = initial, reference = initial
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    fast.withUnsafeMutableBufferPointer { c in
                        multiply(
                            transposeA, transposeB, m, n, k, 0.75, a.baseAddress!, lda, b.baseAddress!, ldb,
                            -0.5, c.baseAddress!, ldc)
                    }
                    reference.withUnsafeMutableBufferPointer { c in
                        GEMM.referenceMultiply(
                            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                            alpha: 0.75, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                            beta: -0.5, c: c.baseAddress!, ldc: ldc)
                    }
                }
            }
            // Float accumulation of k products of unit normals: error ~ 1e-7·√k·|terms|; 1e-4·√k is generous but
            // far below the O(1) error of any indexing mistake. Padding columns must be untouched.
            let tolerance = Float(1e-4 * Double(max(k, 1)).squareRoot())
            for row in 0..<m {
                for column in 0..<ldc {
                    let index = row * ldc + column
                    if column < n {
                        #expect(abs(fast[index] - reference[index]) <= tolerance, "\(shape) tA \(transposeA) tB \(transposeB)")
                    } else {
                        #expect(fast[index] == initial[index])
                    }
                }
            }
        }
    }

    @Test(
        "the batch-invariant kernel gives each row the same bits whatever the number of rows",
        arguments: [(false, false), (false, true), (true, false), (true, true)])
    func batchInvariance(transposes: (Bool, Bool)) {
        let (transposeA, transposeB) = transposes
        let m = 64, n = 107, k = 128
        var generator = SeededGenerator(seed: 7)
        let a = (0..<(m * k)).map { _ in Float(generator.nextStandardNormal()) }
        let b = (0..<(k * n)).map { _ in Float(generator.nextStandardNormal()) }
        let bias = (0..<n).map { _ in Float(generator.nextStandardNormal()) }
        /// Rows `first..<first + count` of op(A) · op(B) + bias, computed as a batch of `count` rows.
        func rows(_ first: Int, _ count: Int) -> [Float] {
            // op(A)'s rows first..<first+count: contiguous rows of A, or columns of the stored k × m Aᵀ.
            var c = (0..<count).flatMap { _ in bias }
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        GEMM.multiplyBatchInvariant(
                            transposeA: transposeA, transposeB: transposeB, m: count, n: n, k: k, alpha: 1,
                            a: a.baseAddress! + (transposeA ? first : first * k), lda: transposeA ? m : k,
                            b: b.baseAddress!, ldb: transposeB ? k : n, beta: 1, c: c.baseAddress!, ldc: n)
                    }
                }
            }
            return c
        }
        let whole = rows(0, m)
        for size in [1, 3, 8] {
            let pieces = stride(from: 0, to: m, by: size).flatMap { rows($0, min(size, m - $0)) }
            #expect(pieces.map(\.bitPattern) == whole.map(\.bitPattern), "batches of \(size)")
        }
    }

    @Test("matrix product of whole matrices")
    func wholeMatrixProduct() {
        let a = Matrix(rowCount: 2, columnCount: 3, values: [1, 2, 3, 4, 5, 6])
        let b = Matrix(rowCount: 3, columnCount: 2, values: [7, 8, 9, 10, 11, 12])
        #expect(GEMM.product(a, b).values == [58, 64, 139, 154])
        #expect(GEMM.product(a, a, transposeB: true).values == [14, 32, 32, 77])
        #expect(GEMM.product(a, a, transposeA: true).values == [17, 22, 27, 22, 29, 36, 27, 36, 45])
    }
}

@Suite("Adam")
struct AdamTests {
    @Test("two steps match a hand computation")
    func handComputedSteps() {
        let configuration = AdamConfiguration(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)
        var optimizer = AdamOptimizer(parameterCount: 2, configuration: configuration)
        var parameters: [Float] = [1, -2]
        // Step 1, g = (0.5, −4): m = 0.1g, v = 0.001g², m̂ = g, v̂ = g², update = 0.1·g/(|g| + 1e-7).
        optimizer.step(parameters: &parameters, gradient: [0.5, -4])
        let expected1 = [1 - 0.1 * 0.5 / (0.5 + 1e-7), -2 + 0.1 * 4 / (4 + 1e-7)]
        // Step 2, g = (0.25, 1):
        //   m = 0.9·0.1g₁ + 0.1g₂, v = 0.999·0.001g₁² + 0.001g₂², m̂ = m/(1−0.81), v̂ = v/(1−0.998001).
        optimizer.step(parameters: &parameters, gradient: [0.25, 1])
        var expected2 = expected1
        for (index, (g1, g2)) in [(0.5, 0.25), (-4.0, 1.0)].enumerated() {
            let m = 0.9 * 0.1 * g1 + 0.1 * g2
            let v = 0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2
            expected2[index] -= 0.1 * (m / 0.19) / ((v / 0.001999).squareRoot() + 1e-7)
        }
        #expect(optimizer.stepCount == 2)
        // Float state: ~1e-6 rounding on parameters of order 1, while each update is of order 0.1,
        // so a missing bias correction or a wrong moment would show as an error above 1e-3.
        for index in 0..<2 {
            #expect(abs(Double(parameters[index]) - expected2[index]) <= 1e-5, "parameter \(index)")
        }
    }
}

extension AdamTests {
    @Test("the vectorised path (19 parameters: two 8-wide blocks and a tail) follows the same formula")
    func vectorisedPathMatchesFormula() {
        let configuration = AdamConfiguration(learningRate: 0.01)
        var optimizer = AdamOptimizer(parameterCount: 19, configuration: configuration)
        var parameters = (0..<19).map { Float($0) * 0.1 - 1 }
        var expected = parameters.map(Double.init)
        var m = [Double](repeating: 0, count: 19), v = m
        for step in 1...3 {
            let gradient = (0..<19).map { Float(sin(Double($0 * step))) }
            optimizer.step(parameters: &parameters, gradient: gradient)
            for index in 0..<19 {
                let g = Double(gradient[index])
                m[index] = 0.9 * m[index] + 0.1 * g
                v[index] = 0.999 * v[index] + 0.001 * g * g
                let mHat = m[index] / (1 - pow(0.9, Double(step))), vHat = v[index] / (1 - pow(0.999, Double(step)))
                expected[index] -= 0.01 * mHat / (vHat.squareRoot() + 1e-7)
            }
        }
        for index in 0..<19 {
            #expect(abs(Double(parameters[index]) - expected[index]) <= 1e-6, "parameter \(index)")
        }
    }
}

@Suite("Standard scaler")
struct StandardScalerTests {
    @Test("fits population statistics and round-trips")
    func populationStatisticsAndRoundTrip() throws {
        let scaler = try StandardScaler(fitting: [[1, 10], [2, 20], [3, 30], [4, 40]])
        #expect(scaler.means == [2.5, 25])
        #expect(abs(scaler.standardDeviations[0] - 1.25.squareRoot()) <= 1e-15)
        #expect(abs(scaler.standardDeviations[1] - 125.0.squareRoot()) <= 1e-13)
        let row = [3.7, -12.5]
        let back = scaler.inverseTransform(scaler.transform(row))
        #expect(abs(back[0] - row[0]) <= 1e-15 && abs(back[1] - row[1]) <= 1e-14)
    }

    @Test("rejects constant columns, non-finite values and empty input")
    func rejectsBadInput() {
        #expect(throws: StandardScaler.Failure.degenerateColumn(column: 1, standardDeviation: 0)) {
            try StandardScaler(fitting: [[1, 5], [2, 5]])
        }
        #expect(throws: StandardScaler.Failure.nonFinite(row: 1, column: 0)) {
            try StandardScaler(fitting: [[1], [.nan]])
        }
        #expect(throws: StandardScaler.Failure.noRows) { try StandardScaler(fitting: []) }
    }
}

@Suite("Random numbers, splits and the sound-speed head")
struct RandomAndHeadTests {
    @Test("the generator is reproducible and its normals have unit variance")
    func generator() {
        var first = SeededGenerator(seed: 1), second = SeededGenerator(seed: 1), other = SeededGenerator(seed: 2)
        let a = (0..<5).map { _ in first.next() }
        #expect(a == (0..<5).map { _ in second.next() })
        #expect(a != (0..<5).map { _ in other.next() })
        let samples = (0..<20_000).map { _ in first.nextStandardNormal() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        // Standard errors: 0.007 for the mean, 0.01 for the variance; 5σ bounds.
        #expect(abs(mean) < 0.035 && abs(variance - 1) < 0.05)
    }

    @Test("70/15/15 split is a seeded partition")
    func split() {
        let split = DatasetSplit(rowCount: 1000, seed: 3)
        #expect(split.training.count == 700 && split.validation.count == 150 && split.test.count == 150)
        #expect(Set(split.training + split.validation + split.test).count == 1000)
        #expect(split == DatasetSplit(rowCount: 1000, seed: 3))
        #expect(split != DatasetSplit(rowCount: 1000, seed: 4))
    }

    @Test("c_s² = exp(−softplus(a)) is stable and strictly inside (0, 1) for moderate a")
    func soundSpeedHead() {
        for a in [-30.0, -3, -0.5, 0, 0.5, 3, 30] {
            let value = SoundSpeedHead.soundSpeedSquared(fromRawOutput: a)
            #expect(value > 0 && value < 1)
            #expect(abs(log(value) - SoundSpeedHead.logSoundSpeedSquared(fromRawOutput: a)) <= 1e-12)
        }
        #expect(SoundSpeedHead.soundSpeedSquared(fromRawOutput: 1000) == 0)
        #expect(SoundSpeedHead.soundSpeedSquared(fromRawOutput: -1000) == 1)
        #expect(SoundSpeedHead.logSoundSpeedSquared(fromRawOutput: 1000) == -1000)
        #expect(abs(SoundSpeedHead.soundSpeedSquared(fromRawOutput: 0) - 0.5) <= 1e-16)
    }
}
