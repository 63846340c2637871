@testable import C8Net
import Foundation
import Glibc
import Synchronization
import XCTest

/// Hostile clients against a live server: smuggling shapes, header
/// injection, slowloris, connection floods, oversized WebSocket frames and
/// ping floods. Each test is bounded (seconds); `C8_HOSTILE_LONG=1` makes
/// the floods ten times longer (Docs/SERVER.md, "Hostile input and load").
final class HTTPHostileInputTests: XCTestCase {
    private static let long = ProcessInfo.processInfo.environment["C8_HOSTILE_LONG"] == "1"

    private func connect(_ server: HTTPServer, timeout: Double = 5) throws -> RawHTTPConnection {
        try RawHTTPConnection(port: try XCTUnwrap(server.port), timeout: timeout)
    }

    // MARK: Smuggling and malformed framing

    /// Every shape two parsers could frame differently is refused with its
    /// status and the connection closed, so nothing after it is read.
    func testSmugglingShapesAreRefusedAndClosed() throws {
        let server = try startServer()
        let post = "POST / HTTP/1.1\r\nHost: h\r\n"
        let cases: [(String, Int, String)] = [
            (post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc", 400, "TE then CL"),
            (post + "content-length: 3\r\nTRANSFER-ENCODING: identity\r\n\r\nabc", 400, "CL + TE in other cases"),
            (post + "Content-Length: 3, 4\r\n\r\nabcd", 400, "conflicting list"),
            (post + "Content-Length: 3\r\ncontent-length: 03\r\nContent-Length: 4\r\n\r\nabcd", 400, "third length differs"),
            (post + "Content-Length: +3\r\n\r\nabc", 400, "signed length"),
            (post + "Content-Length: 0x3\r\n\r\nabc", 400, "hex length"),
            (post + "Content-Length: 3 3\r\n\r\nabc", 400, "two numbers in one value"),
            (post + "Content-Length : 3\r\n\r\nabc", 400, "space before colon"),
            (post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400, "TE with space before colon"),
            (post + "Content-Length: 99999999999999999999999999\r\n\r\n", 413, "overflowing length"),
            (post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 411, "bad chunk size"),
            (post + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n", 411, "negative chunk size"),
            (post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", 411, "overflowing chunk size"),
            (post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 411, "TE list"),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\tfolded\r\n\r\n", 400, "obs-fold with tab"),
            ("GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400, "first header folded"),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "two Hosts"),
            ("GET / HTTP/1.1\r\n\r\n", 400, "no Host on 1.1"),
            ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400, "double space"),
            ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400, "trailing space in request line"),
            ("GET /\u{7F} HTTP/1.1\r\nHost: h\r\n\r\n", 400, "DEL in target"),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n", 400, "bare CR in a value"),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{0}b\r\n\r\n", 400, "NUL in a value"),
            ("GET / HTTP/1.1\r\nHost: h\r\nX\u{0}A: b\r\n\r\n", 400, "NUL in a name"),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\nInjected: 1\r\n\r\n", 400, "bare LF in a value"),
            ("GET / HTTP/1.1\r\nHost: h\r\n: empty name\r\n\r\n", 400, "empty name"),
            ("GET / HTTP/1.1\r\nHost: h\r\nno colon\r\n\r\n", 400, "no colon"),
            ("GET / HTTP/3\r\nHost: h\r\n\r\n", 505, "HTTP/3"),
            ("CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n", 405, "CONNECT"),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}", 400, "TLS hello on the plain port"),
        ]
        for (request, status, rule) in cases {
            let client = try connect(server)
            try client.send(request)
            let response = client.readResponse()
            XCTAssertEqual(response?.status, status, rule)
            XCTAssertEqual(response?.header("Connection"), "close", rule)
            XCTAssertTrue(client.readsEndOfStream(), rule)
        }
    }

    /// A request hidden in the body of a CL + TE request, and one after a
    /// body the chunked framing would end early, never reach the handler.
    func testSmuggledRequestsNeverReachTheHandler() throws {
        let handler = TransportTestHandler()
        let server = try startServer(handler: handler)
        let smuggled = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n"
        let attempts = [
            "POST /front HTTP/1.1\r\nHost: h\r\nContent-Length: \(5 + smuggled.utf8.count)\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
            "POST /front HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
            "POST /front HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n" + smuggled,
        ]
        for attempt in attempts {
            let client = try connect(server)
            try client.send(attempt)
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertTrue([400, 411].contains(response.status), "\(response.status)")
            XCTAssertTrue(client.readsEndOfStream())
        }
        XCTAssertTrue(handler.finishedTargets().isEmpty, "handler saw \(handler.finishedTargets())")
    }

