/// What the parser produced from the bytes fed so far.
public enum HTTPParserEvent: Sendable {
    /// The head of a request with a body is complete and the body has not fully arrived.
    /// `sendContinue` is true when the client sent `Expect: 100-continue` and no body byte has
    /// arrived yet, so the server should answer `100 Continue` now.
    case headComplete(sendContinue: Bool)
    /// A complete request.
    case request(HTTPRequest)
}

/// An incremental, strict HTTP/1.1 request parser (RFC 9112).
///
/// Feed bytes as they arrive with ``feed(_:)`` and call ``next()`` until it returns `nil`
/// (more bytes needed). Pipelined requests come out one by one, in order.
///
/// Strictness choices (all allowed by RFC 9112):
/// - Lines must end in CRLF; a bare LF or a CR not followed by LF is rejected (400).
/// - obs-fold (a field line starting with SP/HTAB, §5.2), whitespace between the start-line and
///   the first field (§2.2), and whitespace between a field name and the colon (§5.1) are rejected (400).
/// - Empty lines before a request line are ignored (up to 16, §2.2).
/// - `Content-Length` must be digits only; repeated values must agree; with `Transfer-Encoding` → 400 (§6.3).
/// - `Transfer-Encoding` must end in `chunked`; any other coding → 501; in HTTP/1.0 → 400.
/// - HTTP/1.1 requests need exactly one `Host`; a repeated `Host` is always 400.
/// - `Expect` other than `100-continue` → 417.
/// After an error the parser stays failed (framing is lost); the connection must be closed.
public struct HTTPRequestParser: Sendable {
    /// The limits this parser enforces.
    public let limits: HTTPParserLimits

    private enum State {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    private var cursor = 0
    /// Bytes before this index (and after `cursor`) are known to contain no LF.
    private var scanFrom = 0
    private var state = State.requestLine
    private var head = RequestHead()
    private var body: [UInt8] = []
    private var trailers = HTTPHeaders()
    private var trailerBytes = 0
    private var emptyLinesSkipped = 0
    private var failure: HTTPParseError?

    private static let maxEmptyLinesBeforeRequest = 16
    private static let maxChunkSizeLineBytes = 1024

