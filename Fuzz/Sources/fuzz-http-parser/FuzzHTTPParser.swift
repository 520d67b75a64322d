import MiniHTTP

/// libFuzzer entry point for `HTTPRequestParser`.
///
/// Input layout: byte 0 seeds the split points, the rest is the byte stream of a connection (one or more pipelined
/// requests, fixed-length or chunked bodies). The stream is fed in pieces of 1–64 bytes whose lengths follow from
/// the seed, and after every piece all events are drained, as `Connection` does. Invariants checked (a violation
/// traps, which libFuzzer reports as a crash): a request never exceeds the limits, and every error has one of the
/// statuses the parser documents.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    var state = UInt32(input[0]) &* 2_654_435_761 | 1
    let stream = input[1...]
    let limits = HTTPParserLimits(maxRequestLineBytes: 512, maxHeaderBytes: 2048, maxHeaderCount: 32, maxBodyBytes: 4096)
    var parser = HTTPRequestParser(limits: limits)
    var offset = stream.startIndex
    while offset < stream.endIndex {
        state ^= state << 13; state ^= state >> 17; state ^= state << 5
        let end = min(stream.endIndex, offset + 1 + Int(state % 64))
        parser.feed(stream[offset..<end])
        offset = end
        do {
            while let event = try parser.next() {
                if case .request(let request) = event {
                    precondition(request.body.count <= limits.maxBodyBytes, "body over the limit")
                    precondition(request.headers.fields.count <= limits.maxHeaderCount, "headers over the limit")
                }
            }
        } catch {
            precondition([400, 413, 414, 417, 431, 501, 505].contains(error.status), "undocumented status \(error.status)")
            return 0
        }
    }
    return 0
}
