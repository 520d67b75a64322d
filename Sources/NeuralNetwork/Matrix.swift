/// A dense row-major matrix of `Float` values (the network's storage type).
public struct Matrix: Sendable, Equatable {
    /// Number of rows (usually the batch dimension).
    public let rowCount: Int
    /// Number of columns (usually the feature dimension).
    public let columnCount: Int
    /// Row-major values: element (r, c) is `values[r * columnCount + c]`.
    public var values: [Float]

    /// A matrix filled with `value`.
    public init(rowCount: Int, columnCount: Int, repeating value: Float = 0) {
        precondition(rowCount >= 0 && columnCount >= 0, "matrix dimensions must be non-negative")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = [Float](repeating: value, count: rowCount * columnCount)
    }

    /// A matrix wrapping existing row-major values; `values.count` must equal `rowCount * columnCount`.
    public init(rowCount: Int, columnCount: Int, values: [Float]) {
        precondition(values.count == rowCount * columnCount, "matrix value count does not match its shape")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    /// A matrix from rows of equal length (converted to `Float`).
    public init(rows: [[Double]], columnCount: Int) {
        precondition(rows.allSatisfy { $0.count == columnCount }, "all rows must have \(columnCount) columns")
        self.init(
            rowCount: rows.count, columnCount: columnCount,
            values: rows.flatMap { row in row.map { Float($0) } })
    }

    /// Element at (`row`, `column`).
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columnCount + column] }
        set { values[row * columnCount + column] = newValue }
    }

    /// The values of one row.
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * columnCount)..<((index + 1) * columnCount)]
    }
}
