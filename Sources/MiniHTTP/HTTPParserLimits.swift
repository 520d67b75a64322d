/// Size limits enforced while parsing a request; each has a documented default.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line in bytes, excluding CRLF; longer → 414. Default 8192.
    public var maxRequestLineBytes: Int
    /// Largest header section in bytes (each field line plus its CRLF, not the request line);
    /// the same bound applies separately to chunked trailers. Larger → 431. Default 16384.
    public var maxHeaderBytes: Int
    /// Most header fields per request; more → 431. Default 100.
    public var maxHeaderCount: Int
    /// Largest decoded body in bytes; larger → 413 (checked against `Content-Length` before reading). Default 1 MiB.
    public var maxBodyBytes: Int

    /// Creates limits; every parameter defaults to the documented value.
    public init(maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 16384, maxHeaderCount: Int = 100, maxBodyBytes: Int = 1 << 20) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
