@testable import C8Net
import Foundation
import XCTest

/// The seed's HTTP rules against a live server, over raw sockets.
final class HTTPServerConformanceTests: XCTestCase {
    private func connect(_ server: HTTPServer) throws -> RawHTTPConnection {
        try RawHTTPConnection(port: try XCTUnwrap(server.port))
    }

    // MARK: Keep-alive and closing

    func testHTTP11KeepsTheConnectionAlive() throws {
        let server = try startServer()
        let client = try connect(server)
        for index in 1...3 {
            try client.send("GET /n\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.bodyText, "GET /n\(index) ")
            XCTAssertNil(response.header("Connection"))
            XCTAssertEqual(response.header("Date")?.hasSuffix(" GMT"), true)
        }
    }

    func testHTTP10ClosesUnlessAskedToKeepAlive() throws {
        let server = try startServer()
        let plain = try connect(server)
        try plain.send("GET /a HTTP/1.0\r\n\r\n")
        let closing = try XCTUnwrap(plain.readResponse())
        XCTAssertEqual(closing.header("Connection"), "close")
        XCTAssertTrue(plain.readsEndOfStream())

        let kept = try connect(server)
        try kept.send("GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
        XCTAssertEqual(try XCTUnwrap(kept.readResponse()).header("Connection"), "Keep-Alive")
        try kept.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try XCTUnwrap(kept.readResponse()).bodyText, "GET /b ")
    }

    func testConnectionCloseIsHonouredFromEitherSide() throws {
        let server = try startServer()
        let client = try connect(server)
        // The request after the closing one is never answered.
        try client.send("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.bodyText, "GET /a ")
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.readsEndOfStream())

        let handlerCloses = try connect(server)
        try handlerCloses.send("GET /close HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try XCTUnwrap(handlerCloses.readResponse()).header("Connection"), "close")
        XCTAssertTrue(handlerCloses.readsEndOfStream())
    }

    func testHeadResponsesHaveNoBodyOnTheWire() throws {
        let server = try startServer()
        let client = try connect(server)
        try client.send("HEAD /big?1000 HTTP/1.1\r\nHost: h\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n")
        let head = try XCTUnwrap(client.readResponse(bodyless: true))
        XCTAssertEqual(head.header("Content-Length"), "1000")
        // Had the body been sent, this would read it as a status line.
        XCTAssertEqual(try XCTUnwrap(client.readResponse()).bodyText, "GET /after ")
    }

    // MARK: Status rules

    /// Each shape on a fresh connection: the status, then the close.
    func testEachRuleAnswersItsStatusAndCloses() throws {
        let server = try startServer()
        let cases: [(String, Int, String)] = [
            ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505, "version"),
            ("TRACE / HTTP/1.1\r\nHost: h\r\n\r\n", 405, "method"),
            ("POST / HTTP/1.1\r\nHost: h\r\n\r\n", 411, "POST without length"),
            ("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411, "chunked"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 411, "negative length"),
            ("GET /\(String(repeating: "u", count: 16 * 1024)) HTTP/1.1\r\nHost: h\r\n\r\n", 414, "long URL"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(600 * 1024 * 1024)\r\n\r\n", 413, "large body"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400, "CL + TE"),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400, "two lengths"),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n folded\r\n\r\n", 400, "obs-fold"),
            ("GET / HTTP/1.1\nHost: h\n\n", 400, "bare LF"),
            ("GET / HTTP/1.1\r\nHost: h\r\nBad Header: 1\r\n\r\n", 400, "header name"),
        ]
        for (request, status, rule) in cases {
            let client = try connect(server)
            try client.send(request)
            let response = client.readResponse()
            XCTAssertEqual(response?.status, status, rule)
            XCTAssertEqual(response?.header("Connection"), "close", rule)
            XCTAssertTrue(response?.bodyText.contains("\"errorNum\":\(status)") ?? false, rule)
            XCTAssertTrue(client.readsEndOfStream(), rule)
        }
    }

    func testOversizedHeadersGet431() throws {
        let server = try startServer()
        let client = try connect(server)
        let header = "X-Big: \(String(repeating: "h", count: 64 * 1024))\r\n"
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n" + String(repeating: header, count: 17))
        XCTAssertEqual(client.readResponse()?.status, 431)
        XCTAssertTrue(client.readsEndOfStream())
    }

    func testBodyLongerThanContentLengthGets400AfterTheFirstResponse() throws {
        let server = try startServer()
        let client = try connect(server)
        try client.send("POST /doc HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{\"a\":1}")
        XCTAssertEqual(try XCTUnwrap(client.readResponse()).bodyText, "POST /doc {\"")
        XCTAssertEqual(client.readResponse()?.status, 400)
        XCTAssertTrue(client.readsEndOfStream())
    }

    func testContentLengthOnGetIsServedAndLogged() throws {
        let log = CapturedLog()
        let server = try startServer(log: log.log)
        let client = try connect(server)
        try client.send("GET /g HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /next HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try XCTUnwrap(client.readResponse()).bodyText, "GET /g abc")
        XCTAssertEqual(try XCTUnwrap(client.readResponse()).bodyText, "GET /next ")
        XCTAssertEqual(log.messages(at: .warning).count, 1)
        XCTAssertTrue(log.messages(at: .warning).first?.contains("GET /g") ?? false)
    }

    func testExpectContinueGetsAnInterimResponse() throws {
        let server = try startServer()
        let client = try connect(server)
        try client.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 100)
        try client.send("data")
        XCTAssertEqual(try XCTUnwrap(client.readResponse()).bodyText, "POST /e data")
    }

    // MARK: Pipelining and the worker pool

    func testPipelinedResponsesKeepRequestOrderWhileHandlersRunConcurrently() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler)
        let client = try connect(server)
        try client.send("GET /gate?1 HTTP/1.1\r\nHost: h\r\n\r\nGET /second HTTP/1.1\r\nHost: h\r\n\r\nGET /third HTTP/1.1\r\nHost: h\r\n\r\n")
        // The later GETs finish while the first is held at the gate…
        let deadline = Date().addingTimeInterval(5)
        while handler.finishedTargets().count < 2 && Date() < deadline { usleep(1000) }
        usleep(20_000)
        XCTAssertEqual(Set(handler.finishedTargets()), ["/second", "/third"])
        // …yet nothing is written before the first response.
        XCTAssertFalse(client.hasDataWaiting())
        handler.gate.signal()
        XCTAssertEqual(client.readResponse()?.bodyText, "gate 1")
        XCTAssertEqual(client.readResponse()?.bodyText, "GET /second ")
        XCTAssertEqual(client.readResponse()?.bodyText, "GET /third ")
    }

