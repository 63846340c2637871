@testable import C8Net
import XCTest

/// The HTTP client against a scripted server: framing of every response
/// shape, keep-alive reuse, stale pooled connections, timeouts and errors.
final class ClientHTTPTests: XCTestCase {
    // MARK: Requests and responses

    func testGetSendsHostAndJoinedPathAndReadsTheBody() throws {
        let seen = TestBox<[HTTPRequest]>([])
        let server = try ClientTestServer { connection in
            while let request = connection.readRequest() {
                seen.update { $0.append(request) }
                connection.respond(.json(200, #"{"ok":true}"#))
            }
        }
        let client = try HTTPClient(baseURL: server.url("http", "/db"))
        let response = try client.send(HTTPRequest(method: .get, target: "/_api/version?details=true"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"ok":true}"#)
        XCTAssertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        let request = try XCTUnwrap(seen.get().first)
        XCTAssertEqual(request.target, "/db/_api/version?details=true")
        XCTAssertEqual(request.headers["Host"], "127.0.0.1:\(server.port)")
        XCTAssertNil(request.headers["Content-Length"], "a bodyless GET carries no length")
    }

    func testBodiesAndBodylessWritesCarryContentLength() throws {
        let seen = TestBox<[HTTPRequest]>([])
        let server = try ClientTestServer { connection in
            while let request = connection.readRequest() {
                seen.update { $0.append(request) }
                connection.respond(HTTPResponse(status: 201))
            }
        }
        let client = try HTTPClient(baseURL: server.url())
        var post = HTTPRequest(method: .post, target: "/c", body: Array(#"{"a":1}"#.utf8))
        post.headers.add("Content-Length", "999") // wrong on purpose: the client computes its own
        XCTAssertEqual(try client.send(post).status, 201)
        XCTAssertEqual(try client.send(HTTPRequest(method: .delete, target: "/c/1")).status, 201)
        let requests = seen.get()
        XCTAssertEqual(requests.map(\.method), [.post, .delete])
        XCTAssertEqual(requests[0].body, Array(#"{"a":1}"#.utf8))
        XCTAssertEqual(requests[0].headers.values("Content-Length"), ["7"])
        XCTAssertEqual(requests[1].headers["Content-Length"], "0")
    }

    func testChunkedResponseWithExtensionsAndTrailers() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             + "5;name=value\r\nHello\r\n7\r\n, world\r\n0\r\nX-Checksum: abc\r\n\r\n")
            guard connection.readRequest() != nil else { return }
            connection.respond(HTTPResponse(status: 200, body: Array("second".utf8)))
        }
        let client = try HTTPClient(baseURL: server.url())
        let first = try client.send(HTTPRequest(method: .get, target: "/"))
        XCTAssertEqual(String(decoding: first.body, as: UTF8.self), "Hello, world")
        let second = try client.send(HTTPRequest(method: .get, target: "/"))
        XCTAssertEqual(String(decoding: second.body, as: UTF8.self), "second", "the chunked body ended where it said")
        XCTAssertEqual(server.acceptedConnections, 1)
    }

    func testBodyWithoutLengthRunsToTheEndAndIsNotPooled() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it")
        }
        let client = try HTTPClient(baseURL: server.url())
        let response = try client.send(HTTPRequest(method: .get, target: "/"))
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "all of it")
        XCTAssertEqual(client.idleConnectionCount(to: client.baseURL.origin), 0)
    }

    func testHeadAndNoContentResponsesHaveNoBody() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 204 No Content\r\n\r\n")
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n")
            guard connection.readRequest() != nil else { return }
            connection.respond(HTTPResponse(status: 200, body: [1, 2, 3]))
        }
        let client = try HTTPClient(baseURL: server.url())
        let head = try client.send(HTTPRequest(method: .head, target: "/"))
        XCTAssertEqual(head.headers["Content-Length"], "10")
        XCTAssertEqual(head.body, [])
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/")).status, 204)
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/")).status, 304)
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/")).body, [1, 2, 3])
        XCTAssertEqual(server.acceptedConnections, 1)
    }

    func testInterimResponsesAreSkipped() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        }
        let client = try HTTPClient(baseURL: server.url())
        let response = try client.send(HTTPRequest(method: .put, target: "/", body: [1]))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, Array("ok".utf8))
    }

    // MARK: Keep-alive

    func testKeepAliveReusesOneConnection() throws {
        let server = try ClientTestServer { connection in
            while let request = connection.readRequest() {
                connection.respond(HTTPResponse(status: 200, body: Array(request.target.utf8)))
            }
        }
        let client = try HTTPClient(baseURL: server.url())
        for i in 0..<5 {
            let response = try client.send(HTTPRequest(method: .get, target: "/\(i)"))
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "/\(i)")
        }
        XCTAssertEqual(server.acceptedConnections, 1)
        XCTAssertEqual(client.idleConnectionCount(to: client.baseURL.origin), 1)
    }

    func testConnectionCloseIsHonoured() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.respond(HTTPResponse(status: 200), closing: true)
        }
        let client = try HTTPClient(baseURL: server.url())
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/")).status, 200)
        XCTAssertEqual(client.idleConnectionCount(to: client.baseURL.origin), 0)
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/")).status, 200)
        XCTAssertEqual(server.acceptedConnections, 2)
    }

    func testConcurrentRequestsGetTheirOwnResponses() throws {
        let server = try ClientTestServer { connection in
            while let request = connection.readRequest() {
                usleep(20_000)
                connection.respond(HTTPResponse(status: 200, body: Array(request.target.utf8)))
            }
        }
        let client = try HTTPClient(baseURL: server.url())
        let failures = TestBox(0)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            for j in 0..<3 {
                let target = "/\(i)/\(j)"
                let body = try? client.send(HTTPRequest(method: .get, target: target)).body
                if body != Array(target.utf8) { failures.update { $0 += 1 } }
            }
        }
        XCTAssertEqual(failures.get(), 0)
        XCTAssertLessThanOrEqual(server.acceptedConnections, 4, "connections are reused once returned")
    }

    // MARK: Stale pooled connections

    func testServerIdleCloseIsNoticedBeforeReuse() throws {
        let closed = TestBox(false)
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.respond(HTTPResponse(status: 200))
            // The server's idle timeout: the connection goes after one request.
            connection.close()
            closed.update { $0 = true }
        }
        let client = try HTTPClient(baseURL: server.url())
        XCTAssertEqual(try client.send(HTTPRequest(method: .post, target: "/", body: [1])).status, 200)
        XCTAssertEqual(client.idleConnectionCount(to: client.baseURL.origin), 1)
        XCTAssertTrue(eventually { closed.get() })
        // A POST is not retried, so this only succeeds if the dead
        // connection was never used.
        XCTAssertEqual(try client.send(HTTPRequest(method: .post, target: "/", body: [2])).status, 200)
        XCTAssertEqual(server.acceptedConnections, 2)
    }

    func testIdempotentRequestIsRetriedWhenAPooledConnectionDiesUnderIt() throws {
        let server = try dyingAfterOneResponseServer()
        let client = try HTTPClient(baseURL: server.url())
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/one")).status, 200)
        let second = try client.send(HTTPRequest(method: .get, target: "/two"))
        XCTAssertEqual(String(decoding: second.body, as: UTF8.self), "/two")
        XCTAssertEqual(server.acceptedConnections, 2)
    }

    func testPostIsNotRetriedWhenAPooledConnectionDiesUnderIt() throws {
        let server = try dyingAfterOneResponseServer()
        let client = try HTTPClient(baseURL: server.url())
        XCTAssertEqual(try client.send(HTTPRequest(method: .get, target: "/one")).status, 200)
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .post, target: "/two", body: [1]))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.isStaleConnectionSymptom, true, "\(error)")
        }
        XCTAssertEqual(server.acceptedConnections, 1)
    }

    /// The first connection answers one request, then drops the next one
    /// unanswered, as a server does when its idle timeout races the
    /// client's reuse; later connections answer everything.
    private func dyingAfterOneResponseServer() throws -> ClientTestServer {
        let connections = TestBox(0)
        return try ClientTestServer { connection in
            let index = connections.update { count -> Int in
                count += 1
                return count
            }
            if index == 1 {
                guard let request = connection.readRequest() else { return }
                connection.respond(HTTPResponse(status: 200, body: Array(request.target.utf8)))
                _ = connection.readRequest()
                return
            }
            while let request = connection.readRequest() {
                connection.respond(HTTPResponse(status: 200, body: Array(request.target.utf8)))
            }
        }
    }

    // MARK: Failures

    func testSlowServerTimesOut() throws {
        let server = try ClientTestServer { connection in
            _ = connection.readRequest()
            usleep(3_000_000)
        }
        let client = try HTTPClient(baseURL: server.url(),
                                    configuration: HTTPClientConfiguration(requestTimeout: .milliseconds(100)))
        let start = ContinuousClock.now
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .timedOut)
        }
        XCTAssertLessThan(start.duration(to: .now), .seconds(2), "gave up long before the server's 3 s")
    }

    func testRefusedConnection() throws {
        let server = try ClientTestServer { _ in }
        let url = server.url()
        server.stop()
        let client = try HTTPClient(baseURL: url)
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/"))) { error in
            let error = error as? NetworkClientError
            XCTAssertEqual(error?.kind, .connectFailed)
            XCTAssertEqual(error?.systemError, ECONNREFUSED)
            XCTAssertTrue(error?.message.contains("127.0.0.1") == true, String(describing: error))
        }
    }

    func testUnresolvableHost() throws {
        let client = try HTTPClient(baseURL: "http://no-such-host.invalid")
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .resolveFailed)
        }
    }

    func testMalformedResponsesAreErrors() throws {
        for raw in [
            "HTTX/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\n folded: header\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
        ] {
            let server = try ClientTestServer { connection in
                guard connection.readRequest() != nil else { return }
                connection.write(raw)
            }
            let client = try HTTPClient(baseURL: server.url())
            XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/")), raw) { error in
                XCTAssertEqual((error as? NetworkClientError)?.kind, .malformedResponse, raw)
            }
        }
    }

    func testResponseAboveTheBodyLimit() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.respond(HTTPResponse(status: 200, body: [UInt8](repeating: 0x61, count: 100)))
        }
        let client = try HTTPClient(baseURL: server.url(), configuration: HTTPClientConfiguration(maxResponseBodySize: 10))
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .responseTooLarge)
        }
    }

    func testHeaderInjectionIsRefusedBeforeConnecting() throws {
        let server = try ClientTestServer { _ in }
        let client = try HTTPClient(baseURL: server.url())
        var request = HTTPRequest(method: .get, target: "/")
        request.headers.add("X-Name", "a\r\nX-Evil: 1")
        XCTAssertThrowsError(try client.send(request)) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .invalidRequest)
        }
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/a b"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .invalidRequest)
        }
        XCTAssertEqual(server.acceptedConnections, 0)
    }

    func testWebSocketURLIsNotAnHTTPBase() {
        XCTAssertThrowsError(try HTTPClient(baseURL: "ws://h/")) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .invalidURL)
        }
    }
}
