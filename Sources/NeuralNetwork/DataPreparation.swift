import Foundation

/// Validation and conversion of raw EOS vectors and labels into the network's scaled `Float` rows.
enum DataPreparation {
    /// Natural logarithms of raw EOS vectors, after checking shape, finiteness and positivity.
    static func logarithms(of vectors: [[Double]], columnCount: Int, dataset: String) throws(NeuralNetworkError) -> [[Double]] {
        try checkShape(vectors, columnCount: columnCount, dataset: dataset)
        var result: [[Double]] = []
        result.reserveCapacity(vectors.count)
        for (row, vector) in vectors.enumerated() {
            for (column, value) in vector.enumerated() where !(value > 0) {
                throw .nonPositiveValue(dataset: dataset, row: row, column: column, value: value)
            }
            result.append(vector.map { log($0) })
        }
        return result
    }

    /// Checks every row has `columnCount` finite values.
    static func checkShape(_ rows: [[Double]], columnCount: Int, dataset: String) throws(NeuralNetworkError) {
        for (row, values) in rows.enumerated() {
            guard values.count == columnCount else {
                throw .wrongColumnCount(dataset: dataset, row: row, expected: columnCount, actual: values.count)
            }
            if let column = values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(dataset: dataset, row: row, column: column)
            }
        }
    }

    /// Checks a data set is non-empty and its vectors and labels pair up.
    static func checkPairing(vectors: Int, labels: Int, dataset: String) throws(NeuralNetworkError) {
        guard vectors > 0 else { throw .emptyDataset(dataset: dataset) }
        guard vectors == labels else { throw .rowCountMismatch(dataset: dataset, vectors: vectors, labels: labels) }
    }

    /// Scaled rows flattened row-major into `Float`.
    static func scaledFlat(_ rows: [[Double]], scaler: StandardScaler) -> [Float] {
        var result: [Float] = []
        result.reserveCapacity(rows.count * scaler.columnCount)
        for row in rows {
            for column in 0..<scaler.columnCount {
                result.append(Float((row[column] - scaler.means[column]) / scaler.standardDeviations[column]))
            }
        }
        return result
    }

    /// Fits a scaler, wrapping its failure with the scaler's name.
    static func fitScaler(_ rows: [[Double]], name: String) throws(NeuralNetworkError) -> StandardScaler {
        do {
            return try StandardScaler(fitting: rows)
        } catch {
            throw .scaler(name: name, error)
        }
    }
}

/// A scaled, validated data set ready for the network (row-major `Float`).
struct PreparedDataset {
    let rowCount: Int
    let inputs: [Float]
    let labels: [Float]

    init(
        vectors: [[Double]], labels: [[Double]], architecture: VAEArchitecture,
        inputScaler: StandardScaler, labelScaler: StandardScaler, dataset: String
    ) throws(NeuralNetworkError) {
        try DataPreparation.checkPairing(vectors: vectors.count, labels: labels.count, dataset: dataset)
        let logs = try DataPreparation.logarithms(of: vectors, columnCount: architecture.inputCount, dataset: dataset)
        try DataPreparation.checkShape(labels, columnCount: architecture.supervisedLatentCount, dataset: dataset + " labels")
        rowCount = vectors.count
        inputs = DataPreparation.scaledFlat(logs, scaler: inputScaler)
        self.labels = DataPreparation.scaledFlat(labels, scaler: labelScaler)
    }
}
