/// The body of every error response: `{"error": {"code": "...", "message": "...", "field": "..."}}`.
public struct APIErrorBody: Codable, Sendable, Equatable {
    /// The error.
    public var error: APIErrorDetail

    /// Wraps one error.
    public init(error: APIErrorDetail) {
        self.error = error
    }
}

/// One error: a stable machine-readable code, a human-readable message naming the field and its allowed
/// range where one applies, and the offending field's JSON path (e.g. `points[3].r_14`) when there is one.
public struct APIErrorDetail: Codable, Sendable, Equatable, Error {
    /// Stable code, e.g. `out_of_range`, `malformed_json`, `decode_failed` (see openapi.yaml for the list).
    public var code: String
    /// Explanation for people; never contains internal error text.
    public var message: String
    /// JSON path of the offending request field, absent when the error is not about one field.
    public var field: String?

    /// An error detail.
    public init(code: String, message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }
}
