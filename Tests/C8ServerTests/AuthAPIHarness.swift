import C8Core
import C8Engine
import C8Net
@testable import C8Server
import XCTest

/// The API with accounts: an in-memory engine with a cheap password hash,
/// the root tenant, the ``PermissionGate`` and the auth routes, and the
/// `--admin-key` installed as ``AuthAPIHarness/adminKey``.
final class AuthAPIHarness {
    static let adminKey = "operator-secret"
    static let password = "Sdk@123456##"

    let engine: Engine
    let authenticator: Authenticator
    let handler: C8APIHandler

    init() throws {
        var limits = EngineLimits()
        limits.passwordHashIterations = 1_000
        engine = try Engine.inMemory(limits: limits, defaultTenant: "c8")
        try engine.prepareAccounts(adminKey: Self.adminKey)
        authenticator = Authenticator(engine: engine)
        handler = try C8APIHandler(
            engine: engine, configuration: C8APIConfiguration(domain: "c8.test", regions: ["us-east"], tenant: "c8"),
            gate: PermissionGate(authenticator: authenticator), extraGroups: AuthRouteGroups.all(authenticator: authenticator))
    }

    /// Sends a request with `authorization` as its `Authorization` header.
    @discardableResult
    func send(_ method: HTTPMethod, _ target: String, body: String? = nil, authorization: String? = nil) -> APIReply {
        var fields = HTTPHeaders([("Host", "api-c8.test"), ("content-type", "application/json")])
        if let authorization { fields.add("Authorization", authorization) }
        let bytes = Array((body ?? "").utf8)
        fields.set("Content-Length", String(bytes.count))
        let request = HTTPRequest(method: method, target: target, headers: fields, body: bytes)
        return APIReply(handler.handle(request, peer: PeerInfo(address: "127.0.0.1", port: 50000, isTLS: true, localPort: 443)))
    }

    /// ``send(_:_:body:authorization:)`` as the admin key.
    @discardableResult
    func admin(_ method: HTTPMethod, _ target: String, body: String? = nil) -> APIReply {
        send(method, target, body: body, authorization: "apikey " + Self.adminKey)
    }

    /// Creates an API key through the API and returns its secret.
    func createKey(_ keyId: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let reply = admin(.post, "/_api/key", body: #"{"keyid": "\#(keyId)"}"#)
        XCTAssertEqual(reply.status, 201, reply.json.jsonString(), file: file, line: line)
        return reply.json["key"].stringValue ?? ""
    }
}
