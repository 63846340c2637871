@testable import C8Net
import Foundation
import XCTest

/// The clients against the real transport (`HTTPServer`), plain and TLS:
/// keep-alive reuse, reconnecting after the server's idle close, WebSocket
/// echo with fragments, pings and the close handshake, and certificate
/// verification.
final class ClientServerEndToEndTests: XCTestCase {
    private static let certificates = TestBox<DevelopmentCertificateFiles?>(nil)

    // MARK: HTTP

    func testKeepAliveReusesOneServerConnection() throws {
        let (server, _) = try startServer()
        let client = try HTTPClient(baseURL: "http://127.0.0.1:\(try XCTUnwrap(server.port))")
        var peers = Set<String>()
        for i in 0..<20 {
            let response = try client.send(HTTPRequest(method: .post, target: "/echo", body: Array("n\(i)".utf8)))
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "n\(i)")
            peers.insert(try XCTUnwrap(response.headers["X-Peer"]))
        }
        XCTAssertEqual(peers.count, 1, "every request went over the same connection")
    }

    func testReconnectsAfterTheServerClosedAnIdleConnection() throws {
        let (server, _) = try startServer(limits: HTTPLimits(idleTimeout: .milliseconds(200)))
        let client = try HTTPClient(baseURL: "http://127.0.0.1:\(try XCTUnwrap(server.port))")
        let first = try client.send(HTTPRequest(method: .get, target: "/info"))
        usleep(1_000_000) // well past the server's idle timeout
        let second = try client.send(HTTPRequest(method: .post, target: "/echo", body: [1]))
        XCTAssertEqual(second.status, 200)
        XCTAssertNotEqual(first.headers["X-Peer"], second.headers["X-Peer"], "a new connection")
    }

    // MARK: WebSocket

    func testWebSocketEchoThroughTheServer() throws {
        let (server, handler) = try startServer()
        var configuration = WebSocketClientConfiguration()
        configuration.webSocket.outgoingFragmentSize = 100
        let socket = try WebSocketClient.connect(to: "ws://127.0.0.1:\(try XCTUnwrap(server.port))/ws",
                                                 configuration: configuration)
        try socket.send(text: "hello")
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text("hello"))
        let long = String(repeating: "fragmented ✓ ", count: 1000)
        try socket.send(text: long)
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text(long))
        try socket.send(binary: [0, 1, 2])
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .binary([0, 1, 2]))
        try socket.ping(Array("p".utf8))
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .pong(Array("p".utf8)))
        try socket.send(text: "ping me")
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .ping([42]))
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text("ping me"))
        XCTAssertEqual(try socket.close(reason: "finished").code, .normalClosure)
        XCTAssertTrue(eventually { handler.log.last == "close 1000 finished" }, "\(handler.log)")
        XCTAssertTrue(handler.log.contains("pong 1"))
    }

    func testServerClosesTheWebSocket() throws {
        let (server, _) = try startServer()
        let socket = try WebSocketClient.connect(to: "ws://127.0.0.1:\(try XCTUnwrap(server.port))/ws")
        try socket.send(text: "bye")
        XCTAssertNil(try socket.receive(timeout: .seconds(5)))
        XCTAssertEqual(socket.closeStatus?.code, WebSocketCloseCode(4000))
    }

    func testBadHandshakeThroughTheServer() throws {
        let (server, _) = try startServer()
        let client = try HTTPClient(baseURL: "http://127.0.0.1:\(try XCTUnwrap(server.port))")
        var request = HTTPRequest(method: .get, target: "/ws")
        request.headers.add("Upgrade", "websocket")
        request.headers.add("Connection", "Upgrade")
        request.headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        request.headers.add("Sec-WebSocket-Version", "7")
        let response = try client.send(request)
        XCTAssertEqual(response.status, 426)
        XCTAssertEqual(response.headers["Sec-WebSocket-Version"], "13")
    }

    func testManyWebSocketsAtOnce() throws {
        let (server, _) = try startServer()
        let port = try XCTUnwrap(server.port)
        let failures = TestBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 32) { client in
            do {
                let socket = try WebSocketClient.connect(to: "ws://127.0.0.1:\(port)/ws")
                for i in 0..<20 {
                    try socket.send(text: "client \(client) message \(i)")
                    let echo = try socket.receive(timeout: .seconds(10))
                    if echo != .text("client \(client) message \(i)") {
                        failures.update { $0.append("client \(client): \(String(describing: echo))") }
                    }
                }
                try socket.close()
            } catch {
                failures.update { $0.append("client \(client): \(error)") }
            }
        }
        XCTAssertEqual(failures.get(), [])
    }

    func testLargeBinaryMessageThroughTheServer() throws {
        let (server, _) = try startServer()
        var configuration = WebSocketClientConfiguration()
        configuration.webSocket.outgoingFragmentSize = 64 * 1024
        let socket = try WebSocketClient.connect(to: "ws://127.0.0.1:\(try XCTUnwrap(server.port))/ws",
                                                 configuration: configuration)
        let payload = (0..<(5 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2654435761) }
        try socket.send(binary: payload)
        XCTAssertEqual(try socket.receive(timeout: .seconds(30)), .binary(payload))
    }

    func testConcurrentHTTPRequestsShareAPool() throws {
        let (server, _) = try startServer()
        let client = try HTTPClient(baseURL: "http://127.0.0.1:\(try XCTUnwrap(server.port))")
        let failures = TestBox(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<50 {
                let body = Array("\(thread)-\(i)".utf8)
                let echo = try? client.send(HTTPRequest(method: .post, target: "/echo", body: body)).body
                if echo != body { failures.update { $0 += 1 } }
            }
        }
        XCTAssertEqual(failures.get(), 0)
        XCTAssertLessThanOrEqual(client.idleConnectionCount(to: client.baseURL.origin), 8)
    }

    // MARK: TLS

    func testHTTPSWithTheTestCA() throws {
        let (server, _) = try startServer(tls: true)
        let files = try Self.certificateFiles()
        let client = try HTTPClient(baseURL: "https://localhost:\(try XCTUnwrap(server.tlsPort))",
                                    configuration: HTTPClientConfiguration(tlsVerification: .caFile(files.caCertificateFile)))
        var peers = Set<String>()
        for i in 0..<5 {
            let response = try client.send(HTTPRequest(method: .post, target: "/echo", body: Array("s\(i)".utf8)))
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "s\(i)")
            XCTAssertEqual(response.headers["X-TLS"], "true")
            peers.insert(try XCTUnwrap(response.headers["X-Peer"]))
        }
        XCTAssertEqual(peers.count, 1, "TLS connections are pooled too")
        let large = [UInt8](repeating: 0x5A, count: 300_000)
        XCTAssertEqual(try client.send(HTTPRequest(method: .post, target: "/echo", body: large)).body, large)
    }

    func testHTTPSRefusesAnUntrustedCertificateUnlessInsecure() throws {
        let (server, _) = try startServer(tls: true)
        let url = "https://localhost:\(try XCTUnwrap(server.tlsPort))"
        let verifying = try HTTPClient(baseURL: url, configuration: HTTPClientConfiguration(tlsVerification: .systemTrustStore))
        XCTAssertThrowsError(try verifying.send(HTTPRequest(method: .get, target: "/info"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .tlsFailed, "\(error)")
            XCTAssertTrue("\(error)".contains("certificate verification"), "\(error)")
        }
        let insecure = try HTTPClient(baseURL: url, configuration: HTTPClientConfiguration(tlsVerification: .none))
        XCTAssertEqual(try insecure.send(HTTPRequest(method: .get, target: "/info")).status, 200)
    }

    func testHTTPSChecksTheHostName() throws {
        let (server, _) = try startServer(host: "0.0.0.0", tls: true)
        let files = try Self.certificateFiles()
        // The certificate names localhost and 127.0.0.1, not 127.0.0.2.
        let client = try HTTPClient(baseURL: "https://127.0.0.2:\(try XCTUnwrap(server.tlsPort))",
                                    configuration: HTTPClientConfiguration(tlsVerification: .caFile(files.caCertificateFile)))
        XCTAssertThrowsError(try client.send(HTTPRequest(method: .get, target: "/info"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .tlsFailed, "\(error)")
            XCTAssertTrue("\(error)".contains("mismatch"), "\(error)")
        }
    }

    func testSecureWebSocket() throws {
        let (server, handler) = try startServer(tls: true)
        let files = try Self.certificateFiles()
        var configuration = WebSocketClientConfiguration(tlsVerification: .caFile(files.caCertificateFile))
        configuration.webSocket.outgoingFragmentSize = 1000
        let socket = try WebSocketClient.connect(to: "wss://localhost:\(try XCTUnwrap(server.tlsPort))/ws",
                                                 configuration: configuration)
        let text = String(repeating: "secure ", count: 10_000)
        try socket.send(text: text)
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text(text))
        try socket.ping([1])
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .pong([1]))
        XCTAssertEqual(try socket.close().code, .normalClosure)
        XCTAssertTrue(eventually { handler.log.last == "close 1000" }, "\(handler.log)")
    }

    // MARK: Helpers

    /// A server on `host` (plain, or TLS only) whose handler answers
    /// `/echo` with the request body, `/info` with nothing, and upgrades
    /// `/ws` to an ``EchoServerHandler``; stopped when the test ends.
    private func startServer(host: String = "127.0.0.1", limits: HTTPLimits = HTTPLimits(),
                             tls: Bool = false) throws -> (HTTPServer, EchoServerHandler) {
        let handler = EchoServerHandler()
        var tlsListener: (port: Int, context: TLSContext)?
        if tls {
            let files = try Self.certificateFiles()
            tlsListener = (0, try TLSContext.server(certificateFile: files.certificateFile, keyFile: files.keyFile))
        }
        let configuration = HTTPServerConfiguration(host: host, port: tls ? nil : 0, tls: tlsListener,
                                                    limits: limits, log: .disabled)
        let server = HTTPServer(configuration: configuration, handler: EndToEndRoutes(webSocketHandler: handler))
        try server.start()
        addTeardownBlock { server.stop() }
        return (server, handler)
    }

    /// One CA and server certificate for the whole run.
    private static func certificateFiles() throws -> DevelopmentCertificateFiles {
        if let files = certificates.get() { return files }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("c8-client-tests-\(getpid())").path
        let files = try DevelopmentCertificates.write(to: directory, dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
        certificates.update { $0 = files }
        return files
    }
}

/// The routes of the end-to-end server.
private struct EndToEndRoutes: HTTPHandler {
    let webSocketHandler: EchoServerHandler

    func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("X-Peer", "\(peer.address):\(peer.port)")
        headers.add("X-TLS", String(peer.isTLS))
        switch request.rawPath {
        case "/ws": return WebSocketServerHandshake.response(to: request, handler: webSocketHandler)
        case "/echo": return HTTPResponse(status: 200, headers: headers, body: request.body)
        case "/info": return HTTPResponse(status: 200, headers: headers)
        default: return HTTPResponse(status: 404, headers: headers)
        }
    }
}
