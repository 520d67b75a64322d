import MiniHTTP
import Testing

@Suite("Parser: bodies, pipelining, incremental feeding")
struct ParserBodyTests {
    @Test func contentLengthBody() throws {
        let request = try #require(parseOne("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"))
        #expect(request.body == Array("hello".utf8))
    }

    @Test func identicalRepeatedContentLengthsAreAccepted() throws {
        let request = try #require(parseOne("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc"))
        #expect(request.body == Array("abc".utf8))
    }

    @Test(arguments: [
        "Content-Length: 3\r\nContent-Length: 4",
        "Content-Length: 3, 4",
        "Content-Length: -1",
        "Content-Length: +3",
        "Content-Length: 3x",
        "Content-Length: 0x10",
        "Content-Length: ",
        "Content-Length: 1 2",
        "Content-Length: 99999999999999999999999",
    ])
    func invalidContentLengthIs400(field: String) {
        #expect(parseError("POST / HTTP/1.1\r\nHost: x\r\n\(field)\r\n\r\nabc")?.status == 400)
    }

    @Test func contentLengthWithTransferEncodingIs400() {
        let wire = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        #expect(parseError(wire)?.message == "both Transfer-Encoding and Content-Length present")
    }

    @Test func transferCodingRules() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\n"
        #expect(parseError(head + "Transfer-Encoding: gzip, chunked\r\n\r\n")?.status == 501)
        #expect(parseError(head + "Transfer-Encoding: chunked, gzip\r\n\r\n")?.status == 400)
        #expect(parseError(head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")?.status == 400)
        #expect(parseError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")?.status == 400)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let wire =
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "6 ; a=\"quoted\";b\r\n world\r\n"
            + "A\r\n0123456789\r\n"
            + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
        let request = try #require(parseOne(wire))
        #expect(String(decoding: request.body, as: UTF8.self) == "hello world0123456789")
        #expect(request.trailers["x-checksum"] == "abc")
        #expect(request.trailers.fields.count == 2)
    }

    @Test(arguments: [
        "3\r\nabcX\r\n0\r\n\r\n",  // data longer than size
        "3\r\nab\r\n0\r\n\r\n",  // data shorter than size
        "g\r\nabc\r\n0\r\n\r\n",  // non-hex size
        "\r\nabc\r\n0\r\n\r\n",  // empty size
        "3 x\r\nabc\r\n0\r\n\r\n",  // garbage after size
        "3\nabc\r\n0\r\n\r\n",  // bare LF
        "-3\r\nabc\r\n0\r\n\r\n",  // negative
        "fffffffffffffffffff\r\n",  // overflow
    ])
    func malformedChunksAre400(chunks: String) {
        let wire = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks
        #expect(parseError(wire)?.status == 400)
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let wire =
            "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /3 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
            + "GET /4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let result = parseAll(wire)
        #expect(result.error == nil)
        #expect(result.requests.map(\.path) == ["/1", "/2", "/3", "/4"])
        #expect(result.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["", "abc", "de", ""])
        #expect(result.requests.map(\.keepAlive) == [true, true, true, false])
    }

    @Test func everySplitPointGivesTheSameRequests() {
        let wire =
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody"
            + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nxyz\r\n0\r\nT: v\r\n\r\n"
            + "GET /c?q HTTP/1.1\r\nHost: x\r\n\r\n"
        let whole = parseAll(wire)
        #expect(whole.requests.count == 3)
        for chunkSize in [1, 2, 3, 7, 13] {
            let split = parseAll(wire, chunkSize: chunkSize)
            #expect(split.error == nil, "chunk size \(chunkSize)")
            #expect(split.requests.map(\.path) == whole.requests.map(\.path))
            #expect(split.requests.map(\.body) == whole.requests.map(\.body))
            #expect(split.requests.map(\.trailers) == whole.requests.map(\.trailers))
        }
        // Also split once at every byte offset.
        let bytes = Array(wire.utf8)
        for cut in 1..<bytes.count {
            var parser = HTTPRequestParser()
            parser.feed(bytes[..<cut])
            var paths: [String] = []
            func drain() {
                while case .some(let event) = try? parser.next() {
                    if case .request(let request) = event { paths.append(request.path) }
                }
            }
            drain()
            parser.feed(bytes[cut...])
            drain()
            #expect(paths == ["/a", "/b", "/c"], "cut at \(cut)")
        }
    }

    @Test func expectContinueIsReportedOnlyBeforeTheBodyArrives() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
        var parser = HTTPRequestParser()
        parser.feed(Array(head.utf8))
        guard case .headComplete(sendContinue: true)? = try? parser.next() else {
            Issue.record("expected headComplete(sendContinue: true)")
            return
        }
        #expect((try? parser.next()) == nil)
        parser.feed(Array("abc".utf8))
        guard case .request(let request)? = try? parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(request.body == Array("abc".utf8))
        // Body already sent with the head: no 100 needed.
        #expect(parseAll(head + "abc").continues == 0)
        // HTTP/1.0 clients never get 100 Continue.
        #expect(parseAll("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n", chunkSize: 10).continues == 0)
    }

    @Test func partialRequestTracking() throws {
        var parser = HTTPRequestParser()
        #expect(!parser.hasPartialRequest)
        parser.feed(Array("GET / HT".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.hasPartialRequest)
        parser.feed(Array("TP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(try parser.next() != nil)
        #expect(!parser.hasPartialRequest)
    }

    @Test func errorsAreSticky() {
        var parser = HTTPRequestParser()
        parser.feed(Array("BAD\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        parser.feed(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }
}
