import MiniHTTP

/// Feeds `wire` to a fresh parser in pieces of `chunkSize` bytes (all at once by default)
/// and collects every complete request, stopping at the first error.
func parseAll(
    _ wire: String, limits: HTTPParserLimits = HTTPParserLimits(), chunkSize: Int = .max
) -> (requests: [HTTPRequest], continues: Int, error: HTTPParseError?) {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [HTTPRequest] = []
    var continues = 0
    let bytes = Array(wire.utf8)
    var offset = 0
    repeat {
        let end = min(bytes.count, offset + chunkSize)
        parser.feed(bytes[offset..<end])
        offset = end
        do {
            while let event = try parser.next() {
                switch event {
                case .headComplete(let sendContinue): if sendContinue { continues += 1 }
                case .request(let request): requests.append(request)
                }
            }
        } catch {
            return (requests, continues, error)
        }
    } while offset < bytes.count
    return (requests, continues, nil)
}

/// The single request parsed from `wire`, or `nil` if parsing failed or was incomplete.
func parseOne(_ wire: String) -> HTTPRequest? {
    let result = parseAll(wire)
    return result.requests.count == 1 ? result.requests[0] : nil
}

/// The error parsing `wire` ends in, if any.
func parseError(_ wire: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPParseError? {
    parseAll(wire, limits: limits).error
}
