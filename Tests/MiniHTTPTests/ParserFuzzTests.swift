import MiniHTTP
import SeededRandom
import Testing

@Suite("Parser: seeded fuzzing")
struct ParserFuzzTests {
    static let seed: UInt64 = 20_261_130

    /// Mutated valid requests must never trap, loop, or exceed the limits; they parse or fail cleanly.
    @Test func mutatedRequestsParseOrFailCleanly() {
        var random = SplitMix64(seed: Self.seed)
        let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 16, maxBodyBytes: 256)
        let base = Array(
            ("POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;e\r\nabc\r\n0\r\nT: 1\r\n\r\n").utf8)
        let interesting: [UInt8] = Array("\r\n :;0123456789abcdefABCDEF\t\u{0}\u{7F}-+,".utf8) + [0xFF]
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = interesting.randomElement(using: &random)!
                case 1: bytes.insert(interesting.randomElement(using: &random)!, at: index)
                default: bytes.remove(at: index)
                }
            }
            var parser = HTTPRequestParser(limits: limits)
            var offset = 0
            var failed = false
            while offset < bytes.count && !failed {
                let end = min(bytes.count, offset + Int.random(in: 1...40, using: &random))
                parser.feed(bytes[offset..<end])
                offset = end
                do {
                    while let event = try parser.next() {
                        if case .request(let request) = event {
                            #expect(request.body.count <= limits.maxBodyBytes)
                            #expect(request.headers.fields.count <= limits.maxHeaderCount)
                        }
                    }
                } catch {
                    #expect([400, 413, 414, 417, 431, 501, 505].contains(error.status))
                    failed = true
                }
            }
        }
    }
}
