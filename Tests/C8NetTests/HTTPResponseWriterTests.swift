@testable import C8Net
import XCTest

final class HTTPResponseWriterTests: XCTestCase {
    private func text(_ response: HTTPResponse, method: HTTPMethod = .get, version: HTTPVersion = .http1_1,
                      closes: Bool = false) -> String {
        let framing = HTTPResponseWriter.Framing(requestMethod: method, requestVersion: version, closesConnection: closes)
        return String(decoding: HTTPResponseWriter.serialize(response, framing: framing), as: UTF8.self)
    }

    func testStatusLineHeadersLengthAndBody() {
        let response = HTTPResponse(status: 201, headers: HTTPHeaders([("Content-Type", "text/plain"), ("X-Id", "7")]),
                                    body: Array("hello".utf8))
        XCTAssertEqual(text(response),
                       "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nX-Id: 7\r\nContent-Length: 5\r\n\r\nhello")
    }

    func testTheWriterOwnsFramingHeaders() {
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Length", "999"), ("Transfer-Encoding", "chunked"),
                                                                       ("Connection", "keep-alive")]), body: Array("ab".utf8))
        XCTAssertEqual(text(response), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab")
    }

    func testClosingAndHTTP10KeepAlive() {
        let response = HTTPResponse(status: 200)
        XCTAssertEqual(text(response, closes: true), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(text(response, version: .http1_0), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n")
        XCTAssertEqual(text(response, version: .http1_0, closes: true),
                       "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    func testHeadCarriesTheLengthButNoBody() {
        XCTAssertEqual(text(HTTPResponse(status: 200, body: Array("12345".utf8)), method: .head),
                       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")
        // A HEAD handler that leaves the body out may state its length.
        let stated = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Length", "42")]))
        XCTAssertEqual(text(stated, method: .head), "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n")
        XCTAssertEqual(text(stated, method: .get), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    }

    func testBodilessStatusesHaveNoLengthAndNoBody() {
        for status in [204, 304] {
            let response = HTTPResponse(status: status, headers: HTTPHeaders([("Etag", "\"1\"")]), body: Array("x".utf8))
            XCTAssertEqual(text(response), "HTTP/1.1 \(status) \(HTTPReasonPhrase.of(status))\r\nEtag: \"1\"\r\n\r\n")
        }
        let switching = HTTPResponse(status: 101, headers: HTTPHeaders([("Upgrade", "websocket"), ("Connection", "Upgrade"),
                                                                        ("Sec-WebSocket-Accept", "abc=")]))
        XCTAssertEqual(text(switching),
                       "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: abc=\r\n\r\n")
    }

    func testHeaderValuesCannotSplitTheResponse() {
        let response = HTTPResponse(status: 302, headers: HTTPHeaders([("Location", "/a\r\nSet-Cookie: x=1"), ("Bad Name", "v")]))
        XCTAssertEqual(text(response),
                       "HTTP/1.1 302 Found\r\nLocation: /a  Set-Cookie: x=1\r\nBad_Name: v\r\nContent-Length: 0\r\n\r\n")
    }

    func testDateIsAddedUnlessTheHandlerSetOne() {
        let framing = HTTPResponseWriter.Framing(requestMethod: .get, requestVersion: .http1_1, closesConnection: false,
                                                 date: "Sun, 06 Nov 1994 08:49:37 GMT")
        let plain = String(decoding: HTTPResponseWriter.serialize(HTTPResponse(status: 200), framing: framing), as: UTF8.self)
        XCTAssertEqual(plain, "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n")
        let own = HTTPResponse(status: 200, headers: HTTPHeaders([("date", "Mon, 07 Nov 1994 00:00:00 GMT")]))
        let kept = String(decoding: HTTPResponseWriter.serialize(own, framing: framing), as: UTF8.self)
        XCTAssertEqual(kept, "HTTP/1.1 200 OK\r\ndate: Mon, 07 Nov 1994 00:00:00 GMT\r\nContent-Length: 0\r\n\r\n")
    }

    func testDatesAreIMFFixdates() {
        XCTAssertEqual(HTTPDate.format(secondsSinceEpoch: 784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(HTTPDate.format(secondsSinceEpoch: 0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(HTTPDate.now().count, 29)
    }

    func testReasonPhrases() {
        XCTAssertEqual(HTTPReasonPhrase.of(431), "Request Header Fields Too Large")
        XCTAssertEqual(HTTPReasonPhrase.of(505), "HTTP Version Not Supported")
        XCTAssertEqual(HTTPReasonPhrase.of(499), "Client Error")
        XCTAssertTrue(text(HTTPResponse(status: 413)).hasPrefix("HTTP/1.1 413 Content Too Large\r\n"))
    }
}