    // MARK: Header injection

    /// A handler that copies client input (the percent-decoded query) into
    /// a response header cannot split the response: CR, LF and NUL become
    /// spaces, so the client reads exactly one response and then the next.
    func testEchoedHeaderValuesCannotSplitTheResponse() throws {
        let server = try startServer(handler: EchoingHeaderHandler())
        let client = try connect(server)
        let injection = "a%0d%0aX-Injected:%20yes%0d%0a%0d%0aHTTP/1.1%20200%20OK%0d%0aX-Evil:%201%00z"
        try client.send("GET /echo?\(injection) HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 200)
        XCTAssertNil(response.header("X-Injected"))
        XCTAssertNil(response.header("X-Evil"))
        let echoed = try XCTUnwrap(response.header("X-Echo"))
        XCTAssertFalse(echoed.contains("\r") || echoed.contains("\n") || echoed.contains("\u{0}"), echoed)
        XCTAssertTrue(echoed.contains("X-Injected: yes"), "the text is kept, made harmless: \(echoed)")
        XCTAssertEqual(response.bodyText, "one")
        XCTAssertFalse(client.hasDataWaiting(), "a second, injected response follows")
        // The header name too, and the connection still frames correctly.
        try client.send("GET /name?X-A%3a%20b%0d%0aX-Injected HTTP/1.1\r\nHost: h\r\n\r\n")
        let second = try XCTUnwrap(client.readResponse())
        XCTAssertNil(second.header("X-Injected"))
        XCTAssertEqual(second.bodyText, "one")
        try client.send("GET /plain HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 200)
    }

    // MARK: Slowloris

    /// Many connections sending their heads a byte at a time are answered
    /// 408 and closed when the header timeout passes, however steadily
    /// they trickle; meanwhile normal requests are answered promptly.
    func testSlowlorisConnectionsAreCutOffWhileOthersAreServed() throws {
        let count = Self.long ? 1000 : 200
        let limits = HTTPLimits(headerTimeout: .seconds(1))
        let server = try startServer(limits: limits)
        let slow = try (0..<count).map { _ in try connect(server, timeout: 6) }
        let head = Array("GET /slow HTTP/1.1\r\nHost: h\r\nX-Slow: \(String(repeating: "s", count: 200))\r\n".utf8)
        let stop = Atomic<Bool>(false)
        let descriptors = slow.map(\.descriptor)
        let trickler = Thread {
            var position = 0
            while !stop.load(ordering: .relaxed) && position < head.count {
                for descriptor in descriptors {
                    _ = head.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + position, 1,
                                                          Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)) }
                }
                position += 1
                usleep(20_000)
            }
        }
        trickler.start()
        defer { stop.store(true, ordering: .relaxed) }
        // Normal clients while the trickle runs (before the timeout fires).
        usleep(200_000)
        var latencies: [Double] = []
        for index in 0..<20 {
            let started = Date()
            let client = try connect(server)
            try client.send("GET /normal\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            XCTAssertEqual(client.readResponse()?.status, 200)
            latencies.append(Date().timeIntervalSince(started))
        }
        latencies.sort()
        XCTAssertLessThan(latencies[latencies.count / 2], 0.25, "median latency under slowloris: \(latencies)")
        XCTAssertLessThan(latencies.last!, 1.0, "worst latency under slowloris: \(latencies)")
        // Every slow connection is cut off with 408 within the timeout and a tick or two.
        let deadline = Date().addingTimeInterval(4)
        var timedOut = 0
        for connection in slow {
            if let response = connection.readResponse(), response.status == 408, connection.readsEndOfStream() { timedOut += 1 }
        }
        stop.store(true, ordering: .relaxed)
        XCTAssertEqual(timedOut, count, "slow connections answered 408 and closed")
        XCTAssertLessThan(Date(), deadline)
        XCTAssertTrue(waitUntil { server.openConnectionCount == 0 }, "open: \(server.openConnectionCount)")
    }

    /// The header timeout runs from a head's first byte: a keep-alive
    /// connection that is idle, then sends a head promptly, is served.
    func testHeaderTimeoutDoesNotCountIdleTimeOrPromptHeads() throws {
        let server = try startServer(limits: HTTPLimits(headerTimeout: .milliseconds(400)))
        let client = try connect(server)
        for index in 0..<3 {
            try client.send("GET /a\(index) HTTP/1.1\r\n")
            usleep(150_000)
            try client.send("Host: h\r\n\r\n")
            XCTAssertEqual(client.readResponse()?.status, 200, "request \(index)")
            usleep(300_000) // idle between requests: not head time
        }
    }

