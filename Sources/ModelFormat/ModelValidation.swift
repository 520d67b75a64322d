import Foundation
import NeuralNetwork

/// Checks applied when loading: JSON structure, format version, architecture, scalers, statistics and tensors.
enum ModelValidation {
    static func document(from data: Data, file: String) throws(ModelFormatError) -> ModelDocument {
        struct VersionProbe: Decodable { let formatVersion: Int }
        let decoder = JSONDecoder()
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).formatVersion
        } catch {
            throw .malformedJSON(file: file, reason: describe(error))
        }
        guard version == ModelDocument.currentFormatVersion else {
            throw .unsupportedFormatVersion(found: version, supported: ModelDocument.currentFormatVersion, file: file)
        }
        let document: ModelDocument
        do {
            document = try decoder.decode(ModelDocument.self, from: data)
        } catch {
            throw .malformedJSON(file: file, reason: describe(error))
        }
        if let problem = document.architecture.problem {
            throw .invalidField(field: "architecture", reason: problem, file: file)
        }
        guard document.metadata.training.configuration.architecture == document.architecture else {
            throw .invalidField(
                field: "metadata.training.configuration.architecture",
                reason: "differs from the top-level architecture", file: file)
        }
        return document
    }

    /// The flat parameter vector, after checking names, shapes and finiteness of every tensor.
    static func parameters(
        from tensors: [NamedTensor], architecture: VAEArchitecture,
        file: String
    ) throws(ModelFormatError) -> [Float] {
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let layout = architecture.tensors
        let expectedNames = Set(layout.map(\.name))
        if let extra = tensors.map(\.name).sorted().first(where: { !expectedNames.contains($0) }) {
            throw .unexpectedTensor(tensor: extra, file: file)
        }
        var parameters = [Float](repeating: 0, count: architecture.parameterCount)
        for expected in layout {
            guard let tensor = byName[expected.name] else { throw .missingTensor(tensor: expected.name, file: file) }
            guard tensor.shape == expected.shape else {
                throw .shapeMismatch(tensor: expected.name, expected: expected.shape, actual: tensor.shape, file: file)
            }
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteWeight(tensor: expected.name, index: index, file: file)
            }
            parameters.replaceSubrange(expected.range, with: tensor.values)
        }
        return parameters
    }

    /// The validated model and metadata.
    static func bundle(document: ModelDocument, parameters: [Float], file: String) throws(ModelFormatError) -> ModelBundle {
        let architecture = document.architecture, metadata = document.metadata
        let inputScaler = try scaler(document.inputScaler, field: "inputScaler", columns: architecture.inputCount, file: file)
        let labelScaler = try scaler(
            document.labelScaler, field: "labelScaler",
            columns: architecture.supervisedLatentCount, file: file)
        let statistics = document.latentStatistics
        try checkFinite(statistics.latentMeans, count: architecture.latentCount, field: "latentStatistics.latentMeans", file: file)
        try checkFinite(
            statistics.latentStandardDeviations, count: architecture.latentCount,
            field: "latentStatistics.latentStandardDeviations", file: file)
        try checkFinite(
            statistics.labelMinimums, count: architecture.supervisedLatentCount,
            field: "latentStatistics.labelMinimums", file: file)
        try checkFinite(
            statistics.labelMaximums, count: architecture.supervisedLatentCount,
            field: "latentStatistics.labelMaximums", file: file)
        if let support = statistics.support,
            let problem = support.problem(dimension: architecture.supervisedLatentCount + architecture.latentCount)
        {
            throw .invalidField(field: "latentStatistics.support.\(problem.field)", reason: problem.reason, file: file)
        }
        try checkCount(metadata.columns.count, expected: architecture.inputCount, field: "metadata.columns", file: file)
        try checkCount(
            metadata.labelColumns.count, expected: architecture.supervisedLatentCount,
            field: "metadata.labelColumns", file: file)
        try checkCount(
            metadata.pressureGrid.pointCount, expected: architecture.soundSpeedCount,
            field: "metadata.pressureGrid.pointCount", file: file)
        if let name = metadata.metrics.keys.sorted().first(where: { !metadata.metrics[$0]!.isFinite }) {
            throw .invalidField(field: "metadata.metrics.\(name)", reason: "not finite", file: file)
        }
        do {
            let model = try VAEModel(
                architecture: architecture, parameters: parameters, inputScaler: inputScaler,
                labelScaler: labelScaler, latentStatistics: statistics)
            return ModelBundle(model: model, metadata: metadata)
        } catch {
            throw .invalidField(field: "model", reason: error.description, file: file)
        }
    }

    private static func scaler(
        _ record: ScalerRecord, field: String, columns: Int,
        file: String
    ) throws(ModelFormatError) -> StandardScaler {
        try checkCount(record.means.count, expected: columns, field: field + ".means", file: file)
        try checkCount(record.standardDeviations.count, expected: columns, field: field + ".standardDeviations", file: file)
        do {
            return try StandardScaler(means: record.means, standardDeviations: record.standardDeviations)
        } catch {
            throw .invalidField(field: field, reason: error.description, file: file)
        }
    }

    private static func checkFinite(_ values: [Double], count: Int, field: String, file: String) throws(ModelFormatError) {
        try checkCount(values.count, expected: count, field: field, file: file)
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidField(field: "\(field)[\(index)]", reason: "not finite", file: file)
        }
    }

    private static func checkCount(_ actual: Int, expected: Int, field: String, file: String) throws(ModelFormatError) {
        guard actual == expected else {
            throw .invalidField(field: field, reason: "has \(actual) entries, expected \(expected)", file: file)
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing key \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
