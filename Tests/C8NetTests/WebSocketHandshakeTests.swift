import C8Core
@testable import C8Net
import XCTest

/// The server half of the opening handshake (RFC 6455 §4.2).
final class WebSocketHandshakeTests: XCTestCase {
    private let rfcKey = "dGhlIHNhbXBsZSBub25jZQ=="

    func testAcceptKeyOfTheRFCExample() {
        XCTAssertEqual(WebSocketAcceptKey.accept(forKey: rfcKey), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    func testGeneratedKeysAreSixteenRandomBytes() {
        let first = WebSocketAcceptKey.makeKey(), second = WebSocketAcceptKey.makeKey()
        XCTAssertTrue(WebSocketAcceptKey.isValidKey(first))
        XCTAssertEqual(first.count, 24)
        XCTAssertNotEqual(first, second)
    }

    func testValidUpgradeGets101WithAcceptKeyAndAConnection() throws {
        let request = upgradeRequest()
        XCTAssertEqual(try WebSocketServerHandshake.validate(request), rfcKey)
        let response = WebSocketServerHandshake.response(to: request, handler: SilentHandler())
        XCTAssertEqual(response.status, 101)
        XCTAssertEqual(response.headers["Upgrade"], "websocket")
        XCTAssertEqual(response.headers["Connection"], "Upgrade")
        XCTAssertEqual(response.headers["Sec-WebSocket-Accept"], "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        let connection = try XCTUnwrap(response.upgrade as? WebSocketConnection)
        XCTAssertEqual(connection.request.target, "/_ws/ws/v2/producer/x")
    }

    func testHeaderTokensAreMatchedCaseInsensitivelyInLists() throws {
        var request = upgradeRequest()
        request.headers.set("Connection", "keep-alive, Upgrade")
        request.headers.set("Upgrade", "WebSocket")
        XCTAssertEqual(try WebSocketServerHandshake.validate(request), rfcKey)
        request.headers.set("connection", "upgrade") // websocket-client 0.57 spelling
        XCTAssertEqual(try WebSocketServerHandshake.validate(request), rfcKey)
    }

    func testMalformedUpgradesAreRefusedWith400() {
        func refused(_ change: (inout HTTPRequest) -> Void, _ text: String, line: UInt = #line) {
            var request = upgradeRequest()
            change(&request)
            XCTAssertThrowsError(try WebSocketServerHandshake.validate(request), line: line) { error in
                let error = error as? WebSocketHandshakeError
                XCTAssertEqual(error?.status, 400, line: line)
                XCTAssertTrue(error?.message.contains(text) == true, "\(String(describing: error))", line: line)
            }
        }
        refused({ $0.method = .post }, "GET")
        refused({ $0.version = .http1_0 }, "HTTP/1.1")
        refused({ $0.headers.remove("Host") }, "Host")
        refused({ $0.headers.remove("Upgrade") }, "Upgrade")
        refused({ $0.headers.set("Upgrade", "h2c") }, "Upgrade")
        refused({ $0.headers.set("Connection", "keep-alive") }, "Connection")
        refused({ $0.headers.remove("Sec-WebSocket-Version") }, "Version")
        refused({ $0.headers.remove("Sec-WebSocket-Key") }, "Key")
        refused({ $0.headers.set("Sec-WebSocket-Key", "c2hvcnQ=") }, "16 bytes")
        refused({ $0.headers.set("Sec-WebSocket-Key", "not base64 at all!!!!!!!") }, "16 bytes")
        refused({ $0.headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==") }, "one Sec-WebSocket-Key")
    }

    func testWrongVersionIsRefusedWith426NamingVersion13() throws {
        var request = upgradeRequest()
        request.headers.set("Sec-WebSocket-Version", "8")
        let response = WebSocketServerHandshake.response(to: request, handler: SilentHandler())
        XCTAssertEqual(response.status, 426)
        XCTAssertEqual(response.headers["Sec-WebSocket-Version"], "13")
        XCTAssertNil(response.upgrade)
    }

    func testRefusalBodyIsTheC8ErrorShape() throws {
        var request = upgradeRequest()
        request.headers.remove("Upgrade")
        let response = WebSocketServerHandshake.response(to: request, handler: SilentHandler())
        XCTAssertEqual(response.status, 400)
        XCTAssertNil(response.upgrade)
        let json = try JSON.parse(response.body)
        XCTAssertEqual(json["error"].boolValue, true)
        XCTAssertEqual(json["code"].intValue, 400)
        XCTAssertEqual(json["errorNum"].intValue, 400)
        XCTAssertTrue(json["errorMessage"].stringValue?.contains("Upgrade") == true)
    }

    private func upgradeRequest() -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add("Host", "api-localhost:8529")
        headers.add("Upgrade", "websocket")
        headers.add("Connection", "Upgrade")
        headers.add("Sec-WebSocket-Key", rfcKey)
        headers.add("Sec-WebSocket-Version", "13")
        headers.add("Authorization", "apikey k")
        return HTTPRequest(method: .get, target: "/_ws/ws/v2/producer/x", headers: headers)
    }
}

/// A handler that ignores everything; for tests about the handshake only.
private final class SilentHandler: WebSocketHandler {
    func didReceive(_ connection: WebSocketConnection, text: String) {}
    func didClose(_ connection: WebSocketConnection, code: WebSocketCloseCode, reason: String) {}
}
