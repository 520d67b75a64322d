import APIModels
import Foundation

/// The text format of a points file.
package enum PointFileFormat: String, Sendable, CaseIterable {
    /// Comma-separated values: `m_max,r_14,z0,z1,…` with an optional header row.
    case csv
    /// One JSON object per line: `{"m_max": 2.05, "r_14": 11.75, "z": [0.1]}`.
    case jsonl
}

/// Reads latent points and EOS vectors from the files `eos-client` accepts. Every error names the line.
package enum InputFiles {
    /// Reads a whole file, or standard input for `-`.
    package static func read(_ path: String) throws(EOSClientError) -> String {
        if path == "-" {
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .invalidInput(message: "cannot read \(path): \((error as NSError).localizedDescription)")
        }
    }

    /// The format of `text`: JSON lines when the first non-blank, non-comment character is `{`, else CSV.
    package static func detectFormat(_ text: String) -> PointFileFormat {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            return trimmed.hasPrefix("{") ? .jsonl : .csv
        }
        return .csv
    }

    /// Parses latent points.
    ///
    /// CSV: blank lines and lines starting with `#` are skipped. With a header row (any non-numeric field in the
    /// first row), columns are found by name: `m_max` (or `mmax`), `r_14` (or `r14`, `r_1.4`), and every column
    /// whose name starts with `z` (`z`, `z0`, `z_1`, …) in order; the point's observables come from the columns whose
    /// name starts with `mass` (star masses [M☉], in order), `m1` and `m2` (one binary) and `n_b` (baryon densities
    /// [fm⁻³], in order); other columns are ignored. Without a header the columns are `m_max, r_14, z0, z1, …`; rows
    /// without z use the model's mean z. Empty cells are left out.
    /// JSON lines: one ``LatentPointInput`` object per line (with its own `observables` if any).
    package static func parsePoints(
        _ text: String, format: PointFileFormat? = nil, source: String = "input"
    ) throws(EOSClientError) -> [LatentPointInput] {
        switch format ?? detectFormat(text) {
        case .csv: try parseCSVPoints(text, source: source)
        case .jsonl: try parseJSONLinesPoints(text, source: source)
        }
    }

    static func parseJSONLinesPoints(_ text: String, source: String) throws(EOSClientError) -> [LatentPointInput] {
        var points: [LatentPointInput] = []
        let decoder = JSONDecoder()
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                points.append(try decoder.decode(LatentPointInput.self, from: Data(trimmed.utf8)))
            } catch {
                throw .invalidInput(
                    message: "\(source) line \(number + 1): expected {\"m_max\": …, \"r_14\": …, \"z\": […]} (\(describe(error)))")
            }
        }
        return points
    }

    static func parseCSVPoints(_ text: String, source: String) throws(EOSClientError) -> [LatentPointInput] {
        var points: [LatentPointInput] = []
        var columns: CSVColumns?
        var headerSeen = false
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            if !headerSeen {
                headerSeen = true
                if fields.contains(where: { Double($0) == nil }) {
                    columns = try headerColumns(fields, source: source, line: number + 1)
                    continue
                }
            }
            let layout = columns ?? CSVColumns(mMax: 0, r14: 1, z: Array(2..<max(2, fields.count)))
            func value(_ column: Int, _ name: String) throws(EOSClientError) -> Double {
                guard column < fields.count else {
                    throw .invalidInput(message: "\(source) line \(number + 1): missing column \(name)")
                }
                guard let number = Double(fields[column]), number.isFinite else {
                    throw .invalidInput(message: "\(source) line \(number + 1): column \(name): '\(fields[column])' is not a finite number")
                }
                return number
            }
            let mMax = try value(layout.mMax, "m_max")
            let r14 = try value(layout.r14, "r_14")
            func values(_ columns: [Int], _ name: String) throws(EOSClientError) -> [Double] {
                var result: [Double] = []
                for (position, column) in columns.enumerated() where column < fields.count && !fields[column].isEmpty {
                    result.append(try value(column, "\(name)\(position)"))
                }
                return result
            }
            let z = try values(layout.z, "z")
            let masses = try values(layout.masses, "mass"), densities = try values(layout.densities, "n_b")
            var binary: [Double] = []
            for (position, column) in layout.binary.enumerated() where column < fields.count && !fields[column].isEmpty {
                binary.append(try value(column, "m\(position + 1)"))
            }
            var observables: ObservablesRequest?
            if !masses.isEmpty || !densities.isEmpty || !binary.isEmpty {
                guard binary.isEmpty || binary.count == 2 else {
                    throw .invalidInput(message: "\(source) line \(number + 1): give both m1 and m2 of the binary, or neither")
                }
                observables = ObservablesRequest(
                    masses: masses.isEmpty ? nil : masses,
                    binaries: binary.isEmpty ? nil : [BinaryMassesInput(m1: binary[0], m2: binary[1])],
                    densities: densities.isEmpty ? nil : densities)
            }
            points.append(LatentPointInput(maximumMass: mMax, radius14: r14, z: z.isEmpty ? nil : z, observables: observables))
        }
        return points
    }

    /// Column positions of a points CSV.
    struct CSVColumns {
        var mMax: Int
        var r14: Int
        var z: [Int]
        var masses: [Int] = []
        var binary: [Int] = []
        var densities: [Int] = []
    }

    static func headerColumns(_ fields: [String], source: String, line: Int) throws(EOSClientError) -> CSVColumns {
        let names = fields.map { $0.lowercased() }
        guard let mMax = names.firstIndex(where: { ["m_max", "mmax", "m_max_msun"].contains($0) }) else {
            throw .invalidInput(message: "\(source) line \(line): header has no m_max column (found: \(fields.joined(separator: ",")))")
        }
        guard let r14 = names.firstIndex(where: { ["r_14", "r14", "r_1.4", "r_14_km"].contains($0) }) else {
            throw .invalidInput(message: "\(source) line \(line): header has no r_14 column (found: \(fields.joined(separator: ",")))")
        }
        let z = names.indices.filter { names[$0].hasPrefix("z") }
        let binary = ["m1", "m2"].compactMap { names.firstIndex(of: $0) }
        return CSVColumns(
            mMax: mMax, r14: r14, z: z, masses: names.indices.filter { names[$0].hasPrefix("mass") },
            binary: binary, densities: names.indices.filter { names[$0].hasPrefix("n_b") })
    }

    /// Parses EOS vectors (107 numbers each) for `/v1/encode`.
    ///
    /// Accepted: a JSON object `{"vector": […]}`, a JSON array of numbers, a JSON array of arrays, JSON lines of
    /// either, or plain text with numbers separated by commas or white space — one vector per line when every
    /// line holds 107 numbers, else all numbers of the file form one vector.
    package static func parseVectors(_ text: String, source: String = "input", length: Int = 107) throws(EOSClientError) -> [[Double]] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidInput(message: "\(source): empty, expected \(length) numbers") }
        var vectors: [[Double]] = []
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            // One JSON document, else JSON lines. Numbers go through JSONDecoder: JSONSerialization can be one ulp
            // off on Linux.
            let shape = "expected {\"vector\": [\(length) numbers]} or a JSON array of \(length) numbers"
            switch decodeVectors(Data(trimmed.utf8)) {
            case .success(let decoded):
                vectors = decoded
            case .failure(.shape):
                throw .invalidInput(message: "\(source): \(shape)")
            case .failure(.syntax):
                let lines = trimmed.split(whereSeparator: \.isNewline)
                for (number, line) in lines.enumerated() {
                    let place = "\(source)\(lines.count > 1 ? " line \(number + 1)" : "")"
                    switch decodeVectors(Data(line.utf8)) {
                    case .success(let decoded): vectors += decoded
                    case .failure(.syntax): throw .invalidInput(message: "\(place): not valid JSON")
                    case .failure(.shape): throw .invalidInput(message: "\(place): \(shape)")
                    }
                }
            }
        } else {
            var rows: [[Double]] = []
            for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let content = line.trimmingCharacters(in: .whitespaces)
                if content.isEmpty || content.hasPrefix("#") { continue }
                var row: [Double] = []
                for field in content.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                    guard let value = Double(field) else {
                        throw .invalidInput(message: "\(source) line \(number + 1): '\(field)' is not a number")
                    }
                    row.append(value)
                }
                rows.append(row)
            }
            vectors = rows.allSatisfy({ $0.count == length }) ? rows : [rows.flatMap { $0 }]
        }
        for (position, vector) in vectors.enumerated() where vector.count != length {
            throw .invalidInput(message: "\(source): vector \(position + 1) has \(vector.count) numbers, expected \(length)")
        }
        return vectors
    }

    /// Parses an EOS table for `/v1/encode`.
    ///
    /// Accepted: JSON — `{"eos": {"n_b": […], "energy_density": […], "pressure": […], "cs2": […]}}`, a whole
    /// `/v1/decode` answer (its `eos` is used), or the columns object alone; or CSV with a header row naming the
    /// columns `n_b` (or `n_b_fm3`, `nb`), `energy_density` (or `energy_density_MeV_fm3`, `epsilon`, `eps`),
    /// `pressure` (or `pressure_MeV_fm3`, `p`) and optionally `cs2` (or `c_s2`), in any order (what
    /// `eos-client decode --format csv` writes); other columns are ignored, blank lines and `#` lines skipped.
    /// Values are checked by the server.
    package static func parseEOSTable(_ text: String, source: String = "input") throws(EOSClientError) -> EncodeEOSTable {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .invalidInput(message: "\(source): empty, expected an EOS table (CSV with a header row, or JSON)")
        }
        if trimmed.hasPrefix("{") {
            struct Wrapped: Decodable { var eos: EncodeEOSTable }
            let data = Data(trimmed.utf8)
            if let wrapped = try? JSONDecoder().decode(Wrapped.self, from: data) { return wrapped.eos }
            do {
                return try JSONDecoder().decode(EncodeEOSTable.self, from: data)
            } catch {
                throw .invalidInput(
                    message:
                        "\(source): expected {\"eos\": {\"n_b\": […], \"energy_density\": […], \"pressure\": […], \"cs2\": […]}} (\(describe(error)))"
                )
            }
        }
        let names: [(key: String, aliases: Set<String>)] = [
            ("n_b", ["n_b", "n_b_fm3", "nb"]),
            ("energy_density", ["energy_density", "energy_density_mev_fm3", "epsilon", "eps"]),
            ("pressure", ["pressure", "pressure_mev_fm3", "p"]),
            ("cs2", ["cs2", "c_s2"]),
        ]
        var columns: [Int?] = []
        var values: [[Double]] = Array(repeating: [], count: names.count)
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            if columns.isEmpty {
                let header = fields.map { $0.lowercased() }
                columns = names.map { name in header.firstIndex(where: name.aliases.contains) }
                for (name, column) in zip(names.prefix(3), columns) where column == nil {
                    throw .invalidInput(
                        message:
                            "\(source) line \(number + 1): the header has no \(name.key) column (need n_b, energy_density, pressure and optionally cs2; found: \(fields.joined(separator: ",")))"
                    )
                }
                continue
            }
            for (index, column) in columns.enumerated() {
                guard let column else { continue }
                guard column < fields.count, let value = Double(fields[column]) else {
                    throw .invalidInput(
                        message:
                            "\(source) line \(number + 1): column \(names[index].key): '\(column < fields.count ? fields[column] : "")' is not a number"
                    )
                }
                values[index].append(value)
            }
        }
        guard !columns.isEmpty else {
            throw .invalidInput(message: "\(source): no header row (need n_b, energy_density, pressure and optionally cs2)")
        }
        return EncodeEOSTable(
            baryonDensity: values[0], energyDensity: values[1], pressure: values[2],
            soundSpeedSquared: columns[3] == nil ? nil : values[3])
    }

    /// Why a JSON document holds no vectors.
    private enum VectorDocumentError: Error {
        /// Not (one) JSON value.
        case syntax
        /// JSON, but neither `{"vector": […]}`, an array of arrays nor an array of numbers.
        case shape
    }

    /// The vectors of one JSON document: `{"vector": […]}`, an array of arrays or an array of numbers.
    private struct VectorDocument: Decodable {
        var vectors: [[Double]]

        private enum Key: String, CodingKey { case vector }

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: Key.self) {
                vectors = [try object.decode([Double].self, forKey: .vector)]
            } else if let rows = try? decoder.singleValueContainer().decode([[Double]].self) {
                vectors = rows
            } else {
                vectors = [try decoder.singleValueContainer().decode([Double].self)]
            }
        }
    }

    private static func decodeVectors(_ data: Data) -> Result<[[Double]], VectorDocumentError> {
        do {
            return .success(try JSONDecoder().decode(VectorDocument.self, from: data).vectors)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            return .failure(.syntax)
        } catch {
            return .failure(.shape)
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