    // MARK: Connection floods

    /// 10,000 connections (50,000 with C8_HOSTILE_LONG=1) opened and dropped in every state
    /// — right away, mid-head, after a request without reading the answer,
    /// after reading it — leave nothing behind: the server's count and the
    /// process's descriptors come back, memory stays bounded and it serves.
    func testTenThousandConnectionsOpenedAndDroppedLeaveNothingBehind() throws {
        let total = Self.long ? 50_000 : 10_000
        let server = try startServer(limits: HTTPLimits(headerTimeout: .seconds(2)))
        let descriptorsBefore = openDescriptorCount()
        let rssBefore = residentKiB()
        let batch = 250
        for start in stride(from: 0, to: total, by: batch) {
            var open: [RawHTTPConnection] = []
            for index in start..<min(total, start + batch) {
                let client = try connect(server, timeout: 2)
                switch index % 4 {
                case 0: break
                case 1: try client.send("GET /partial HTTP/1.1\r\nHo")
                case 2: try client.send("POST /unread HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")
                default:
                    try client.send("GET /read HTTP/1.1\r\nHost: h\r\n\r\n")
                    XCTAssertEqual(client.readResponse()?.status, 200)
                }
                open.append(client)
            }
            for client in open { client.close() }
        }
        XCTAssertTrue(waitUntil(seconds: 5) { server.openConnectionCount == 0 }, "still open: \(server.openConnectionCount)")
        XCTAssertTrue(waitUntil(seconds: 5) { self.openDescriptorCount() <= descriptorsBefore + 4 },
                      "descriptors before \(descriptorsBefore), after \(openDescriptorCount())")
        let grownMiB = (residentKiB() - rssBefore) / 1024
        XCTAssertLessThan(grownMiB, 64, "resident memory grew \(grownMiB) MiB over \(total) connections")
        let client = try connect(server)
        try client.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 200)
    }

    /// Over `maxConnections` a connection is answered 503 and closed at
    /// once; the ones already open keep working and, once some close, new
    /// ones are taken again.
    func testConnectionsOverTheLimitGet503() throws {
        let log = CapturedLog()
        let server = try startServer(log: log.log) { $0.maxConnections = 20 }
        var open = try (0..<20).map { index -> RawHTTPConnection in
            let client = try connect(server)
            try client.send("GET /hold\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            XCTAssertEqual(client.readResponse()?.status, 200)
            return client
        }
        XCTAssertEqual(server.openConnectionCount, 20)
        for _ in 0..<3 {
            let refused = try connect(server)
            let response = refused.readResponse()
            XCTAssertEqual(response?.status, 503)
            XCTAssertEqual(response?.header("Retry-After"), "1")
            XCTAssertTrue(response?.bodyText.contains("too many connections") ?? false)
            XCTAssertTrue(refused.readsEndOfStream())
        }
        XCTAssertTrue(log.messages(at: .warning).contains { $0.contains("maxConnections") })
        try open[0].send("GET /still HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(open[0].readResponse()?.status, 200, "open connections keep working")
        for client in open.prefix(5) { client.close() }
        open.removeFirst(5)
        XCTAssertTrue(waitUntil { server.openConnectionCount == 15 })
        let again = try connect(server)
        try again.send("GET /again HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(again.readResponse()?.status, 200)
    }

    // MARK: WebSocket

    /// A frame announcing more than the limit is refused with 1009 as soon
    /// as its header arrives — nothing is allocated for the announced
    /// length, however large — and so is a message assembled past it.
    func testOversizedWebSocketFramesAreRefusedWith1009() throws {
        let server = try startServer(handler: EchoingHeaderHandler())
        let rssBefore = residentKiB()
        for announced in [UInt64(70_000), UInt64(1) << 32, UInt64(1) << 62] {
            let client = try openWebSocket(server)
            var header: [UInt8] = [0x82, 0x80 | 127]
            for shift in stride(from: 56, through: 0, by: -8) { header.append(UInt8(truncatingIfNeeded: announced >> UInt64(shift))) }
            header += [1, 2, 3, 4] // masking key; no payload follows
            try client.send(header)
            XCTAssertEqual(try readCloseCode(client), 1009, "frame announcing \(announced) bytes")
            XCTAssertTrue(client.readsEndOfStream())
        }
        // A message of small fragments that adds up to more than the limit.
        let client = try openWebSocket(server)
        let fragment = [UInt8](repeating: 7, count: 30_000)
        try client.send(WebSocketFrameEncoder.encode(WebSocketFrame(fin: false, opcode: .binary, payload: fragment), maskingKey: .random()))
        try client.send(WebSocketFrameEncoder.encode(WebSocketFrame(fin: false, opcode: .continuation, payload: fragment), maskingKey: .random()))
        try client.send(WebSocketFrameEncoder.encode(WebSocketFrame(fin: true, opcode: .continuation, payload: fragment), maskingKey: .random()))
        XCTAssertEqual(try readCloseCode(client), 1009, "fragmented message over the limit")
        let grownMiB = (residentKiB() - rssBefore) / 1024
        XCTAssertLessThan(grownMiB, 32, "announced lengths were allocated: \(grownMiB) MiB")
    }

    /// A client flooding pings without reading the pongs: the server stops
    /// reading once the pongs it owes pass the unsent-output bound, so its
    /// memory stays bounded, others are served, and the pongs it did queue
    /// arrive once the client reads.
    func testPingFloodIsBoundedByBackPressure() throws {
        let server = try startServer(handler: EchoingHeaderHandler())
        let client = try openWebSocket(server)
        let rssBefore = residentKiB()
        var timeout = timeval(tv_sec: 0, tv_usec: 300_000)
        setsockopt(client.descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let ping = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .ping, payload: [UInt8](repeating: 1, count: 125)),
                                                maskingKey: .random())
        let burst = Array([[UInt8]](repeating: ping, count: 512).joined())
        let planned = Self.long ? 4_000_000 : 400_000 // pings
        var sentBytes = 0
        let started = Date()
        while sentBytes < planned * ping.count && Date().timeIntervalSince(started) < 10 {
            let sent = burst.withUnsafeBytes { Glibc.send(client.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break } // the server stopped reading: back-pressure
            sentBytes += sent
        }
        XCTAssertLessThan(sentBytes, planned * ping.count, "the server read \(sentBytes) bytes of pings without pushing back")
        // Others are served meanwhile.
        let other = try connect(server)
        let before = Date()
        try other.send("GET /other HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(other.readResponse()?.status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(before), 1)
        let grownMiB = (residentKiB() - rssBefore) / 1024
        XCTAssertLessThan(grownMiB, 64, "ping flood of \(sentBytes) bytes grew memory by \(grownMiB) MiB")
        // The first pongs are there, in order, once the client reads.
        let pong = client.readBytes(2 + 125)
        XCTAssertEqual(pong.first, 0x8A)
        XCTAssertEqual(pong.count, 127)
        client.close()
        XCTAssertTrue(waitUntil { server.openConnectionCount == 1 }, "open: \(server.openConnectionCount)")
    }

    // MARK: Helpers

    private func openWebSocket(_ server: HTTPServer) throws -> RawHTTPConnection {
        let client = try connect(server)
        try client.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 101)
        return client
    }

    /// Reads the server's close frame (unmasked, short) and returns its code.
    private func readCloseCode(_ client: RawHTTPConnection) throws -> Int {
        let head = client.readBytes(2)
        guard head.count == 2 else { throw XCTSkip("no close frame") }
        XCTAssertEqual(head[0], 0x88, "a close frame")
        let payload = client.readBytes(Int(head[1] & 0x7F))
        guard payload.count >= 2 else { return 1005 }
        return Int(payload[0]) << 8 | Int(payload[1])
    }

    private func waitUntil(seconds: Double = 3, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    private func openDescriptorCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    private func residentKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ")[1]) ?? 0
    }
}

/// `/echo?X` answers with header `X-Echo` set to the percent-decoded X,
/// `/name?X` with a header *named* X; `/ws` opens a WebSocket (64 KB frame
/// and message limits) that echoes; anything else is 200.
final class EchoingHeaderHandler: HTTPHandler {
    func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
        let decoded = String(request.rawQuery).removingPercentEncoding ?? ""
        switch String(request.rawPath) {
        case "/echo":
            return HTTPResponse(status: 200, headers: HTTPHeaders([("X-Echo", decoded)]), body: Array("one".utf8))
        case "/name":
            return HTTPResponse(status: 200, headers: HTTPHeaders([(decoded, "v")]), body: Array("one".utf8))
        case "/ws":
            let configuration = WebSocketConfiguration(maxFrameSize: 64 * 1024, maxMessageSize: 64 * 1024)
            return WebSocketServerHandshake.response(to: request, configuration: configuration, handler: EchoingHandler())
        default:
            return HTTPResponse(status: 200, body: Array("ok".utf8))
        }
    }
}
