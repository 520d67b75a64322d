/// The nine parameters of a standard Skyrme energy density functional with one density-dependent
/// term: t0 [MeV fm³], t1, t2 [MeV fm⁵], t3 [MeV fm^(3+3σ)], x0…x3 (dimensionless), σ.
public struct SkyrmeParameters: Sendable, Equatable, Codable {
    public var t0: Double, t1: Double, t2: Double, t3: Double
    public var x0: Double, x1: Double, x2: Double, x3: Double
    public var sigma: Double

    public init(
        t0: Double, t1: Double, t2: Double, t3: Double,
        x0: Double, x1: Double, x2: Double, x3: Double, sigma: Double
    ) {
        self.t0 = t0; self.t1 = t1; self.t2 = t2; self.t3 = t3
        self.x0 = x0; self.x1 = x1; self.x2 = x2; self.x3 = x3
        self.sigma = sigma
    }

    /// Parameter names in the canonical column order t0, t1, t2, t3, x0, x1, x2, x3, σ.
    public static let columnNames = ["t0", "t1", "t2", "t3", "x0", "x1", "x2", "x3", "sigma"]

    /// The parameters in the canonical column order.
    public var values: [Double] { [t0, t1, t2, t3, x0, x1, x2, x3, sigma] }

    /// Θ_s = 3 t1 + t2 (5 + 4 x2), the isoscalar momentum-dependent coupling [MeV fm⁵].
    public var thetaS: Double { 3 * t1 + t2 * (5 + 4 * x2) }
    /// Θ_v = t1 (2 + x1) + t2 (2 + x2), the isovector momentum-dependent coupling [MeV fm⁵].
    public var thetaV: Double { t1 * (2 + x1) + t2 * (2 + x2) }

    /// Throws unless every parameter is finite and σ > 0.
    public func validate() throws {
        for (name, value) in zip(Self.columnNames, values) where !value.isFinite {
            throw PhysicsError.invalidParameter(name: name, value: value, reason: "must be finite")
        }
        guard sigma > 0 else {
            throw PhysicsError.invalidParameter(name: "sigma", value: sigma, reason: "the density exponent must be positive")
        }
    }

    /// SLy4 (Chabanat, Bonche, Haensel, Meyer & Schaeffer, Nucl. Phys. A 635, 231 (1998)).
    public static let sly4 = SkyrmeParameters(
        t0: -2488.91, t1: 486.82, t2: -546.39, t3: 13777.0,
        x0: 0.834, x1: -0.344, x2: -1.0, x3: 1.354, sigma: 1.0 / 6.0)

    /// Named parameter sets, by lower-cased name.
    public static let named: [String: SkyrmeParameters] = ["sly4": .sly4]

    /// Looks up a named set (case-insensitive); nil if unknown.
    public static func named(_ name: String) -> SkyrmeParameters? { named[name.lowercased()] }
}
