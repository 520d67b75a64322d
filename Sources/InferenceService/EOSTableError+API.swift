import APIModels
import NeutronStarPhysics

extension EOSTableError {
    /// The request field of a table column (`eos.n_b`, `eos.energy_density`, `eos.pressure`, `eos.cs2`).
    static func field(_ column: Column) -> String {
        switch column {
        case .baryonDensity: "eos.n_b"
        case .energyDensity: "eos.energy_density"
        case .pressure: "eos.pressure"
        case .soundSpeedSquared: "eos.cs2"
        }
    }

    /// The API error: 422 naming the column and row (`eos.pressure[12]`), or `eos` for the table as a whole.
    var apiProblem: APIProblem {
        let code =
            switch kind {
            case .rowCount: "invalid_length"
            case .outOfRange: "out_of_range"
            case .notIncreasing: "not_increasing"
            case .inconsistent: "inconsistent_table"
            case .endsBeforeMaximumMass: "table_ends_before_maximum_mass"
            case .stars: "encode_failed"
            }
        guard let column else { return APIProblem(status: 422, code: code, message: "eos: " + reason, field: "eos") }
        let field = Self.field(column) + (row.map { "[\($0)]" } ?? "")
        return APIProblem(status: 422, code: code, message: field + (value.map { " = \($0)" } ?? "") + " " + reason, field: field)
    }
}
