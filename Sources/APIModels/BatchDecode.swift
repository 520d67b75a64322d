/// `POST /v1/decode/batch`: many latent points in one request.
///
/// JSON: `{"points": [{"m_max": 2.05, "r_14": 11.75}, …], "include": "scalars", "mr_points": 20,
/// "observables": {"masses": [1.4]}}`.
public struct BatchDecodeRequest: Codable, Sendable, Equatable {
    /// The points, answered in this order.
    public var points: [LatentPointInput]
    /// What each result holds; absent means ``DecodeInclude/full``.
    public var include: DecodeInclude?
    /// Points of each EOS table (full results only); absent means the server default.
    public var eosPoints: Int?
    /// Stars on each mass–radius curve; absent means the server default.
    public var massRadiusPoints: Int?
    /// Observables for every point that carries none of its own.
    public var observables: ObservablesRequest?
    /// How every point's EOS matches its requested M_max and R_1.4; absent means ``Conditioning/network``.
    public var conditioning: Conditioning?
    /// Relative tolerance of ``Conditioning/exact`` (default 1e-5, allowed 1e-7...1e-2).
    public var conditioningTolerance: Double?

    enum CodingKeys: String, CodingKey {
        case points, include, eosPoints = "eos_points", massRadiusPoints = "mr_points", observables, conditioning
        case conditioningTolerance = "conditioning_tolerance"
    }

    /// A batch request.
    public init(
        points: [LatentPointInput], include: DecodeInclude? = nil, eosPoints: Int? = nil, massRadiusPoints: Int? = nil,
        observables: ObservablesRequest? = nil, conditioning: Conditioning? = nil, conditioningTolerance: Double? = nil
    ) {
        self.conditioning = conditioning
        self.conditioningTolerance = conditioningTolerance
        self.points = points
        self.include = include
        self.eosPoints = eosPoints
        self.massRadiusPoints = massRadiusPoints
        self.observables = observables
    }
}

/// How much of each decoded EOS a result holds. Every form carries `m_max`, `r_14`, `lambda_14`, the diagnostics
/// (with the conditioning errors) and, when asked, the observables.
public enum DecodeInclude: String, Codable, Sendable, CaseIterable {
    /// Also the EOS table, the raw vector and the mass–radius curve.
    case full
    /// Also the mass–radius curve.
    case scalars
    /// Nothing more: no EOS table and no mass–radius curve are built, only M_TOV and the stars the observables need
    /// are solved (the fast path for likelihoods).
    case observables
}

/// `POST /v1/decode/batch` response: one item per point, in request order.
public struct BatchDecodeResponse: Codable, Sendable, Equatable {
    /// The results.
    public var results: [BatchDecodeItem]

    /// A response.
    public init(results: [BatchDecodeItem]) {
        self.results = results
    }
}

/// One batch result: `{"index": 0, "ok": true, "result": {…}}` or `{"index": 1, "ok": false, "error": {…}}`.
public struct BatchDecodeItem: Codable, Sendable, Equatable {
    /// Position of the point in the request.
    public var index: Int
    /// Whether the point was decoded.
    public var ok: Bool
    /// The decoded EOS when `ok`.
    public var result: DecodeResult?
    /// Why the point failed when not `ok`; `field` is its path, e.g. `points[3].m_max`.
    public var error: APIErrorDetail?

    /// A successful item.
    public init(index: Int, result: DecodeResult) {
        self.index = index
        ok = true
        self.result = result
    }

    /// A failed item.
    public init(index: Int, error: APIErrorDetail) {
        self.index = index
        ok = false
        self.error = error
    }
}
