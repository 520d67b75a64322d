/// A seeded random partition of row indices into training, validation and test sets.
public struct DatasetSplit: Sendable, Equatable, Codable {
    /// Row indices of the training set (sorted).
    public let training: [Int]
    /// Row indices of the validation set (sorted).
    public let validation: [Int]
    /// Row indices of the test set (sorted).
    public let test: [Int]

    /// Shuffles `0..<rowCount` with `seed` and cuts it into fractions (default 70/15/15);
    /// the test set takes what is left after rounding the other two down.
    public init(rowCount: Int, seed: UInt64, trainingFraction: Double = 0.70, validationFraction: Double = 0.15) {
        precondition(
            trainingFraction >= 0 && validationFraction >= 0 && trainingFraction + validationFraction <= 1,
            "split fractions must be non-negative and sum to at most 1")
        var generator = SeededGenerator(seed: seed)
        let order = SeededShuffle.permutation(count: rowCount, using: &generator)
        let trainingCount = Int(Double(rowCount) * trainingFraction)
        let validationCount = Int(Double(rowCount) * validationFraction)
        training = order[0..<trainingCount].sorted()
        validation = order[trainingCount..<(trainingCount + validationCount)].sorted()
        test = order[(trainingCount + validationCount)...].sorted()
    }
}

/// A Fisher–Yates shuffle driven only by ``SeededGenerator`` (independent of the standard library's algorithm).
enum SeededShuffle {
    static func permutation(count: Int, using generator: inout SeededGenerator) -> [Int] {
        var order = Array(0..<count)
        var index = count - 1
        while index > 0 {
            let other = Int(generator.next() % UInt64(index + 1))
            order.swapAt(index, other)
            index -= 1
        }
        return order
    }
}
