extension TrainingRegionInfo {
    /// Checks a latent point (M_max [M☉], R_1.4 [km], optional z) against the accepted ranges: the one set of rules
    /// for every endpoint that takes a point (`/v1/decode`, the batch, the explorer's plots).
    ///
    /// - Parameter prefix: the point's JSON path in error fields (`""` or `points[3].`).
    /// - Throws: ``APIProblem`` 422 `out_of_range` naming the field (`m_max`, `r_14`, `z[k]`) and its allowed range
    ///   (also for a non-finite value), or 422 `invalid_length` when z does not have one value per latent dimension.
    public func check(maximumMass: Double, radius14: Double, z: [Double]?, prefix: String = "") throws(APIProblem) {
        try Self.check(prefix + "m_max", maximumMass, self.maximumMass, unit: "Msun")
        try Self.check(prefix + "r_14", radius14, self.radius14, unit: "km")
        guard let z else { return }
        guard z.count == self.z.count else {
            throw APIProblem(
                status: 422, code: "invalid_length",
                message: "\(prefix)z has \(z.count) values; the model has \(self.z.count) latent dimensions",
                field: prefix + "z")
        }
        for (index, (value, limits)) in zip(z, self.z).enumerated() {
            try Self.check("\(prefix)z[\(index)]", value, ValueRange(min: limits.min, max: limits.max))
        }
    }

    private static func check(_ field: String, _ value: Double, _ range: ValueRange, unit: String = "") throws(APIProblem) {
        guard value.isFinite, range.contains(value) else {
            throw .outOfRange(field, value: value, range: range, unit: unit)
        }
    }
}
