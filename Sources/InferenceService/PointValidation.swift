import APIModels
import EOSDecoding
import NeutronStarPhysics

/// Checks request values against the model's accepted ranges (``TrainingRegionInfo/check(maximumMass:radius14:z:prefix:)``,
/// shared with the explorer) and the server's limits (422 naming the field).
struct PointValidation: Sendable {
    let model: ServedModel
    let configuration: ServiceConfiguration

    /// The decoding request for a point; `prefix` is its JSON path (`""` or `points[3].`).
    func request(for point: LatentPointInput, prefix: String = "") throws(APIProblem) -> DecodingRequest {
        try model.info.trainingRegion.check(maximumMass: point.maximumMass, radius14: point.radius14, z: point.z, prefix: prefix)
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

    /// At most this many masses, binaries and densities each in one point's `observables`.
    static let maxObservableEntries = 64
    /// Largest mass accepted in `observables` [M☉] (masses lie in (0, this]).
    static let maxObservableMass = 3.5

    /// The observables query of a point (`nil` when none is asked); `prefix` is the point's JSON path.
    /// Masses lie in (0, 3.5] M☉ and densities are positive; whether a density lies inside the decoded EOS is known
    /// only after decoding (``DecodedEOS/observables(_:)``).
    func observables(_ input: ObservablesRequest?, prefix: String = "") throws(APIProblem) -> ObservablesQuery? {
        guard let input else { return nil }
        let field = prefix + "observables."
        let masses = input.masses ?? [], binaries = input.binaries ?? [], densities = input.densities ?? []
        for (name, count) in [("masses", masses.count), ("binaries", binaries.count), ("densities", densities.count)] {
            guard count <= Self.maxObservableEntries else {
                throw APIProblem(
                    status: 422, code: "invalid_length",
                    message: "\(field)\(name) has \(count) entries; allowed 0...\(Self.maxObservableEntries)",
                    field: field + name)
            }
        }
        for (index, mass) in masses.enumerated() { try checkMass(mass, field: "\(field)masses[\(index)]") }
        for (index, pair) in binaries.enumerated() {
            try checkMass(pair.m1, field: "\(field)binaries[\(index)].m1")
            try checkMass(pair.m2, field: "\(field)binaries[\(index)].m2")
        }
        for (index, density) in densities.enumerated() where !(density.isFinite && density > 0) {
            throw APIProblem(
                status: 422, code: "out_of_range",
                message: "\(field)densities[\(index)] = \(density) fm^-3 must be positive and finite (and inside the decoded EOS)",
                field: "\(field)densities[\(index)]")
        }
        var quantities: StarQuantities = []
        for name in input.quantities ?? [] {
            switch name {
            case .momentOfInertia: quantities.insert(.momentOfInertia)
            case .baryonMass: quantities.insert(.baryonMass)
            case .radius, .lambda, .k2, .compactness: break  // come with every star
            }
        }
        return ObservablesQuery(
            masses: masses, binaries: binaries.map { BinaryMasses(mass1Msun: $0.m1, mass2Msun: $0.m2) },
            densities: densities, quantities: quantities)
    }

    /// The exact-conditioning settings of a request (`nil` for network conditioning, the default).
    func conditioning(_ mode: Conditioning?, tolerance: Double?) throws(APIProblem) -> ExactConditioning? {
        guard mode == .exact else {
            if tolerance != nil {
                throw APIProblem(
                    status: 422, code: "invalid_value",
                    message: "conditioning_tolerance applies only with \"conditioning\": \"exact\"", field: "conditioning_tolerance")
            }
            return nil
        }
        let value = tolerance ?? ExactConditioning().relativeTolerance
        guard value.isFinite, ExactConditioning.toleranceRange.contains(value) else {
            throw .outOfRange("conditioning_tolerance", value: value, range: ExactConditioning.toleranceRange)
        }
        return ExactConditioning(relativeTolerance: value)
    }

    private func checkMass(_ mass: Double, field: String) throws(APIProblem) {
        guard mass.isFinite, mass > 0, mass <= Self.maxObservableMass else {
            throw APIProblem(
                status: 422, code: "out_of_range",
                message: "\(field) = \(mass) Msun is outside the allowed range (0, \(Self.maxObservableMass)] Msun",
                field: field)
        }
    }

    /// The number of points of a batch, within 1…max.
    func batchSize(_ count: Int, field: String) throws(APIProblem) {
        guard (1...configuration.maxBatchPoints).contains(count) else {
            throw APIProblem(
                status: 422, code: "invalid_length",
                message: "\(field) holds \(count) points; allowed 1...\(configuration.maxBatchPoints)", field: field)
        }
    }
}
