import C8Client
import C8Core
import C8Net
import Synchronization
import XCTest

/// Password sessions: the JWT from `POST /_open/auth` is sent as a bearer
/// token, and renewed once when the server stops taking it.
final class RemoteSessionTests: XCTestCase {
    /// A server that issues tokens `t1`, `t2`, … and takes only the newest.
    private final class TokenServer: HTTPHandler {
        struct State {
            var logins = 0
            var current = 0
            var authorizations: [String] = []
        }
        let state = Mutex(State())

        /// The token in use stops working (expired, or the server restarted).
        func expire() { state.withLock { $0.current += 1 } }

        func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
            if request.target == "/_open/auth" {
                let body = (try? JSON.parse(request.body)) ?? .null
                guard body["password"] == "right" else { return Self.unauthorized }
                let token = state.withLock { state -> String in
                    state.logins += 1
                    state.current = state.logins
                    return "t\(state.current)"
                }
                return HTTPResponse(status: 200, body: JSON.object(["jwt": .string(token)]).serialized())
            }
            let authorization = request.headers["Authorization"] ?? ""
            let accepted = state.withLock { state -> Bool in
                state.authorizations.append(authorization)
                return authorization == "bearer t\(state.current)"
            }
            return accepted ? HTTPResponse(status: 200, body: Array(#"{"server":"fake","version":"9"}"#.utf8)) : Self.unauthorized
        }

        static let unauthorized = HTTPResponse(
            status: 401, body: C8Error(code: 401, errorNum: 11, message: "not authorized").json.serialized())
    }

    private var server: HTTPServer?

    override func tearDown() {
        server?.stop()
        super.tearDown()
    }

    private func start(_ handler: TokenServer) throws -> String {
        var configuration = HTTPServerConfiguration(listeners: [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)])
        configuration.log = .disabled
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        self.server = server
        return "http://127.0.0.1:\(server.port ?? 0)"
    }

    func testAnExpiredSessionIsRenewedOnce() async throws {
        let tokens = TokenServer()
        let connection = try RemoteConnection(url: try start(tokens), credentials: .password(email: "a@b.c", password: "right"))
        let first = try await connection.verify()
        XCTAssertEqual(first, "9")
        _ = try await connection.verify()
        XCTAssertEqual(tokens.state.withLock { $0.logins }, 1, "the session is kept between requests")

        tokens.expire()
        let renewed = try await connection.verify()
        XCTAssertEqual(renewed, "9")
        XCTAssertEqual(tokens.state.withLock { $0.logins }, 2)
        // The first verify also asks for the local region (once).
        XCTAssertEqual(tokens.state.withLock { $0.authorizations }, ["bearer t1", "bearer t1", "bearer t1", "bearer t1", "bearer t2"])
    }

    func testAWrongPasswordFailsWithoutRetrying() async throws {
        let tokens = TokenServer()
        let connection = try RemoteConnection(url: try start(tokens), credentials: .password(email: "a@b.c", password: "wrong"))
        do {
            try await connection.verify()
            XCTFail("the login should fail")
        } catch {
            XCTAssertEqual(error.code, 401)
            XCTAssertEqual(error.errorNum, 11)
        }
        XCTAssertEqual(tokens.state.withLock { $0.authorizations }, [], "nothing is sent without a session")
    }
}
