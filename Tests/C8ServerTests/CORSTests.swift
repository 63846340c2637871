import C8Core
import C8Engine
import C8Net
@testable import C8Server
import XCTest

/// CORS as seed 003 states it: preflights need no credentials; origins are
/// echoed; credentials only for trusted origins.
final class CORSTests: XCTestCase {
    private static let trusted = "https://console.example"

    /// A server with accounts (so a request without credentials is 401)
    /// that trusts ``trusted``.
    private func handler() throws -> C8APIHandler {
        var limits = EngineLimits()
        limits.passwordHashIterations = 1_000
        let engine = try Engine.inMemory(limits: limits, defaultTenant: "c8")
        try engine.prepareAccounts(adminKey: AuthAPIHarness.adminKey)
        let authenticator = Authenticator(engine: engine)
        return try C8APIHandler(
            engine: engine,
            configuration: C8APIConfiguration(domain: "c8.test", regions: ["us-east"], tenant: "c8", trustedOrigins: [Self.trusted]),
            gate: PermissionGate(authenticator: authenticator), extraGroups: AuthRouteGroups.all(authenticator: authenticator))
    }

    private func send(_ handler: C8APIHandler, _ method: HTTPMethod, _ path: String, _ headers: [(String, String)]) -> HTTPResponse {
        let request = HTTPRequest(method: method, target: path, headers: HTTPHeaders([("Host", "api-c8.test")] + headers))
        return handler.handle(request, peer: PeerInfo(address: "127.0.0.1", port: 50000, isTLS: true, localPort: 443))
    }

    func testPreflightOnAnyPathIsAnsweredWithoutCredentials() throws {
        let api = try handler()
        for path in ["/_fabric/_system/_api/collection", "/_api/no/such/route", "/"] {
            let response = send(api, .options, path, [
                ("Origin", "https://elsewhere.example"), ("Access-Control-Request-Method", "DELETE"),
                ("Access-Control-Request-Headers", "authorization,content-type,x-custom"),
            ])
            XCTAssertEqual(response.status, 200, path)
            XCTAssertEqual(response.body, [], path)
            XCTAssertEqual(response.headers["access-control-allow-origin"], "https://elsewhere.example")
            XCTAssertEqual(response.headers["access-control-allow-headers"], "authorization,content-type,x-custom")
            XCTAssertEqual(response.headers["access-control-allow-credentials"], "false")
            let methods = Set((response.headers["access-control-allow-methods"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
            XCTAssertEqual(methods, Set(HTTPMethod.allCases.map(\.rawValue)), path)
            XCTAssertNotNil(response.headers["access-control-max-age"].flatMap { Int($0) })
            XCTAssertTrue(response.headers["access-control-expose-headers"]?.contains("x-gdn-requestid") == true)
        }
    }

    func testPreflightWithoutRequestedHeadersOmitsAllowHeaders() throws {
        let response = send(try handler(), .options, "/_api/version", [("Origin", Self.trusted)])
        XCTAssertEqual(response.status, 200)
        XCTAssertNil(response.headers["access-control-allow-headers"])
        XCTAssertEqual(response.headers["access-control-allow-credentials"], "true", "a trusted origin")
    }

    func testActualRequestsCarryTheOriginHeadersEvenWhenRefused() throws {
        let api = try handler()
        let refused = send(api, .get, "/_api/version", [("Origin", "https://elsewhere.example")])
        XCTAssertEqual(refused.status, 401, "CORS does not lift authentication")
        XCTAssertEqual(refused.headers["access-control-allow-origin"], "https://elsewhere.example")
        XCTAssertEqual(refused.headers["access-control-allow-credentials"], "false")
        XCTAssertNotNil(refused.headers["access-control-expose-headers"])
        XCTAssertNil(refused.headers["access-control-allow-methods"], "only preflights list methods")

        let trusted = send(api, .get, "/_api/version", [("Origin", Self.trusted), ("Authorization", "apikey " + AuthAPIHarness.adminKey)])
        XCTAssertEqual(trusted.status, 200)
        XCTAssertEqual(trusted.headers["access-control-allow-origin"], Self.trusted)
        XCTAssertEqual(trusted.headers["access-control-allow-credentials"], "true")
    }

    func testRequestsWithoutAnOriginGetNoCORSHeaders() throws {
        let response = send(try handler(), .get, "/_api/version", [("Authorization", "apikey " + AuthAPIHarness.adminKey)])
        XCTAssertEqual(response.status, 200)
        XCTAssertFalse(response.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
    }

    /// Origins that merely resemble a trusted one — another scheme, port,
    /// case, a suffix or prefix, a trailing slash, `null` — get no
    /// credentials, on preflights as on requests; and every answer that
    /// depends on the origin says so (`Vary`).
    func testLookalikeOriginsNeverGetCredentials() throws {
        let api = try handler()
        let lookalikes = ["http://console.example", "https://console.example:8443", "https://Console.example",
                          "https://console.example.evil.test", "https://evil.test/https://console.example",
                          "https://xconsole.example", "https://console.example/", "null", ""]
        for origin in lookalikes {
            for method in [HTTPMethod.options, .get] {
                let response = send(api, method, "/_api/version", [("Origin", origin), ("Authorization", "apikey " + AuthAPIHarness.adminKey)])
                XCTAssertEqual(response.headers["access-control-allow-credentials"], "false", "\(method.rawValue) from \(origin)")
                XCTAssertEqual(response.headers["vary"], "Origin", origin)
            }
        }
        let trusted = send(api, .options, "/_api/version", [("Origin", Self.trusted)])
        XCTAssertEqual(trusted.headers["access-control-allow-credentials"], "true", "the control: the trusted origin does get them")
    }
}
