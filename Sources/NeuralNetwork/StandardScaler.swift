/// Per-column standardisation `(x − mean) / std` with population standard deviations.
public struct StandardScaler: Sendable, Equatable, Codable {
    /// Column means.
    public let means: [Double]
    /// Column population standard deviations (all > 0).
    public let standardDeviations: [Double]

    /// Errors raised when a scaler cannot be built.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No rows were given.
        case noRows
        /// A row has the wrong number of columns.
        case ragged(row: Int, expected: Int, actual: Int)
        /// A value is NaN or infinite.
        case nonFinite(row: Int, column: Int)
        /// A column is constant (its standard deviation is zero or not finite).
        case degenerateColumn(column: Int, standardDeviation: Double)
        /// A given mean is NaN or infinite.
        case nonFiniteMean(column: Int)
        /// Means and standard deviations differ in length.
        case lengthMismatch(means: Int, standardDeviations: Int)

        public var description: String {
            switch self {
            case .noRows: return "cannot fit a scaler to zero rows"
            case let .ragged(row, expected, actual): return "row \(row) has \(actual) columns, expected \(expected)"
            case let .nonFinite(row, column): return "value at row \(row), column \(column) is not finite"
            case let .degenerateColumn(column, std): return "column \(column) has standard deviation \(std); it must be positive"
            case let .nonFiniteMean(column): return "mean of column \(column) is not finite"
            case let .lengthMismatch(means, stds): return "\(means) means but \(stds) standard deviations"
            }
        }
    }

    /// A scaler with given statistics; every standard deviation must be finite and positive.
    public init(means: [Double], standardDeviations: [Double]) throws(Failure) {
        guard means.count == standardDeviations.count else {
            throw .lengthMismatch(means: means.count, standardDeviations: standardDeviations.count)
        }
        for (column, std) in standardDeviations.enumerated() where !(std.isFinite && std > 0) {
            throw .degenerateColumn(column: column, standardDeviation: std)
        }
        for (column, mean) in means.enumerated() where !mean.isFinite {
            throw .nonFiniteMean(column: column)
        }
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// Fits means and population standard deviations (divisor n) to `rows`.
    public init(fitting rows: [[Double]]) throws(Failure) {
        guard let first = rows.first else { throw .noRows }
        let columnCount = first.count
        var sums = [Double](repeating: 0, count: columnCount)
        for (index, row) in rows.enumerated() {
            guard row.count == columnCount else { throw .ragged(row: index, expected: columnCount, actual: row.count) }
            for column in 0..<columnCount {
                guard row[column].isFinite else { throw .nonFinite(row: index, column: column) }
                sums[column] += row[column]
            }
        }
        let count = Double(rows.count)
        let means = sums.map { $0 / count }
        var squares = [Double](repeating: 0, count: columnCount)
        for row in rows {
            for column in 0..<columnCount {
                let deviation = row[column] - means[column]
                squares[column] += deviation * deviation
            }
        }
        try self.init(means: means, standardDeviations: squares.map { ($0 / count).squareRoot() })
    }

    /// Decodes and validates (the same checks as ``init(means:standardDeviations:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let means = try container.decode([Double].self, forKey: .means)
        let standardDeviations = try container.decode([Double].self, forKey: .standardDeviations)
        do {
            try self.init(means: means, standardDeviations: standardDeviations)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Number of columns.
    public var columnCount: Int { means.count }

    /// `(row − mean) / std` column by column.
    public func transform(_ row: [Double]) -> [Double] {
        precondition(row.count == columnCount, "row has \(row.count) columns, scaler has \(columnCount)")
        return (0..<columnCount).map { (row[$0] - means[$0]) / standardDeviations[$0] }
    }

    /// `scaled · std + mean` column by column.
    public func inverseTransform(_ scaled: [Double]) -> [Double] {
        precondition(scaled.count == columnCount, "row has \(scaled.count) columns, scaler has \(columnCount)")
        return (0..<columnCount).map { scaled[$0] * standardDeviations[$0] + means[$0] }
    }
}
