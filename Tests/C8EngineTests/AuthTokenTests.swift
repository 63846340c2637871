import C8Core
import C8Crypto
import C8Engine
import XCTest

class AuthTokenTests: AuthTestCase {
    private let clock = ManualClock(milliseconds: 1_700_000_000_000)

    private func loggedIn() throws -> (Engine, Authenticator, Session) {
        let engine = try makeEngine()
        try createUser(engine.tenantAccess("c8"), "ann@example.com", user: "ann")
        let authenticator = Authenticator(engine: engine, clock: clock)
        return (engine, authenticator, try authenticator.login(tenant: "c8", user: "ann", password: Self.password))
    }

    func testTokenExpiresAfterTwelveHours() throws {
        let (_, authenticator, session) = try loggedIn()
        XCTAssertEqual(session.expiresAt, 1_700_000_000 + 12 * 3600)
        clock.advance(by: (12 * 3600 - 1) * 1000)
        XCTAssertEqual(try authenticator.principal(token: session.jwt).user, "ann")
        clock.advance(by: 1000)
        assertNotAuthenticated { try authenticator.principal(token: session.jwt) }
    }

    func testSchemeIsCaseInsensitiveAndSpacingTolerant() throws {
        let (_, authenticator, session) = try loggedIn()
        for header in ["bearer ", "Bearer ", "BEARER ", "bEaReR  ", " bearer\t"] {
            XCTAssertEqual(try authenticator.principal(authorization: header + session.jwt).holder, .user("ann"), header)
        }
        XCTAssertEqual(try AuthorizationCredentials(header: "ApiKey abc"), .apiKey("abc"))
        XCTAssertEqual(try AuthorizationCredentials(header: "APIKEY abc  "), .apiKey("abc"))
    }

    func testMissingOrUnsupportedCredentialsAreRefused() throws {
        let (_, authenticator, session) = try loggedIn()
        assertNotAuthenticated { try authenticator.principal(authorization: nil) }
        assertNotAuthenticated { try authenticator.principal(authorization: "") }
        assertNotAuthenticated { try authenticator.principal(authorization: session.jwt) }
        assertNotAuthenticated { try authenticator.principal(authorization: "bearer") }
        assertNotAuthenticated { try authenticator.principal(authorization: "bearer ") }
        assertNotAuthenticated { try authenticator.principal(authorization: "Basic YWRtaW46YWRtaW4=") }
        assertNotAuthenticated { try authenticator.principal(authorization: "bearer a b") }
        assertNotAuthenticated { try authenticator.principal(authorization: "jwt " + session.jwt) }
    }

    func testTamperedTokensAreRefused() throws {
        let (_, authenticator, session) = try loggedIn()
        let parts = session.jwt.split(separator: ".").map(String.init)
        XCTAssertEqual(parts.count, 3)
        let payload = try JSON.parse(Base64URL.decode(parts[1])!)
        XCTAssertEqual(payload["username"].stringValue, "ann")
        XCTAssertNil(payload["password"].stringValue)

        var raised = payload.objectValue!
        raised["username"] = "root"
        let forged = parts[0] + "." + Base64URL.encode(JSON.object(raised).serialized()) + "." + parts[2]
        assertNotAuthenticated { try authenticator.principal(token: forged) }
        assertNotAuthenticated { try authenticator.principal(token: parts[0] + "." + parts[1] + "." + String(parts[2].reversed())) }
        assertNotAuthenticated { try authenticator.principal(token: parts[0] + "." + parts[1]) }
        assertNotAuthenticated { try authenticator.principal(token: "garbage") }
    }

    func testAlgNoneAndOtherAlgorithmsAreRefused() throws {
        let (_, authenticator, session) = try loggedIn()
        let payload = session.jwt.split(separator: ".")[1]
        for header in [#"{"alg":"none","typ":"JWT"}"#, #"{"alg":"None"}"#, #"{"alg":"hs256","typ":"JWT"}"#, #"{"alg":"HS512"}"#] {
            let encodedHeader = Base64URL.encode(Array(header.utf8))
            assertNotAuthenticated { try authenticator.principal(token: encodedHeader + "." + payload + ".") }
            assertNotAuthenticated {
                try authenticator.principal(token: encodedHeader + "." + payload + "." + session.jwt.split(separator: ".")[2])
            }
        }
        do {
            _ = try authenticator.principal(token: Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + payload + ".")
            XCTFail("a token with alg none was accepted")
        } catch {
            XCTAssertEqual(error.underlying as? JWTError, .unsupportedAlgorithm("none"), "the cause is kept for logs")
        }
    }

    func testTokensOfAnotherEngineAreRefused() throws {
        let (_, _, session) = try loggedIn()
        let other = try makeEngine()
        try createUser(other.tenantAccess("c8"), "ann@example.com", user: "ann")
        assertNotAuthenticated { try Authenticator(engine: other, clock: self.clock).principal(token: session.jwt) }
    }

    func testATokenCarriesTheCurrentGrantsNotTheOnesAtLogin() throws {
        let (engine, authenticator, session) = try loggedIn()
        XCTAssertEqual(try authenticator.principal(token: session.jwt).permission(on: .fabric("_system")), Permission.none)
        try engine.tenantAccess("c8").grant(.readWrite, on: .fabric("_system"), to: .user("ann"))
        XCTAssertEqual(try authenticator.principal(token: session.jwt).permission(on: .fabric("_system")), .readWrite)
    }
}

final class AuthTokenRocksDBTests: AuthTokenTests {
    override func makeEngine() throws -> Engine { try openEngine(temporaryDirectory().path) }

    func testTheSigningSecretSurvivesReopenSoTokensDo() throws {
        let directory = temporaryDirectory().path
        let clock = ManualClock(milliseconds: 1_700_000_000_000)
        let token: String
        do {
            let engine = try openEngine(directory)
            try createUser(engine.tenantAccess("c8"), "ann@example.com", user: "ann")
            token = try Authenticator(engine: engine, clock: clock).login(email: "ann@example.com", password: Self.password).jwt
            engine.close()
        }
        let engine = try openEngine(directory)
        defer { engine.close() }
        XCTAssertEqual(try Authenticator(engine: engine, clock: clock).principal(token: token).holder, .user("ann"))
    }
}
