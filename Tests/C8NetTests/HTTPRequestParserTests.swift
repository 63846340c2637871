@testable import C8Net
import XCTest

/// Every rule of the parser, each fed whole, byte by byte and in a
/// three-way split: the outcome must not depend on how bytes arrive.
final class HTTPRequestParserTests: XCTestCase {
    enum Outcome: Equatable, CustomStringConvertible {
        case request(String, String, String) // method, target, body
        case continueRequested
        case rejected(HTTPParseError)

        init(_ event: HTTPParseEvent) {
            switch event {
            case .request(let request):
                self = .request(request.method.rawValue, request.target, String(decoding: request.body, as: UTF8.self))
            case .continueRequested:
                self = .continueRequested
            case .rejected(let error):
                self = .rejected(error)
            }
        }

        var description: String {
            switch self {
            case .request(let method, let target, let body): return "\(method) \(target) [\(body)]"
            case .continueRequested: return "100-continue"
            case .rejected(let error): return "rejected \(error.status) \(error)"
            }
        }
    }

    private func outcomes(_ chunks: [[UInt8]], limits: HTTPLimits) -> [Outcome] {
        var parser = HTTPRequestParser(limits: limits)
        var outcomes: [Outcome] = []
        for chunk in chunks {
            parser.feed(chunk)
            while let event = parser.next() { outcomes.append(Outcome(event)) }
        }
        return outcomes
    }

    private func assertParses(_ text: String, _ expected: [Outcome], limits: HTTPLimits = HTTPLimits(),
                              file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Array(text.utf8)
        XCTAssertEqual(outcomes([bytes], limits: limits), expected, "fed whole", file: file, line: line)
        XCTAssertEqual(outcomes(bytes.map { [$0] }, limits: limits), expected, "fed byte by byte", file: file, line: line)
        let third = bytes.count / 3
        let split = [Array(bytes[..<third]), Array(bytes[third..<(2 * third)]), Array(bytes[(2 * third)...])]
        XCTAssertEqual(outcomes(split, limits: limits), expected, "fed in three parts", file: file, line: line)
    }

    private func assertRejects(_ text: String, _ error: HTTPParseError, status: Int, limits: HTTPLimits = HTTPLimits(),
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(error.status, status, file: file, line: line)
        assertParses(text, [.rejected(error)], limits: limits, file: file, line: line)
    }

    // MARK: Accepted shapes

    func testSimpleGetWithHeadersInOrder() {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET /_api/version?details=true HTTP/1.1\r\nHost: api-eu.localhost:8529\r\nX-A:  one \r\nx-a: two\r\n\r\n".utf8))
        guard case .request(let request)? = parser.next() else { return XCTFail("no request") }
        XCTAssertEqual(request.method, .get)
        XCTAssertEqual(request.target, "/_api/version?details=true")
        XCTAssertEqual(request.version, .http1_1)
        XCTAssertEqual(request.headers.fields.map(\.name), ["Host", "X-A", "x-a"])
        XCTAssertEqual(request.headers.values("x-a"), ["one", "two"], "optional whitespace is trimmed")
        XCTAssertTrue(request.body.isEmpty)
        XCTAssertNil(parser.next())
        XCTAssertFalse(parser.hasPartialRequest)
    }

    func testEveryAllowedMethod() {
        for method in HTTPMethod.allCases {
            let length = method == .post || method == .put || method == .patch ? "Content-Length: 0\r\n" : ""
            assertParses("\(method.rawValue) / HTTP/1.1\r\nHost: h\r\n\(length)\r\n", [.request(method.rawValue, "/", "")])
        }
    }

    func testPipelinedRequestsComeOutInOrder() {
        assertParses("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcDELETE /3 HTTP/1.1\r\nHost: h\r\n\r\n",
                     [.request("GET", "/1", ""), .request("POST", "/2", "abc"), .request("DELETE", "/3", "")])
    }

