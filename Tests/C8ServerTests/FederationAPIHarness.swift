import C8Cluster
import C8Core
import C8Engine
import C8Net
@testable import C8Server
import XCTest

/// A C8 API handler over an in-memory federation of the three default
/// regions (`us-east` local, `eu-west`, `ap-south`) under the domain
/// `c8.test`, stepped in virtual time: nothing replicates until a test
/// advances the ``scheduler``. With `accounts`, requests pass the
/// ``PermissionGate`` and ``adminKey`` is installed as `--admin-key` does.
final class FederationAPIHarness {
    static let domain = "c8.test"
    static let adminKey = "federation-admin"

    let scheduler = DeterministicScheduler()
    let federation: Federation
    let handler: C8APIHandler

    init(accounts: Bool = false) throws {
        var limits = EngineLimits()
        limits.passwordHashIterations = 1_000
        federation = try Federation.inMemory(scheduler: scheduler, limits: limits, defaultTenant: "c8")
        let local = federation.localRegion.engine
        var gate: (any AccessGate)?
        var groups: [any RouteGroup] = []
        if accounts {
            try local.prepareAccounts(adminKey: Self.adminKey)
            let authenticator = Authenticator(engine: local)
            gate = PermissionGate(authenticator: authenticator)
            groups = AuthRouteGroups.all(authenticator: authenticator)
        }
        handler = try C8APIHandler(
            federation: federation, configuration: C8APIConfiguration(domain: Self.domain, tenant: "c8"),
            gate: gate, extraGroups: groups)
    }

    deinit {
        handler.closeStreams()
        federation.close()
    }

    /// The engine of `region`.
    func engine(_ region: String) throws -> Engine { try federation.region(region).engine }

    /// Sends ``request(_:_:body:region:authorization:)`` to the handler.
    @discardableResult
    func send(_ method: HTTPMethod, _ target: String, body: String? = nil, region: String? = nil,
              authorization: String? = nil) -> APIReply {
        APIReply(handler.handle(request(method, target, body: body, region: region, authorization: authorization), peer: Self.peer))
    }

    /// A request to `region` (by its `api-<region>.c8.test` host name;
    /// nil: the bare `api-c8.test`, the local region), as `authorization`.
    func request(_ method: HTTPMethod, _ target: String, body: String? = nil, region: String? = nil,
                 authorization: String? = nil) -> HTTPRequest {
        var fields = HTTPHeaders([("Host", "api-" + (region.map { $0 + "." } ?? "") + Self.domain),
                                  ("content-type", "application/json")])
        if let authorization { fields.add("Authorization", authorization) }
        let bytes = Array((body ?? "").utf8)
        fields.set("Content-Length", String(bytes.count))
        return HTTPRequest(method: method, target: target, headers: fields, body: bytes)
    }

    static let peer = PeerInfo(address: "127.0.0.1", port: 50000, isTLS: true, localPort: 443)

    /// ``send(_:_:body:region:authorization:)`` as the admin key.
    @discardableResult
    func admin(_ method: HTTPMethod, _ target: String, body: String? = nil, region: String? = nil) -> APIReply {
        send(method, target, body: body, region: region, authorization: "apikey " + Self.adminKey)
    }

    /// Lets `milliseconds` of virtual time pass: replication due by then happens.
    func advance(_ milliseconds: Double) {
        scheduler.advance(byMilliseconds: milliseconds)
    }

    /// The simulator's link from `from` to `to` in a status body.
    static func link(_ status: JSON, from: String, to: String) -> JSON {
        let region = status["regions"].arrayValue?.first { $0["name"].stringValue == from } ?? .null
        return region["links"].arrayValue?.first { $0["to"].stringValue == to } ?? .null
    }
}
