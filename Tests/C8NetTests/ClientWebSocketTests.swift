@testable import C8Net
import XCTest

/// The WebSocket client against the server-side ``WebSocketConnection``,
/// pumped over a real socket by ``ClientTestServer`` the way the transport
/// does; and against scripted servers that misbehave.
final class ClientWebSocketTests: XCTestCase {
    func testTextAndBinaryEcho() throws {
        let (server, _) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        XCTAssertEqual(socket.handshakeResponse.status, 101)
        try socket.send(text: "héllo")
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text("héllo"))
        try socket.send(binary: [0, 1, 254, 255])
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .binary([0, 1, 254, 255]))
        try socket.send(text: "")
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text(""))
    }

    func testLargeMessagesFragmentedBothWays() throws {
        let (server, _) = try echoServer(WebSocketConfiguration(outgoingFragmentSize: 1000))
        var configuration = WebSocketClientConfiguration()
        configuration.webSocket.outgoingFragmentSize = 777
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"), configuration: configuration)
        let text = String(repeating: "añb€", count: 5000) // multi-byte characters split across fragments
        try socket.send(text: text)
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text(text))
        let binary = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try socket.send(binary: binary)
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .binary(binary))
    }

    func testClientPingGetsAPong() throws {
        let (server, _) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        try socket.ping([1, 2, 3])
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .pong([1, 2, 3]))
    }

    func testServerPingIsAnsweredByTheClient() throws {
        let (server, handler) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        try socket.send(text: "ping me")
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .ping([42]))
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .text("ping me"))
        XCTAssertTrue(eventually { handler.log.contains("pong 1") }, "\(handler.log)")
    }

    func testClientCloseHandshake() throws {
        let (server, handler) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        try socket.send(text: "last")
        let status = try socket.close(code: .goingAway, reason: "bye")
        XCTAssertEqual(status.code, .goingAway, "the server echoes the code")
        XCTAssertEqual(socket.closeStatus?.code, .goingAway)
        XCTAssertTrue(eventually { handler.log.last == "close 1001 bye" }, "\(handler.log)")
        XCTAssertTrue(handler.log.contains("text last"), "a message sent before the close is delivered")
        XCTAssertThrowsError(try socket.send(text: "after")) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .webSocketClosed)
        }
        XCTAssertEqual(try socket.close().code, .goingAway, "closing again reports the same end")
    }

    func testCloseFromAnotherThreadWhileOneReceives() throws {
        let (server, handler) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        let received = TestBox<[WebSocketMessage?]>([])
        let receiverDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            while true {
                let message = try? socket.receive()
                received.update { $0.append(message) }
                if message == nil { break }
            }
            receiverDone.signal()
        }
        try socket.send(text: "one")
        XCTAssertTrue(eventually { received.get().count == 1 })
        usleep(20_000) // the receiver is blocked in its next read
        let status = try socket.close(reason: "from another thread", timeout: .seconds(5))
        XCTAssertEqual(status.code, .normalClosure)
        XCTAssertEqual(receiverDone.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(received.get(), [.text("one"), nil], "the receiver saw the message, then the end")
        XCTAssertTrue(eventually { handler.log.last == "close 1000 from another thread" }, "\(handler.log)")
    }

    func testCloseGivesUpOnASilentServer() throws {
        let server = try ClientTestServer { connection in
            guard let request = connection.readRequest(), let key = request.headers["Sec-WebSocket-Key"] else { return }
            connection.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             + "Sec-WebSocket-Accept: \(WebSocketAcceptKey.accept(forKey: key))\r\n\r\n")
            while connection.readSome() != nil {} // never answers the close frame
        }
        let socket = try WebSocketClient.connect(to: server.url("ws", "/x"))
        let start = ContinuousClock.now
        let status = try socket.close(timeout: .milliseconds(100))
        XCTAssertEqual(status.code, .abnormalClosure)
        XCTAssertLessThan(start.duration(to: .now), .seconds(2))
    }

    func testServerInitiatedClose() throws {
        let (server, handler) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        try socket.send(text: "bye")
        XCTAssertNil(try socket.receive(timeout: .seconds(5)))
        XCTAssertEqual(socket.closeStatus?.code, WebSocketCloseCode(4000))
        XCTAssertEqual(socket.closeStatus?.reason, "done")
        XCTAssertThrowsError(try socket.receiveEvent(timeout: .seconds(1))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .webSocketClosed)
        }
        XCTAssertTrue(eventually { handler.log.last == "close 4000" }, "\(handler.log)")
    }

    func testHandshakeCarriesExtraHeaders() throws {
        let (server, handler) = try echoServer()
        var headers = HTTPHeaders()
        headers.add("Authorization", "apikey secret")
        _ = try WebSocketClient.connect(to: server.url("ws", "/stream?x=1"), headers: headers)
        XCTAssertTrue(eventually { handler.log.contains("open /stream?x=1 apikey secret") }, "\(handler.log)")
    }

    func testReceiveTimeoutLeavesTheConnectionUsable() throws {
        let (server, _) = try echoServer()
        let socket = try WebSocketClient.connect(to: server.url("ws", "/echo"))
        XCTAssertThrowsError(try socket.receive(timeout: .milliseconds(50))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .timedOut)
        }
        try socket.send(text: "still there")
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text("still there"))
    }

    // MARK: Misbehaving servers

    func testRefusedHandshakeCarriesTheResponse() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.respond(.json(401, #"{"error":true,"code":401,"errorNum":11,"errorMessage":"unauthorized"}"#),
                               closing: true)
        }
        XCTAssertThrowsError(try WebSocketClient.connect(to: server.url("ws", "/x"))) { error in
            let error = error as? NetworkClientError
            XCTAssertEqual(error?.kind, .handshakeFailed)
            XCTAssertEqual(error?.response?.status, 401)
            XCTAssertTrue(error?.message.contains("unauthorized") == true, String(describing: error))
        }
    }

    func testWrongAcceptKeyIsRejected() throws {
        let server = try ClientTestServer { connection in
            guard connection.readRequest() != nil else { return }
            connection.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
            _ = connection.readSome()
        }
        XCTAssertThrowsError(try WebSocketClient.connect(to: server.url("ws", "/x"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .handshakeFailed)
            XCTAssertTrue("\(error)".contains("Sec-WebSocket-Accept"))
        }
    }

    func testUnofferedExtensionIsRejected() throws {
        let server = try ClientTestServer { connection in
            guard let request = connection.readRequest(), let key = request.headers["Sec-WebSocket-Key"] else { return }
            connection.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             + "Sec-WebSocket-Accept: \(WebSocketAcceptKey.accept(forKey: key))\r\n"
                             + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
            _ = connection.readSome()
        }
        XCTAssertThrowsError(try WebSocketClient.connect(to: server.url("ws", "/x"))) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .handshakeFailed)
        }
    }

    func testFramesArrivingWithThe101AreDelivered() throws {
        let server = try ClientTestServer { connection in
            guard let request = connection.readRequest(), let key = request.headers["Sec-WebSocket-Key"] else { return }
            let head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: \(WebSocketAcceptKey.accept(forKey: key))\r\n\r\n"
            let frame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: Array("welcome".utf8)),
                                                     maskingKey: nil)
            connection.write(Array(head.utf8) + frame)
            _ = connection.readSome()
        }
        let socket = try WebSocketClient.connect(to: server.url("ws", "/x"))
        XCTAssertEqual(try socket.receive(timeout: .seconds(5)), .text("welcome"))
    }

    func testServerVanishingIsAnAbnormalClosure() throws {
        let server = try ClientTestServer { connection in
            guard let request = connection.readRequest() else { return }
            // Upgrade, then drop the connection without a close frame.
            connection.respond(WebSocketServerHandshake.response(to: request, handler: TextOnlyHandler()))
        }
        let socket = try WebSocketClient.connect(to: server.url("ws", "/x"))
        guard case .close(let code, _) = try socket.receiveEvent(timeout: .seconds(5)) else {
            return XCTFail("expected the final close event")
        }
        XCTAssertEqual(code, .abnormalClosure)
        XCTAssertEqual(socket.closeStatus?.code, .abnormalClosure)
    }

    func testMaskedFrameFromTheServerFailsTheConnection() throws {
        let server = try ClientTestServer { connection in
            guard let request = connection.readRequest(), let key = request.headers["Sec-WebSocket-Key"] else { return }
            connection.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             + "Sec-WebSocket-Accept: \(WebSocketAcceptKey.accept(forKey: key))\r\n\r\n")
            connection.write(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: [0x61]),
                                                          maskingKey: .random()))
            _ = connection.readSome()
        }
        let socket = try WebSocketClient.connect(to: server.url("ws", "/x"))
        XCTAssertEqual(try socket.receiveEvent(timeout: .seconds(5)), .close(.protocolError, reason: "server frame is masked"))
    }

    func testHTTPURLIsNotAWebSocketURL() {
        XCTAssertThrowsError(try WebSocketClient.connect(to: "http://127.0.0.1:1/")) { error in
            XCTAssertEqual((error as? NetworkClientError)?.kind, .invalidURL)
        }
    }

    // MARK: Helpers

    /// A server whose connections each serve an ``EchoServerHandler``.
    private func echoServer(
        _ configuration: WebSocketConfiguration = WebSocketConfiguration()
    ) throws -> (ClientTestServer, EchoServerHandler) {
        let handler = EchoServerHandler()
        let server = try ClientTestServer { connection in
            connection.serveWebSocket(handler, configuration: configuration)
        }
        return (server, handler)
    }
}

/// Echoes messages, except "ping me" (pings the client first) and "bye"
/// (closes with 4000 "done"); records what happens.
final class EchoServerHandler: RecordingHandler, WebSocketHandler, @unchecked Sendable {
    func didOpen(_ connection: WebSocketConnection) {
        record("open \(connection.request.target) \(connection.request.headers["Authorization"] ?? "-")")
    }

    func didReceive(_ connection: WebSocketConnection, text: String) {
        record("text \(text)")
        switch text {
        case "bye": connection.close(code: WebSocketCloseCode(4000), reason: "done")
        case "ping me":
            connection.ping([42])
            connection.send(text: text)
        default: connection.send(text: text)
        }
    }

    func didReceive(_ connection: WebSocketConnection, binary: [UInt8]) {
        record("binary \(binary.count)")
        connection.send(binary: binary)
    }

    func didReceivePong(_ connection: WebSocketConnection, payload: [UInt8]) { record("pong \(payload.count)") }

    func didClose(_ connection: WebSocketConnection, code: WebSocketCloseCode, reason: String) {
        record(reason.isEmpty ? "close \(code)" : "close \(code) \(reason)")
    }
}
