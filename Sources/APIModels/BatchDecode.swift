/// `POST /v1/decode/batch`: many latent points in one request.
///
/// JSON: `{"points": [{"m_max": 2.05, "r_14": 11.75}, …], "include": "scalars", "mr_points": 20}`.
public struct BatchDecodeRequest: Codable, Sendable, Equatable {
    /// The points, answered in this order.
    public var points: [LatentPointInput]
    /// What each result holds; absent means ``BatchInclude/full``.
    public var include: BatchInclude?
    /// Points of each EOS table (full results only); absent means the server default.
    public var eosPoints: Int?
    /// Stars on each mass–radius curve; absent means the server default.
    public var massRadiusPoints: Int?

    enum CodingKeys: String, CodingKey {
        case points, include, eosPoints = "eos_points", massRadiusPoints = "mr_points"
    }

    /// A batch request.
    public init(points: [LatentPointInput], include: BatchInclude? = nil, eosPoints: Int? = nil, massRadiusPoints: Int? = nil) {
        self.points = points
        self.include = include
        self.eosPoints = eosPoints
        self.massRadiusPoints = massRadiusPoints
    }
}

/// How much of each decoded EOS a batch returns.
public enum BatchInclude: String, Codable, Sendable, CaseIterable {
    /// Everything `/v1/decode` returns.
    case full
    /// Only `m_max`, `r_14`, `lambda_14` and the mass–radius curve (small, fast answers for samplers).
    case scalars
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
