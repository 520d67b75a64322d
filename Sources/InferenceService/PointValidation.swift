import APIModels
import EOSDecoding

/// Checks request values against the model's accepted ranges and the server's limits (422 naming the field).
struct PointValidation: Sendable {
    let model: ServedModel
    let configuration: ServiceConfiguration

    /// The decoding request for a point; `prefix` is its JSON path (`""` or `points[3].`).
    func request(for point: LatentPointInput, prefix: String = "") throws(APIProblem) -> DecodingRequest {
        try check(prefix + "m_max", point.maximumMass, model.maximumMassRange, unit: "Msun")
        try check(prefix + "r_14", point.radius14, model.radius14Range, unit: "km")
        if let z = point.z {
            guard z.count == model.latentDimension else {
                throw APIProblem(status: 422, code: "invalid_length",
                                 message: "\(prefix)z has \(z.count) values; the model has \(model.latentDimension) latent dimensions",
                                 field: prefix + "z")
            }
            for (index, value) in z.enumerated() {
                try check("\(prefix)z[\(index)]", value, model.zRanges[index])
            }
        }
        return DecodingRequest(maximumMassMsun: point.maximumMass, radius14Km: point.radius14, z: point.z)
    }

    /// The EOS table size: the request's `eos_points` or the default, within 2…max.
    func eosPoints(_ value: Int?) throws(APIProblem) -> Int {
        let count = value ?? configuration.defaultEOSPoints
        guard (2...configuration.maxEOSPoints).contains(count) else {
            throw .outOfRange("eos_points", value: count, range: 2...configuration.maxEOSPoints)
        }
        return count
    }

    /// The mass–radius curve size: the request's `mr_points` or the default, within 2…max.
    func massRadiusPoints(_ value: Int?) throws(APIProblem) -> Int {
        let count = value ?? configuration.defaultMassRadiusPoints
        guard (2...configuration.maxMassRadiusPoints).contains(count) else {
            throw .outOfRange("mr_points", value: count, range: 2...configuration.maxMassRadiusPoints)
        }
        return count
    }

    /// The number of points of a batch, within 1…max.
    func batchSize(_ count: Int, field: String) throws(APIProblem) {
        guard (1...configuration.maxBatchPoints).contains(count) else {
            throw APIProblem(status: 422, code: "invalid_length",
                             message: "\(field) holds \(count) points; allowed 1...\(configuration.maxBatchPoints)", field: field)
        }
    }

    private func check(_ field: String, _ value: Double, _ range: ClosedRange<Double>, unit: String = "") throws(APIProblem) {
        guard value.isFinite, range.contains(value) else {
            throw .outOfRange(field, value: value, range: range, unit: unit)
        }
    }
}
