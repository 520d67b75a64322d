/// Why a request could not be parsed; maps to the status and stable error code the server answers with.
///
/// After any parse error the server answers and closes the connection, because framing is lost.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: Sendable, Equatable {
        /// Malformed syntax or a framing rule of RFC 9112 was violated (400).
        case badRequest
        /// The request line exceeds ``HTTPParserLimits/maxRequestLineBytes`` (414).
        case requestLineTooLong
        /// The header (or trailer) section exceeds the byte or field-count limit (431).
        case headersTooLarge
        /// The body exceeds ``HTTPParserLimits/maxBodyBytes`` (413).
        case bodyTooLarge
        /// A transfer coding other than `chunked` was used (501).
        case unsupportedTransferCoding
        /// An `Expect` value other than `100-continue` (417).
        case unsupportedExpectation
        /// A major version other than 1 (505).
        case unsupportedVersion
    }

    /// The category of failure.
    public var kind: Kind
    /// A human-readable explanation (safe to send to the client).
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The response status for this error.
    public var status: Int {
        switch kind {
        case .badRequest: 400
        case .requestLineTooLong: 414
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedTransferCoding: 501
        case .unsupportedExpectation: 417
        case .unsupportedVersion: 505
        }
    }

    /// The stable error code used in the JSON error body.
    public var code: String {
        switch kind {
        case .badRequest: "bad_request"
        case .requestLineTooLong: "uri_too_long"
        case .headersTooLarge: "header_fields_too_large"
        case .bodyTooLarge: "payload_too_large"
        case .unsupportedTransferCoding: "not_implemented"
        case .unsupportedExpectation: "expectation_failed"
        case .unsupportedVersion: "http_version_not_supported"
        }
    }

    public var description: String { "\(status) \(code): \(message)" }
}