    func testBodyArrivingInPiecesIsAssembled() {
        var parser = HTTPRequestParser()
        parser.feed(Array("PUT /d HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123".utf8))
        XCTAssertNil(parser.next())
        XCTAssertTrue(parser.hasPartialRequest, "a body that stopped short is a partial request")
        parser.feed(Array("456".utf8))
        XCTAssertNil(parser.next())
        parser.feed(Array("789GET".utf8))
        guard case .request(let request)? = parser.next() else { return XCTFail("no request") }
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), "0123456789")
        XCTAssertNil(parser.next())
        XCTAssertEqual(parser.takeUnparsedBytes(), Array("GET".utf8), "the next request's start stays buffered")
    }

    func testHTTP10NeedsNoHost() {
        assertParses("GET / HTTP/1.0\r\n\r\n", [.request("GET", "/", "")])
    }

    func testContentLengthOnGetHeadDeleteIsAcceptedAndRead() {
        for method in ["GET", "HEAD", "DELETE"] {
            assertParses("\(method) /x HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbodyGET /y HTTP/1.1\r\nHost: h\r\n\r\n",
                         [.request(method, "/x", "body"), .request("GET", "/y", "")])
        }
    }

    func testRepeatedEqualContentLengthsAreOneLength() {
        assertParses("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok", [.request("POST", "/", "ok")])
        assertParses("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nok", [.request("POST", "/", "ok")])
    }

    func testOneEmptyLineBeforeARequestIsSkipped() {
        assertParses("\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", [.request("GET", "/", "")])
        assertRejects("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, status: 400)
    }

    func testExpectContinueIsReportedBeforeTheBody() {
        var parser = HTTPRequestParser()
        parser.feed(Array("POST /i HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        guard case .continueRequested? = parser.next() else { return XCTFail("no continue") }
        XCTAssertNil(parser.next())
        parser.feed(Array("hi".utf8))
        guard case .request(let request)? = parser.next() else { return XCTFail("no request") }
        XCTAssertEqual(request.body, Array("hi".utf8))
        // With the body already there, there is nothing to continue.
        XCTAssertEqual(outcomes([Array("POST /i HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi".utf8)],
                                limits: HTTPLimits()),
                       [.request("POST", "/i", "hi")])
    }

    // MARK: Versions and methods

    func testVersionsOtherThan10And11Get505() {
        assertRejects("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion("HTTP/2.0"), status: 505)
        assertRejects("GET / HTTP/1.2\r\nHost: h\r\n\r\n", .unsupportedVersion("HTTP/1.2"), status: 505)
        assertRejects("GET / HTTP/0.9\r\n\r\n", .unsupportedVersion("HTTP/0.9"), status: 505)
        assertRejects("GET / HTXP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, status: 400)
    }

    func testOtherMethodsGet405() {
        assertRejects("TRACE / HTTP/1.1\r\nHost: h\r\n\r\n", .methodNotAllowed("TRACE"), status: 405)
        assertRejects("CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n", .methodNotAllowed("CONNECT"), status: 405)
        assertRejects("get / HTTP/1.1\r\nHost: h\r\n\r\n", .methodNotAllowed("get"), status: 405)
    }

    func testMalformedRequestLines() {
        assertRejects("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, status: 400)
        assertRejects("GET /\r\nHost: h\r\n\r\n", .malformedRequestLine, status: 400)
        assertRejects("GET / HTTP/1.1 x\r\nHost: h\r\n\r\n", .malformedRequestLine, status: 400)
        assertRejects(" GET / HTTP/1.1\r\n", .malformedRequestLine, status: 400)
        assertRejects("GET /a\u{01}b HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget, status: 400)
    }

    // MARK: Lengths

    func testBodyMethodsWithoutContentLengthGet411() {
        for method in [HTTPMethod.post, .put, .patch] {
            assertRejects("\(method.rawValue) / HTTP/1.1\r\nHost: h\r\n\r\n", .missingContentLength(method), status: 411)
        }
    }

    func testChunkedAndNegativeLengthsGet411() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n", .transferEncodingUnsupported, status: 411)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -5\r\n\r\n", .negativeContentLength, status: 411)
    }

    func testUnreadableContentLengthGets400() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 12a\r\n\r\n", .invalidContentLength, status: 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\n", .invalidContentLength, status: 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", .invalidContentLength, status: 400)
    }

    func testLongTargetGets414EvenBeforeTheLineEnds() {
        let limits = HTTPLimits(maxTargetLength: 100)
        let exactly = "/" + String(repeating: "a", count: 99)
        assertParses("GET \(exactly) HTTP/1.1\r\nHost: h\r\n\r\n", [.request("GET", exactly, "")], limits: limits)
        assertRejects("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: h\r\n\r\n",
                      .targetTooLong(limit: 100), status: 414, limits: limits)
        // A line that never ends is refused once it cannot fit.
        assertRejects("GET /\(String(repeating: "a", count: 300))", .targetTooLong(limit: 100), status: 414, limits: limits)
    }

    func testDefaultTargetLimitIs16K() {
        let target = "/" + String(repeating: "x", count: 16 * 1024)
        assertRejects("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n", .targetTooLong(limit: 16 * 1024), status: 414)
    }

    func testLargeHeadGets431EvenBeforeItEnds() {
        let limits = HTTPLimits(maxHeaderBytes: 200)
        let filler = "X-Filler: \(String(repeating: "f", count: 150))\r\n"
        assertParses("GET / HTTP/1.1\r\nHost: h\r\n\(filler)\r\n", [.request("GET", "/", "")], limits: limits)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\n\(filler)\(filler)", .headersTooLarge(limit: 200), status: 431, limits: limits)
    }

    func testLargeBodyGets413BeforeAnyOfItArrives() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(512 * 1024 * 1024 + 1)\r\n\r\n",
                      .bodyTooLarge(length: 512 * 1024 * 1024 + 1, limit: 512 * 1024 * 1024), status: 413)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                      .bodyTooLarge(length: nil, limit: 512 * 1024 * 1024), status: 413)
        assertParses("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc", [.request("POST", "/", "abc")],
                     limits: HTTPLimits(maxBodyBytes: 3))
    }

    func testBodyLongerThanContentLengthGets400AfterTheRequest() {
        // What follows the body is read as the next request line and
        // refused at its first impossible byte, without waiting for more.
        assertParses("POST /d HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{\"a\":1}",
                     [.request("POST", "/d", "{\""), .rejected(.malformedRequestLine)])
        assertParses("POST /d HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello world",
                     [.request("POST", "/d", "hello"), .rejected(.malformedRequestLine)])
    }

    // MARK: Smuggling shapes

    func testContentLengthWithTransferEncodingGets400() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                      .contentLengthWithTransferEncoding, status: 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
                      .contentLengthWithTransferEncoding, status: 400)
    }

    func testDifferentContentLengthsGet400() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
                      .conflictingContentLengths, status: 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 6\r\n\r\n", .conflictingContentLengths, status: 400)
    }

    func testObsoleteLineFoldingGets400() {
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n", .obsoleteLineFolding, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n\ttwo\r\n\r\n", .obsoleteLineFolding, status: 400)
    }

    func testBareLineFeedGets400Wherever() {
        assertRejects("GET / HTTP/1.1\nHost: h\r\n\r\n", .bareLineFeed, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n", .bareLineFeed, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\n\n", .bareLineFeed, status: 400)
        assertRejects("\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .bareLineFeed, status: 400)
    }

    func testInvalidHeaderNamesAndValuesGet400() {
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nContent-Length : 5\r\n\r\n", .invalidHeaderName, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n", .invalidHeaderName, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\n: x\r\n\r\n", .invalidHeaderName, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", .invalidHeaderName, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n", .invalidHeaderValue, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{0}b\r\n\r\n", .invalidHeaderValue, status: 400)
    }

    func testHTTP11NeedsExactlyOneHost() {
        assertRejects("GET / HTTP/1.1\r\n\r\n", .invalidHost, status: 400)
        assertRejects("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .invalidHost, status: 400)
    }

    func testNothingComesAfterARejection() {
        var parser = HTTPRequestParser()
        parser.feed(Array("TRACE / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        guard case .rejected(.methodNotAllowed("TRACE"))? = parser.next() else { return XCTFail("not rejected") }
        XCTAssertNil(parser.next())
        parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8))
        XCTAssertNil(parser.next())
        XCTAssertFalse(parser.hasPartialRequest)
    }
}
