/// How the body of a request is delimited (RFC 9112 §6.3).
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}

/// The request line and header fields of a request being parsed, plus the rules that validate them.
struct RequestHead {
    var method = ""
    var target = ""
    var path = ""
    var query: String?
    var version = HTTPVersion.http1_1
    var headers = HTTPHeaders()
    /// Bytes of the header section consumed so far (field lines plus CRLFs).
    var headerBytes = 0
    var keepAlive = true
    var expectsContinue = false

    init() {}

    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    init(requestLine line: ArraySlice<UInt8>) throws(HTTPParseError) {
        let parts = line.split(separator: HTTPSyntax.space, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw HTTPParseError(.badRequest, "request line must be 'method SP target SP version'")
        }
        version = try Self.parseVersion(parts[2])
        guard HTTPSyntax.isToken(parts[0]) else { throw HTTPParseError(.badRequest, "invalid method") }
        method = String(decoding: parts[0], as: UTF8.self)
        guard !parts[1].isEmpty, parts[1].allSatisfy(HTTPSyntax.isTargetByte) else {
            throw HTTPParseError(.badRequest, "invalid request target")
        }
        target = String(decoding: parts[1], as: UTF8.self)
        try checkTargetForm()
        (path, query) = HTTPRequest.splitTarget(target)
    }

    /// Accepts origin-form, absolute-form (http/https) and `OPTIONS *`; authority-form (CONNECT) is not served.
    private func checkTargetForm() throws(HTTPParseError) {
        if target.hasPrefix("/") { return }
        if target == "*" {
            guard method == "OPTIONS" else { throw HTTPParseError(.badRequest, "asterisk-form is only valid for OPTIONS") }
            return
        }
        let lower = target.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw HTTPParseError(.badRequest, "unsupported request target form")
        }
    }

    /// Parses `HTTP/DIGIT.DIGIT`; only major version 1 is served (1.x with x > 1 is treated as 1.1).
    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), isDigit(text[5]),
            text[6] == UInt8(ascii: "."), isDigit(text[7])
        else {
            throw HTTPParseError(.badRequest, "malformed HTTP version")
        }
        let major = Int(text[5] - UInt8(ascii: "0"))
        let minor = Int(text[7] - UInt8(ascii: "0"))
        guard major == 1 else { throw HTTPParseError(.unsupportedVersion, "only HTTP/1.x is supported") }
        return HTTPVersion(major: 1, minor: min(minor, 1))
    }

    /// Applies the header rules (Host, Connection, Expect, body framing) and returns the framing.
    mutating func validate(limits: HTTPParserLimits) throws(HTTPParseError) -> BodyFraming {
        let hosts = headers.values(named: "Host")
        if hosts.count > 1 { throw HTTPParseError(.badRequest, "more than one Host header") }
        if hosts.isEmpty && version == .http1_1 { throw HTTPParseError(.badRequest, "missing Host header") }
        if let host = hosts.first, host.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") }) {
            throw HTTPParseError(.badRequest, "invalid Host header")
        }

        let connection = headers.tokens(named: "Connection")
        keepAlive = version == .http1_1 ? !connection.contains("close") : connection.contains("keep-alive") && !connection.contains("close")

        if let expect = headers["Expect"] {
            guard expect.lowercased() == "100-continue" else {
                throw HTTPParseError(.unsupportedExpectation, "only 'Expect: 100-continue' is supported")
            }
            expectsContinue = version == .http1_1
        }
        return try bodyFraming(limits: limits)
    }

    private func bodyFraming(limits: HTTPParserLimits) throws(HTTPParseError) -> BodyFraming {
        let hasLength = headers.contains("Content-Length")
        if headers.contains("Transfer-Encoding") {
            guard !hasLength else {
                throw HTTPParseError(.badRequest, "both Transfer-Encoding and Content-Length present")
            }
            guard version == .http1_1 else {
                throw HTTPParseError(.badRequest, "Transfer-Encoding in an HTTP/1.0 request")
            }
            let codings = headers.tokens(named: "Transfer-Encoding")
            guard codings.last == "chunked", codings.filter({ $0 == "chunked" }).count == 1 else {
                throw HTTPParseError(.badRequest, "chunked must be the final transfer coding, applied once")
            }
            guard codings.count == 1 else {
                throw HTTPParseError(.unsupportedTransferCoding, "only the chunked transfer coding is supported")
            }
            return .chunked
        }
        guard hasLength else { return .none }
        let values = headers.values(named: "Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var length: Int?
        for raw in values {
            let text = raw.trimmingOWS()
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let value = text.count <= 18 ? Int(text) : nil
            else {
                throw HTTPParseError(.badRequest, "invalid Content-Length")
            }
            guard length == nil || length == value else {
                throw HTTPParseError(.badRequest, "conflicting Content-Length values")
            }
            length = value
        }
        let bodyLength = length ?? 0
        guard bodyLength <= limits.maxBodyBytes else {
            throw HTTPParseError(.bodyTooLarge, "body of \(bodyLength) bytes exceeds \(limits.maxBodyBytes)")
        }
        return bodyLength == 0 ? .none : .length(bodyLength)
    }
}
