import APIModels
import Foundation

/// The latent points of a plot request, read from the query string and checked against the model's ranges.
///
/// Two equivalent forms:
/// - `m_max=2.05&r_14=11.8&z=0.1` — one point; repeat the parameters for more points, the k-th `m_max` going
///   with the k-th `r_14` (and the k-th `z`, if `z` is given at all: then once per point). `z` holds the d latent
///   values separated by commas; without it z is the training mean.
/// - `points=2.05,11.8;2.2,12.4,0.3` — points separated by `;`, each `m_max,r_14` followed by its d z values
///   (or by none: the training mean).
///
/// Error fields name the offending value as the API does: `m_max`, `r_14`, `z[k]` for a single point given by
/// parameters, `points[i].m_max`, `points[i].z[k]`… otherwise.
struct PlotQuery: Sendable, Equatable {
    /// One requested point and the prefix of its fields in error messages (`""` or `points[i].`).
    struct Point: Sendable, Equatable {
        var maximumMass: Double
        var radius14: Double
        var z: [Double]?
        var fieldPrefix: String
    }

    /// Most curves one plot overlays (the colour cycle has 8 colours).
    static let maximumPoints = 8

    /// The query's parameter names.
    static let parameterNames = ["m_max", "r_14", "z", "points"]

    var points: [Point]

    /// Parses `query` (the raw, percent-encoded query string) and validates it against `region`.
    /// - Throws: ``APIProblem`` — 400 `malformed_query`, 422 `missing_field`, `invalid_length`, `out_of_range`.
    init(query: String?, region: TrainingRegionInfo) throws(APIProblem) {
        let pairs = try Self.pairs(query ?? "")
        var values: [String: [String]] = [:]
        for (name, value) in pairs {
            guard Self.parameterNames.contains(name) else {
                throw Self.malformed(
                    "unknown query parameter '\(name)'; allowed: \(Self.parameterNames.joined(separator: ", "))", field: name)
            }
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Self.malformed("query parameter '\(name)' has no value", field: name)
            }
            values[name, default: []].append(value)
        }
        if let list = values["points"] {
            guard values.count == 1 else {
                throw APIProblem(
                    status: 422, code: "invalid_value",
                    message: "give the points either as points=… or as m_max/r_14/z parameters, not both",
                    field: "points")
            }
            guard list.count == 1 else {
                throw Self.malformed("points is given \(list.count) times; separate the points with ';' in one parameter", field: "points")
            }
            points = try Self.points(list[0], latentDimension: region.z.count)
        } else {
            points = try Self.parameterPoints(values)
        }
        guard (1...Self.maximumPoints).contains(points.count) else {
            throw APIProblem(
                status: 422, code: "invalid_length",
                message: "the query holds \(points.count) points; allowed 1...\(Self.maximumPoints)", field: "points")
        }
        for point in points {
            try region.check(maximumMass: point.maximumMass, radius14: point.radius14, z: point.z, prefix: point.fieldPrefix)
        }
    }

    /// Name/value pairs of a query string, percent-decoded (`+` is a space), in order.
    private static func pairs(_ query: String) throws(APIProblem) -> [(String, String)] {
        var result: [(String, String)] = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var decoded: [String] = []
            for part in parts {
                guard let text = part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw Self.malformed("the query holds invalid percent-encoding: '\(pair)'")
                }
                decoded.append(text)
            }
            result.append((decoded[0], decoded.count > 1 ? decoded[1] : ""))
        }
        return result
    }

    /// Points from repeated `m_max`, `r_14` and `z` parameters.
    private static func parameterPoints(_ values: [String: [String]]) throws(APIProblem) -> [Point] {
        guard let masses = values["m_max"] else {
            throw APIProblem(status: 422, code: "missing_field", message: "m_max is required (or give points=…)", field: "m_max")
        }
        guard let radii = values["r_14"] else {
            throw APIProblem(status: 422, code: "missing_field", message: "r_14 is required", field: "r_14")
        }
        guard radii.count == masses.count else {
            throw APIProblem(
                status: 422, code: "invalid_length",
                message: "r_14 is given \(radii.count) times and m_max \(masses.count) times; give one r_14 per m_max",
                field: "r_14")
        }
        let zs = values["z"] ?? []
        guard zs.isEmpty || zs.count == masses.count else {
            throw APIProblem(
                status: 422, code: "invalid_length",
                message: "z is given \(zs.count) times for \(masses.count) points; give it once per point or not at all",
                field: "z")
        }
        var points: [Point] = []
        for index in masses.indices {
            let single = masses.count == 1
            let prefix = single ? "" : "points[\(index)]."
            let name = { (field: String) in prefix + field }
            var z: [Double]?
            if !zs.isEmpty {
                var values: [Double] = []
                for item in zs[index].split(separator: ",", omittingEmptySubsequences: false) {
                    values.append(try number(item, field: name("z")))
                }
                z = values
            }
            points.append(
                Point(
                    maximumMass: try number(masses[index], field: name("m_max")),
                    radius14: try number(radii[index], field: name("r_14")), z: z, fieldPrefix: prefix))
        }
        return points
    }

    /// Points from `points=m,r[,z…];…`.
    private static func points(_ text: String, latentDimension: Int) throws(APIProblem) -> [Point] {
        var points: [Point] = []
        for (index, item) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let field = "points[\(index)]"
            var numbers: [Double] = []
            for value in item.split(separator: ",", omittingEmptySubsequences: false) {
                numbers.append(try number(value, field: field))
            }
            guard numbers.count == 2 || numbers.count == 2 + latentDimension else {
                throw APIProblem(
                    status: 422, code: "invalid_length",
                    message:
                        "\(field) has \(numbers.count) values; expected m_max,r_14 (2 values) or m_max,r_14 and the model's \(latentDimension) z values (\(2 + latentDimension))",
                    field: field)
            }
            points.append(
                Point(
                    maximumMass: numbers[0], radius14: numbers[1],
                    z: numbers.count > 2 ? Array(numbers[2...]) : nil, fieldPrefix: field + "."))
        }
        return points
    }

    /// A decimal number, optionally signed and with an exponent (openapi.yaml's `z` and `points` patterns use it).
    static let numberPattern = #"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"#

    private static func number(_ text: some StringProtocol, field: String) throws(APIProblem) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Swift would also read "nan", "inf" and hexadecimal floats; the API takes JSON numbers only.
        guard trimmed.range(of: "^" + numberPattern + "$", options: .regularExpression) != nil,
            let value = Double(trimmed)
        else {
            throw Self.malformed("\(field) = '\(trimmed)' is not a number", field: field)
        }
        return value
    }

    /// 400 `malformed_query`: the query cannot be read (unknown parameter, empty value, not a number).
    private static func malformed(_ message: String, field: String? = nil) -> APIProblem {
        APIProblem(status: 400, code: "malformed_query", message: message, field: field)
    }
}