    func testPipelinedWritesWaitForEarlierRequests() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler)
        let client = try connect(server)
        try client.send("GET /gate?1 HTTP/1.1\r\nHost: h\r\n\r\nPUT /write HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nxGET /read HTTP/1.1\r\nHost: h\r\n\r\n")
        usleep(100_000)
        XCTAssertEqual(handler.finishedTargets(), [], "the PUT waits for the GET before it, the GET after waits for the PUT")
        handler.gate.signal()
        XCTAssertEqual(client.readResponse()?.bodyText, "gate 1")
        XCTAssertEqual(client.readResponse()?.bodyText, "PUT /write x")
        XCTAssertEqual(client.readResponse()?.bodyText, "GET /read ")
        XCTAssertEqual(handler.finishedTargets(), ["/gate?1", "/write", "/read"])
    }

    func testASlowHandlerDoesNotStallOtherConnections() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler)
        let slow = try connect(server)
        try slow.send("GET /gate?slow HTTP/1.1\r\nHost: h\r\n\r\n")
        for index in 0..<4 {
            let other = try connect(server)
            try other.send("GET /quick\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            XCTAssertEqual(other.readResponse()?.bodyText, "GET /quick\(index) ")
        }
        XCTAssertFalse(slow.hasDataWaiting())
        handler.gate.signal()
        XCTAssertEqual(slow.readResponse()?.bodyText, "gate slow")
    }

    func testAClientThatDoesNotReadStillGetsEveryResponseInOrder() throws {
        let server = try startServer { $0.maxUnsentOutputBytes = 256 * 1024 }
        let client = try connect(server)
        let count = 12
        var requests = ""
        for index in 0..<count { requests += "GET /big?\(200_000 + index) HTTP/1.1\r\nHost: h\r\n\r\n" }
        try client.send(requests)
        usleep(50_000) // the server fills the socket and stops reading
        for index in 0..<count {
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.body.count, 200_000 + index)
        }
    }

    func testUnsentOutputStopsTheServerTakingRequests() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler) { configuration in
            configuration.maxUnsentOutputBytes = 256 * 1024
            configuration.maxPipelinedRequests = 64
        }
        let client = try connect(server)
        let count = 50
        // One at a time, so each is answered before the next arrives: once
        // the socket's buffers and the output bound are full, no more
        // handlers start however many requests wait.
        for index in 0..<count {
            try client.send("GET /big?\(300_000 + index) HTTP/1.1\r\nHost: h\r\n\r\n")
            usleep(4000)
        }
        var started = -1
        while started != handler.started.withLock({ $0.count }) {
            started = handler.started.withLock { $0.count }
            usleep(100_000)
        }
        XCTAssertLessThan(started, 40, "the server kept taking requests it could not send")
        for index in 0..<count {
            XCTAssertEqual(client.readResponse()?.body.count, 300_000 + index)
        }
    }

    func testHalfClosedClientStillGetsItsAnswers() throws {
        let server = try startServer()
        let client = try connect(server)
        try client.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
        client.finishSending()
        XCTAssertEqual(client.readResponse()?.bodyText, "GET /1 ")
        XCTAssertEqual(client.readResponse()?.bodyText, "GET /2 ")
        XCTAssertTrue(client.readsEndOfStream())
    }

    func testEventLoopAnswersKeepTheirPlaceInLine() throws {
        let handler = LoopAnsweringHandler()
        let server = try startServer(handler: handler)
        let client = try connect(server)
        try client.send("GET /gate?1 HTTP/1.1\r\nHost: h\r\n\r\nGET /fast HTTP/1.1\r\nHost: h\r\n\r\n")
        handler.inner.waitUntilStarted(1)
        let deadline = Date().addingTimeInterval(5)
        while handler.answeredOnLoop.withLock({ $0 == 0 }) && Date() < deadline { usleep(1000) }
        XCTAssertFalse(client.hasDataWaiting(), "the loop's answer waits for the earlier request")
        handler.inner.gate.signal()
        XCTAssertEqual(client.readResponse()?.bodyText, "gate 1")
        XCTAssertEqual(client.readResponse()?.bodyText, "fast")
        XCTAssertEqual(handler.inner.finishedTargets(), ["/gate?1"], "/fast never reached the worker pool")
    }

    // MARK: Timeouts

    func testBodyThatStopsShortIsClosedAfterTheWait() throws {
        let server = try startServer(limits: HTTPLimits(bodyWaitTimeout: .milliseconds(300)))
        let client = try connect(server)
        let started = Date()
        try client.send("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n12345")
        XCTAssertTrue(client.readsEndOfStream(), "closed without a response")
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.28)
        XCTAssertLessThan(waited, 2)
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let server = try startServer(limits: HTTPLimits(idleTimeout: .milliseconds(300)))
        let client = try connect(server)
        try client.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 200)
        let answered = Date()
        XCTAssertTrue(client.readsEndOfStream())
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(answered), 0.28)
    }

    // MARK: Upgrades and stopping

    func testUpgradedConnectionCarriesTheNewProtocol() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler)
        let client = try connect(server)
        // The first bytes of the new protocol ride behind the handshake.
        try client.send("GET /upgrade HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: shout\r\n\r\nhello")
        let switching = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(switching.status, 101)
        XCTAssertEqual(switching.header("Connection"), "Upgrade")
        XCTAssertEqual(String(decoding: client.readBytes(5), as: UTF8.self), "HELLO")
        try client.send("GET / HTTP/1.1\r\n")
        XCTAssertEqual(String(decoding: client.readBytes(16), as: UTF8.self), "GET / HTTP/1.1\r\n")
        try client.send("bye")
        XCTAssertEqual(String(decoding: client.readBytes(3), as: UTF8.self), "BYE")
        XCTAssertTrue(client.readsEndOfStream())
        client.close() // ends the server's lingering at once
        XCTAssertEqual(handler.upgradeClosed.wait(timeout: .now() + 2), .success)
    }

    func testStopFinishesInFlightRequestsThenCloses() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler)
        let port = try XCTUnwrap(server.port)
        let busy = try connect(server)
        let idle = try connect(server)
        try busy.send("GET /gate?last HTTP/1.1\r\nHost: h\r\n\r\n")
        handler.waitUntilStarted(1)
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.stop()
            stopped.signal()
        }
        XCTAssertTrue(idle.readsEndOfStream(), "idle connections close at once")
        var refused = false
        let deadline = Date().addingTimeInterval(2)
        while !refused && Date() < deadline {
            refused = (try? RawHTTPConnection(port: port)) == nil
            if !refused { usleep(2000) }
        }
        XCTAssertTrue(refused, "the listener closes")
        XCTAssertFalse(busy.hasDataWaiting())
        handler.gate.signal()
        XCTAssertEqual(busy.readResponse()?.bodyText, "gate last")
        XCTAssertTrue(busy.readsEndOfStream())
        XCTAssertEqual(stopped.wait(timeout: .now() + 3), .success)
    }

    func testStopClosesWhatOutlivesTheGracePeriod() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler) { $0.shutdownGracePeriod = .milliseconds(200) }
        let stuck = try connect(server)
        try stuck.send("GET /gate?never HTTP/1.1\r\nHost: h\r\n\r\n")
        handler.waitUntilStarted(1)
        let started = Date()
        server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
        XCTAssertTrue(stuck.readsEndOfStream(), "closed without the response it was still waiting for")
        handler.gate.signal() // lets the worker go
    }

    func testListenersReportTheirBoundPorts() throws {
        let server = try startServer()
        XCTAssertEqual(server.listeners.count, 1)
        XCTAssertNotEqual(server.port, 0)
        XCTAssertNil(server.tlsPort)
        let second = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: server.port!, log: .disabled),
                                handler: TransportTestHandler())
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertTrue("\(error)".contains("bind 127.0.0.1"), "\(error)")
        }
    }
}
