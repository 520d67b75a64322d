import MiniHTTP
import Testing

@Suite("Parser: request line and headers")
struct ParserHeadTests {
    @Test func simpleGet() throws {
        let request = try #require(parseOne("GET /v1/eos?x=1&y=a%20b HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n"))
        #expect(request.method == "GET")
        #expect(request.target == "/v1/eos?x=1&y=a%20b")
        #expect(request.path == "/v1/eos")
        #expect(request.query == "x=1&y=a%20b")
        #expect(request.queryParameters == ["x": "1", "y": "a b"])
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "example")
        #expect(request.headers["ACCEPT"] == "*/*")
        #expect(request.body.isEmpty)
        #expect(request.keepAlive)
    }

    @Test func fieldValuesAreTrimmedOfOptionalWhitespace() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost:example\r\nX-A: \t value with  spaces \t\r\n\r\n"))
        #expect(request.headers["Host"] == "example")
        #expect(request.headers["X-A"] == "value with  spaces")
    }

    @Test func absoluteFormAndAsteriskForm() throws {
        let absolute = try #require(parseOne("GET http://example.com/a/b?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(absolute.path == "/a/b")
        #expect(absolute.query == "q=1")
        let options = try #require(parseOne("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(options.path == "*")
        #expect(parseError("GET * HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
        #expect(parseError("CONNECT example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        let request = try #require(parseOne("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(request.path == "/")
    }

    @Test(arguments: [
        "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",  // double space
        "GET / HTTP/1.1 \r\nHost: x\r\n\r\n",  // trailing space
        "GET /\r\nHost: x\r\n\r\n",  // HTTP/0.9 style
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".replacingOccurrences(of: "GET", with: "G(T"),  // bad method token
        "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",  // space in target
        "GET /a#frag HTTP/1.1\r\nHost: x\r\n\r\n",  // fragment
        "GET / HTTP/1.1x\r\nHost: x\r\n\r\n",  // bad version
        "GET / http/1.1\r\nHost: x\r\n\r\n",  // version is case-sensitive
        "GET relative HTTP/1.1\r\nHost: x\r\n\r\n",  // not origin-form
    ])
    func malformedRequestLinesAre400(wire: String) {
        #expect(parseError(wire)?.status == 400)
    }

    @Test func unsupportedMajorVersionIs505() {
        #expect(parseError("GET / HTTP/2.0\r\nHost: x\r\n\r\n")?.status == 505)
        #expect(parseError("GET / HTTP/2.0\r\nHost: x\r\n\r\n")?.code == "http_version_not_supported")
    }

    @Test func http1_0DefaultsToCloseAndNeedsNoHost() throws {
        let plain = try #require(parseOne("GET / HTTP/1.0\r\n\r\n"))
        #expect(plain.version == .http1_0)
        #expect(!plain.keepAlive)
        let keepAlive = try #require(parseOne("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
        #expect(keepAlive.keepAlive)
    }

    @Test func connectionCloseDisablesKeepAlive() throws {
        let request = try #require(parseOne("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n"))
        #expect(!request.keepAlive)
    }

    @Test func hostMustAppearExactlyOnce() {
        #expect(parseError("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")?.message == "missing Host header")
        #expect(parseError("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: a, b\r\n\r\n")?.status == 400)
    }

    @Test func obsFoldIsRejected() {
        let error = parseError("GET / HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n  continued\r\n\r\n")
        #expect(error?.status == 400)
        #expect(error?.message.contains("folding") == true)
    }

    @Test func whitespaceBetweenStartLineAndFirstFieldIsRejected() {
        #expect(parseError("GET / HTTP/1.1\r\n Host: x\r\n\r\n")?.status == 400)
    }

    @Test func whitespaceBeforeColonIsRejected() {
        #expect(parseError("GET / HTTP/1.1\r\nHost : x\r\n\r\n")?.message == "whitespace between field name and colon")
        #expect(parseError("GET / HTTP/1.1\r\nHost\t: x\r\n\r\n")?.status == 400)
    }

    @Test func bareLineEndingsAreRejected() {
        #expect(parseError("GET / HTTP/1.1\nHost: x\r\n\r\n")?.message == "bare LF line terminator")
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n")?.message == "bare CR in line")
        #expect(parseError("GET /\r HTTP/1.1\r\nHost: x\r\n\r\n")?.status == 400)
    }

    @Test func invalidFieldNamesAndValuesAreRejected() {
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nX(A): b\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{0}b\r\n\r\n")?.status == 400)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{7F}b\r\n\r\n")?.status == 400)
    }

    @Test func unsupportedExpectationIs417() {
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n")?.status == 417)
    }
}

@Suite("Parser: limits")
struct ParserLimitTests {
    let limits = HTTPParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 16)

    @Test func longRequestLineIs414EvenBeforeItEnds() {
        let target = "/" + String(repeating: "a", count: 80)
        #expect(parseError("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n", limits: limits)?.status == 414)
        #expect(parseError("GET \(target)", limits: limits)?.code == "uri_too_long")
    }

    @Test func requestLineExactlyAtTheLimitIsAccepted() {
        let line = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        #expect(line.utf8.count == 64)
        #expect(parseAll("\(line)\r\nHost: x\r\n\r\n", limits: limits).requests.count == 1)
    }

    @Test func largeHeaderSectionIs431() {
        let big = "X-Big: " + String(repeating: "b", count: 200)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n\(big)\r\n\r\n", limits: limits)?.status == 431)
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n\(big)", limits: limits)?.code == "header_fields_too_large")
    }

    @Test func tooManyHeaderFieldsIs431() {
        let fields = (0..<5).map { "X-\($0): v\r\n" }.joined()
        #expect(parseError("GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n", limits: limits)?.status == 431)
    }

    @Test func largeContentLengthIs413BeforeTheBodyArrives() {
        #expect(parseError("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", limits: limits)?.status == 413)
        #expect(parseError("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", limits: limits)?.code == "payload_too_large")
    }

    @Test func largeChunkedBodyIs413() {
        let wire = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n9\r\n123456789\r\n0\r\n\r\n"
        #expect(parseError(wire, limits: limits)?.status == 413)
    }

    @Test func largeTrailerSectionIs431() {
        let trailer = "X-T: " + String(repeating: "t", count: 200)
        let wire = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\(trailer)\r\n\r\n"
        #expect(parseError(wire, limits: limits)?.status == 431)
    }
}
