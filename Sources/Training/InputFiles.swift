import Foundation
import NeutronStarPhysics

/// Errors reading user-supplied input files, each naming the file and what is wrong with it.
package struct InputFileError: Error, CustomStringConvertible, Sendable {
    package let path: String
    package let problem: String
    package init(path: String, problem: String) { self.path = path; self.problem = problem }
    package var description: String { "\(path): \(problem)" }
}

/// Readers for the small text and JSON inputs of the command line.
package enum InputFiles {
    /// Reads a file's bytes, with a clear error when it is missing or unreadable. `-` reads standard input.
    package static func data(at path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard FileManager.default.fileExists(atPath: path) else { throw InputFileError(path: path, problem: "no such file") }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputFileError(path: path, problem: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// Parses a Skyrme parameter set from a JSON object with exactly the keys t0, t1, t2, t3, x0, x1, x2, x3, sigma
    /// (MeV and fm units), all finite numbers.
    package static func skyrmeParameters(json data: Data, path: String) throws -> SkyrmeParameters {
        let dict: [String: Double]
        do {
            dict = try JSONDecoder().decode([String: Double].self, from: data)
        } catch DecodingError.typeMismatch(_, let context) {
            if let key = context.codingPath.last?.stringValue {
                throw InputFileError(path: path, problem: "\"\(key)\" must be a finite number")
            }
            throw InputFileError(
                path: path, problem: "expected a JSON object with keys \(SkyrmeParameters.columnNames.joined(separator: ", "))")
        } catch {
            throw InputFileError(
                path: path, problem: "not valid JSON (expected an object with keys \(SkyrmeParameters.columnNames.joined(separator: ", ")))"
            )
        }
        let unknown = Set(dict.keys).subtracting(SkyrmeParameters.columnNames).sorted()
        guard unknown.isEmpty else {
            throw InputFileError(
                path: path,
                problem:
                    "unknown key(s) \(unknown.joined(separator: ", ")); expected \(SkyrmeParameters.columnNames.joined(separator: ", "))")
        }
        var values: [Double] = []
        for key in SkyrmeParameters.columnNames {
            guard let value = dict[key] else { throw InputFileError(path: path, problem: "missing key \"\(key)\"") }
            guard value.isFinite else { throw InputFileError(path: path, problem: "\"\(key)\" must be a finite number") }
            values.append(value)
        }
        return SkyrmeParameters(
            t0: values[0], t1: values[1], t2: values[2], t3: values[3],
            x0: values[4], x1: values[5], x2: values[6], x3: values[7], sigma: values[8])
    }

    /// Parses a 107-vector: 107 numbers, one per line (blank lines and lines starting with # ignored).
    package static func soundSpeedVector(text data: Data, path: String) throws -> SoundSpeedVector {
        guard let text = String(data: data, encoding: .utf8) else { throw InputFileError(path: path, problem: "not UTF-8 text") }
        var values: [Double] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let value = Double(trimmed) else {
                throw InputFileError(path: path, problem: "line \(number + 1) is not a number: \"\(trimmed.prefix(40))\"")
            }
            values.append(value)
        }
        do { return try SoundSpeedVector(values: values) } catch {
            throw InputFileError(path: path, problem: "\(error)")
        }
    }
}