    /// Creates a parser enforcing `limits`.
    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// Appends bytes received from the connection.
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        if cursor > 0 && cursor == buffer.count {
            // Everything was consumed: drop it, and the storage too if a large body grew it.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            scanFrom = 0
            cursor = 0
        } else if cursor >= 4096 {
            buffer.removeFirst(cursor)
            scanFrom -= cursor
            cursor = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The path of the request being parsed, once its request line is read (empty before).
    public var currentPath: String { head.path }

    /// Whether bytes of an unfinished request are buffered or a request is partly parsed.
    public var hasPartialRequest: Bool {
        if case .requestLine = state { return cursor < buffer.count }
        return true
    }

    /// Parses as far as the buffered bytes allow.
    /// - Returns: the next event, or `nil` when more bytes are needed.
    /// - Throws: ``HTTPParseError`` on a protocol violation or exceeded limit; it is thrown again on every later call.
    public mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> HTTPParserEvent? {
        while true {
            switch state {
            case .requestLine:
                let maxBytes = limits.maxRequestLineBytes
                guard
                    let line = try takeLine(
                        limit: maxBytes, tooLong: HTTPParseError(.requestLineTooLong, "request line longer than \(maxBytes) bytes")
                    )
                else { return nil }
                if line.isEmpty {
                    emptyLinesSkipped += 1
                    guard emptyLinesSkipped <= Self.maxEmptyLinesBeforeRequest else {
                        throw HTTPParseError(.badRequest, "too many empty lines before the request line")
                    }
                    continue
                }
                head = try RequestHead(requestLine: line)
                state = .headers

            case .headers:
                let maxBytes = limits.maxHeaderBytes
                guard
                    let line = try takeLine(
                        limit: maxBytes - head.headerBytes - 2,
                        tooLong: HTTPParseError(.headersTooLarge, "header section larger than \(maxBytes) bytes")
                    )
                else { return nil }
                head.headerBytes += line.count + 2
                if line.isEmpty {
                    if let event = try finishHead() { return event }
                    continue
                }
                guard head.headers.fields.count < limits.maxHeaderCount else {
                    throw HTTPParseError(.headersTooLarge, "more than \(limits.maxHeaderCount) header fields")
                }
                let (name, value) = try Self.parseFieldLine(line)
                head.headers.add(name, value)

            case .fixedBody(let remaining):
                let count = min(remaining, buffer.count - cursor)
                body.append(contentsOf: buffer[cursor..<(cursor + count)])
                cursor += count
                guard remaining == count else {
                    state = .fixedBody(remaining: remaining - count)
                    return nil
                }
                return .request(completeRequest())

            case .chunkSize:
                guard
                    let line = try takeLine(
                        limit: Self.maxChunkSizeLineBytes,
                        tooLong: HTTPParseError(.badRequest, "chunk size line longer than \(Self.maxChunkSizeLineBytes) bytes")
                    )
                else { return nil }
                let size = try Self.parseChunkSizeLine(line)
                guard size <= limits.maxBodyBytes - body.count else {
                    throw HTTPParseError(.bodyTooLarge, "chunked body larger than \(limits.maxBodyBytes) bytes")
                }
                state = size == 0 ? .trailers : .chunkData(remaining: size)

            case .chunkData(let remaining):
                let count = min(remaining, buffer.count - cursor)
                body.append(contentsOf: buffer[cursor..<(cursor + count)])
                cursor += count
                guard remaining == count else {
                    state = .chunkData(remaining: remaining - count)
                    return nil
                }
                state = .chunkDataEnd

            case .chunkDataEnd:
                guard buffer.count - cursor >= 2 else {
                    if cursor < buffer.count && buffer[cursor] != HTTPSyntax.cr {
                        throw HTTPParseError(.badRequest, "chunk data not followed by CRLF")
                    }
                    return nil
                }
                guard buffer[cursor] == HTTPSyntax.cr && buffer[cursor + 1] == HTTPSyntax.lf else {
                    throw HTTPParseError(.badRequest, "chunk data not followed by CRLF")
                }
                cursor += 2
                scanFrom = cursor
                state = .chunkSize

            case .trailers:
                let maxBytes = limits.maxHeaderBytes
                guard
                    let line = try takeLine(
                        limit: maxBytes - trailerBytes - 2,
                        tooLong: HTTPParseError(.headersTooLarge, "trailer section larger than \(maxBytes) bytes")
                    )
                else { return nil }
                trailerBytes += line.count + 2
                if line.isEmpty { return .request(completeRequest()) }
                guard trailers.fields.count < limits.maxHeaderCount else {
                    throw HTTPParseError(.headersTooLarge, "more than \(limits.maxHeaderCount) trailer fields")
                }
                let (name, value) = try Self.parseFieldLine(line)
                trailers.add(name, value)
            }
        }
    }

    /// Validates the finished head and chooses the body framing.
    private mutating func finishHead() throws(HTTPParseError) -> HTTPParserEvent? {
        let framing = try head.validate(limits: limits)
        switch framing {
        case .none:
            return .request(completeRequest())
        case .length(let length):
            state = .fixedBody(remaining: length)
        case .chunked:
            state = .chunkSize
        }
        return .headComplete(sendContinue: head.expectsContinue && cursor == buffer.count)
    }

    private mutating func completeRequest() -> HTTPRequest {
        let request = HTTPRequest(
            method: head.method, target: head.target, path: head.path, query: head.query, version: head.version,
            headers: head.headers, body: body, trailers: trailers, keepAlive: head.keepAlive
        )
        head = RequestHead()
        body = []
        trailers = HTTPHeaders()
        trailerBytes = 0
        emptyLinesSkipped = 0
        state = .requestLine
        scanFrom = cursor
        return request
    }

    /// Takes one CRLF-terminated line (without the CRLF) from the buffer, or returns `nil` if incomplete.
    /// - Parameter limit: the longest allowed line; longer (even if incomplete) throws `tooLong` (made only then).
    private mutating func takeLine(
        limit: Int, tooLong: @autoclosure () -> HTTPParseError
    ) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        var index = max(scanFrom, cursor)
        while index < buffer.count && buffer[index] != HTTPSyntax.lf { index += 1 }
        guard index < buffer.count else {
            scanFrom = index
            // A line of `limit` bytes may still be waiting for its CR and LF.
            if buffer.count - cursor > limit + 1 { throw tooLong() }
            return nil
        }
        guard index > cursor && buffer[index - 1] == HTTPSyntax.cr else {
            throw HTTPParseError(.badRequest, "bare LF line terminator")
        }
        let line = buffer[cursor..<(index - 1)]
        if line.count > limit { throw tooLong() }
        if line.contains(HTTPSyntax.cr) { throw HTTPParseError(.badRequest, "bare CR in line") }
        cursor = index + 1
        scanFrom = cursor
        return line
    }

    /// Parses `field-name ":" OWS field-value OWS`.
    static func parseFieldLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        if line.first == HTTPSyntax.space || line.first == HTTPSyntax.tab {
            throw HTTPParseError(.badRequest, "obsolete line folding or whitespace before a field line")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPParseError(.badRequest, "header field without colon")
        }
        let name = line[line.startIndex..<colon]
        if name.last == HTTPSyntax.space || name.last == HTTPSyntax.tab {
            throw HTTPParseError(.badRequest, "whitespace between field name and colon")
        }
        guard HTTPSyntax.isToken(name) else { throw HTTPParseError(.badRequest, "invalid header field name") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == HTTPSyntax.space || first == HTTPSyntax.tab { value = value.dropFirst() }
        while let last = value.last, last == HTTPSyntax.space || last == HTTPSyntax.tab { value = value.dropLast() }
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw HTTPParseError(.badRequest, "invalid character in header field value")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Parses `chunk-size [ chunk-ext ]` (RFC 9112 §7.1); extensions are validated and ignored.
    static func parseChunkSizeLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = HTTPSyntax.hexValue(line[index]) {
            guard size <= (Int.max - digit) / 16 else { throw HTTPParseError(.badRequest, "chunk size overflows") }
            size = size * 16 + digit
            index += 1
        }
        guard index > line.startIndex else { throw HTTPParseError(.badRequest, "missing chunk size") }
        var extensions = line[index...]
        while let first = extensions.first, first == HTTPSyntax.space || first == HTTPSyntax.tab { extensions = extensions.dropFirst() }
        guard extensions.isEmpty || extensions.first == UInt8(ascii: ";") && extensions.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw HTTPParseError(.badRequest, "invalid chunk extension")
        }
        return size
    }
}
