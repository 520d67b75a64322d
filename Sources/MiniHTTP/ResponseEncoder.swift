/// Serialises responses: status line, server-managed headers, optional gzip, body.
struct ResponseEncoder: Sendable {
    /// Smallest body that is compressed.
    var gzipMinimumBytes: Int
    /// zlib level.
    var gzipLevel: Int32

    /// What the encoder needs to know about the exchange.
    struct Exchange {
        /// The request was `HEAD`: send the headers a `GET` would get, without the body.
        var isHead = false
        /// The client accepts gzip.
        var acceptsGzip = false
        /// The connection closes after this response (adds `Connection: close`).
        var closeConnection = false
        /// An HTTP/1.0 client asked for keep-alive and gets it (adds `Connection: keep-alive`).
        var confirmKeepAlive = false
        /// Echoed as `X-Request-ID` when non-empty.
        var requestID = ""
    }

    /// The wire bytes of `response` and the number of body bytes among them; `date` is the `Date` value.
    func encode(_ response: HTTPResponse, for exchange: Exchange, date: String) -> (bytes: [UInt8], bodyBytes: Int) {
        var headers = response.headers
        for managed in ["Content-Length", "Transfer-Encoding", "Connection", "Date"] { headers.remove(managed) }
        var body = response.body
        let status = response.status
        // RFC 9110 §8.6: no Content-Length (and no content) in 1xx, 204 and 304 responses.
        let hasContent = !(100..<200).contains(status) && status != 204 && status != 304

        if hasContent, body.count >= gzipMinimumBytes, !headers.contains("Content-Encoding"),
            ContentNegotiation.isCompressible(contentType: headers["Content-Type"])
        {
            let vary = headers.values(named: "Vary").joined(separator: ", ")
            if !vary.lowercased().contains("accept-encoding") {
                headers["Vary"] = vary.isEmpty ? "Accept-Encoding" : vary + ", Accept-Encoding"
            }
            if exchange.acceptsGzip, let compressed = try? Gzip.compress(body, level: gzipLevel), compressed.count < body.count {
                body = compressed
                headers["Content-Encoding"] = "gzip"
            }
        }
        if !hasContent { body = [] }
        if !exchange.requestID.isEmpty { headers["X-Request-ID"] = exchange.requestID }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + headers.fields.count * 48 + (exchange.isHead ? 0 : body.count))
        func line(_ parts: String...) {
            for part in parts { bytes.append(contentsOf: part.utf8) }
            bytes.append(contentsOf: [13, 10])
        }
        line("HTTP/1.1 ", String(status), " ", ReasonPhrase.forStatus(status))
        line("Date: ", date)
        if hasContent { line("Content-Length: ", String(body.count)) }
        if exchange.closeConnection {
            line("Connection: close")
        } else if exchange.confirmKeepAlive {
            line("Connection: keep-alive")
        }
        for (name, value) in headers.fields {
            line(Self.sanitized(name), ": ", Self.sanitized(value))
        }
        line()
        if !exchange.isHead { bytes += body }
        return (bytes, exchange.isHead ? 0 : body.count)
    }

    /// The interim `100 Continue` response.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Replaces CR and LF so a handler's header value can never split the response.
    private static func sanitized(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}
