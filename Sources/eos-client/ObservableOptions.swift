import APIModels
import ArgumentParser

/// The observables options of `decode` and `batch`: stars at masses, binaries, densities, extra quantities.
struct ObservableOptions: ParsableArguments {
    @Option(help: "Star masses [Msun], comma list: radius, Lambda, k2, compactness and central pressure of each star.")
    var masses: String?

    @Option(
        name: .customLong("binary"), parsing: .unconditionalSingleValue,
        help: "A binary m1:m2 [Msun] (repeat for more): Lambda1, Lambda2, Lambda-tilde and delta-Lambda-tilde.")
    var binaries: [String] = []

    @Option(help: "Baryon densities [fm^-3], comma list: pressure, energy density and cs2 of the EOS there.")
    var densities: String?

    @Option(help: "Extra star quantities, comma list: moment_of_inertia (10^45 g cm^2), baryon_mass (Msun).")
    var quantities: String?

    func validate() throws {
        _ = try request()
    }

    /// The request's `observables`, or nil when no option was given.
    func request() throws -> ObservablesRequest? {
        guard masses != nil || !binaries.isEmpty || densities != nil || quantities != nil else { return nil }
        let pairs = try binaries.map { text -> BinaryMassesInput in
            let parts = text.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let m1 = parts[0], let m2 = parts[1], m1.isFinite, m2.isFinite else {
                throw ValidationError("--binary: '\(text)' is not m1:m2 (two numbers in Msun, e.g. 1.46:1.27)")
            }
            return BinaryMassesInput(m1: m1, m2: m2)
        }
        let names = try (quantities ?? "").split(separator: ",").map { text -> StarQuantityName in
            let name = text.trimmingCharacters(in: .whitespaces)
            guard let quantity = StarQuantityName(rawValue: name) else {
                throw ValidationError(
                    "--quantities: '\(name)' is not one of \(StarQuantityName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return quantity
        }
        return ObservablesRequest(
            masses: try Self.numbers(masses, option: "--masses"), binaries: pairs.isEmpty ? nil : pairs,
            densities: try Self.numbers(densities, option: "--densities"),
            quantities: names.isEmpty ? nil : names)
    }

    private static func numbers(_ text: String?, option: String) throws -> [Double]? {
        guard let text else { return nil }
        return try text.split(separator: ",").map { field in
            guard let value = Double(field.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ValidationError("\(option): '\(field)' is not a finite number")
            }
            return value
        }
    }
}

/// `--exact` and `--exact-tolerance` of `decode` and `batch`.
struct ConditioningOptions: ParsableArguments {
    @Flag(help: "Exact conditioning: the server adjusts the decoder's inputs until the solved M_max and R_1.4 equal the requested ones.")
    var exact = false

    @Option(help: "Relative tolerance of --exact (server default 1e-5, allowed 1e-7...1e-2).")
    var exactTolerance: Double?

    func validate() throws {
        if exactTolerance != nil && !exact { throw ValidationError("--exact-tolerance needs --exact") }
    }

    /// The request's `conditioning`, or nil for the server's default (network).
    var mode: Conditioning? { exact ? .exact : nil }
}
