/// Errors raised by the neural-network API, each naming what was wrong and where.
public enum NeuralNetworkError: Error, Equatable, CustomStringConvertible {
    /// The architecture cannot be built.
    case invalidArchitecture(String)
    /// A data set (named by `dataset`, e.g. "training") has no rows.
    case emptyDataset(dataset: String)
    /// Vectors and labels of a data set differ in row count.
    case rowCountMismatch(dataset: String, vectors: Int, labels: Int)
    /// A row has the wrong number of columns.
    case wrongColumnCount(dataset: String, row: Int, expected: Int, actual: Int)
    /// A value is NaN or infinite.
    case nonFiniteValue(dataset: String, row: Int, column: Int)
    /// A raw EOS value is not positive, so its logarithm does not exist.
    case nonPositiveValue(dataset: String, row: Int, column: Int, value: Double)
    /// A scaler could not be fitted or built.
    case scaler(name: String, StandardScaler.Failure)
    /// A parameter vector has the wrong length for the architecture.
    case parameterCountMismatch(expected: Int, actual: Int)
    /// A parameter is NaN or infinite.
    case nonFiniteParameter(tensor: String, index: Int)
    /// A scaler or statistic has the wrong number of columns.
    case sizeMismatch(what: String, expected: Int, actual: Int)
    /// A snapshot does not belong to this configuration or data.
    case snapshotMismatch(String)
    /// A training configuration value is out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .invalidArchitecture(reason): return "invalid architecture: \(reason)"
        case let .emptyDataset(dataset): return "the \(dataset) data set is empty"
        case let .rowCountMismatch(dataset, vectors, labels):
            return "the \(dataset) data set has \(vectors) vectors but \(labels) label rows"
        case let .wrongColumnCount(dataset, row, expected, actual):
            return "\(dataset) row \(row) has \(actual) columns, expected \(expected)"
        case let .nonFiniteValue(dataset, row, column): return "\(dataset) row \(row), column \(column) is not finite"
        case let .nonPositiveValue(dataset, row, column, value):
            return "\(dataset) row \(row), column \(column) is \(value); EOS values must be positive to take logarithms"
        case let .scaler(name, failure): return "\(name) scaler: \(failure)"
        case let .parameterCountMismatch(expected, actual): return "expected \(expected) parameters, got \(actual)"
        case let .nonFiniteParameter(tensor, index): return "parameter \(index) of \(tensor) is not finite"
        case let .sizeMismatch(what, expected, actual): return "\(what) has \(actual) entries, expected \(expected)"
        case let .snapshotMismatch(reason): return "snapshot does not match this trainer: \(reason)"
        case let .invalidConfiguration(reason): return "invalid training configuration: \(reason)"
        }
    }
}
