import C8Core
import C8Crypto
@testable import C8Engine
import C8Net
import C8Streams
@testable import C8Server
import XCTest

/// A server with one of everything a route can name, in three places, and
/// one caller per kind of credential, for the permission matrix: every
/// route's path parameters are filled with things that exist, so what a
/// caller is told depends on its rights alone.
///
/// Each ``Scope`` holds the same fixtures: collection `docs` (documents
/// `d1`, `d2`, index `idx1`), graph `g` (vertices `verts/v1`, `verts/v2`,
/// edge `links/e1`), key/value collection `kvc` (key `a`), saved query
/// `saved`, stream `c8globals.s1` (subscription `sub`, one message). The
/// places are the callers' own `_system` fabric of tenant `c8`, fabric
/// `spare` of that tenant (no caller has a grant on it) and the `_system`
/// fabric of tenant `spare`. Besides: fabric `spare2` (for drops), user
/// `someone`, API key `keyother`, and the callers — keys `keynone` (no
/// grants), `keyro`, `keyrw` (that level on `c8/_system` and its
/// collections), the user `rwuser` with rw there who logs in for a JWT,
/// and forged or stale tokens of that user.
final class PermissionMatrixWorld {
    enum Caller: String, CaseIterable {
        case anonymous, none, ro, rw, admin
        case rwUser = "rw user (JWT)"
        case expiredJWT = "expired JWT"
        case tamperedJWT = "tampered JWT"
        case algNoneJWT = "JWT alg none"
        case rs256JWT = "JWT alg RS256"

        /// Credentials that must never get in.
        var isForged: Bool {
            switch self {
            case .anonymous, .expiredJWT, .tamperedJWT, .algNoneJWT, .rs256JWT: true
            default: false
            }
        }

        /// Keys and users with grants on `c8/_system` only.
        var isGrantedOnOwnFabricOnly: Bool {
            [.none, .ro, .rw, .rwUser].contains(self)
        }
    }

    /// Where a request points: the caller's own fabric, another fabric of
    /// its tenant, or a fabric of another tenant.
    enum Scope: String, CaseIterable {
        case ownFabric = "own fabric"
        case otherFabric = "other fabric"
        case otherTenant = "other tenant"

        var tenant: String { self == .otherTenant ? "spare" : "c8" }
        var fabric: String { self == .otherFabric ? "spare" : "_system" }

        /// The URL prefix of the `_api` space.
        var apiPrefix: String {
            switch self {
            case .ownFabric: "/_fabric/_system/_api"
            case .otherFabric: "/_fabric/spare/_api"
            case .otherTenant: "/_tenant/spare/_fabric/_system/_api"
            }
        }
    }

    static let userEmail = "rwuser@example.com"

    let api: AuthAPIHarness
    private let authorizations: [Caller: String]
    private let indexIds: [Scope: String]

    init(file: StaticString = #filePath, line: UInt = #line) throws {
        // Built in locals first: the fixture helper must not capture self
        // before every stored property is set.
        let api = try AuthAPIHarness()
        func setUp(_ method: HTTPMethod, _ path: String, _ body: String) {
            let reply = api.admin(method, path, body: body)
            XCTAssertLessThan(reply.status, 300, "fixture \(method.rawValue) \(path): \(reply.json.jsonString())", file: file, line: line)
        }
        setUp(.post, "/_api/database", #"{"name": "spare"}"#)
        setUp(.post, "/_api/database", #"{"name": "spare2"}"#)
        setUp(.post, "/_api/tenant", #"{"name": "spare", "email": "spare@example.com", "passwd": "\#(AuthAPIHarness.password)"}"#)
        var indexIds: [Scope: String] = [:]
        for scope in Scope.allCases {
            let p = scope.apiPrefix
            setUp(.post, "\(p)/collection", #"{"name": "docs"}"#)
            setUp(.post, "\(p)/document/docs", #"[{"_key": "d1", "a": 1}, {"_key": "d2", "a": 2}]"#)
            let index = api.admin(.post, "\(p)/index?collection=docs", body: #"{"type": "persistent", "fields": ["a"], "name": "idx1"}"#)
            indexIds[scope] = index.json["id"].stringValue ?? "docs/missing"
            setUp(.post, "\(p)/graph", #"{"name": "g", "edgeDefinitions": [{"collection": "links", "from": ["verts"], "to": ["verts"]}]}"#)
            setUp(.post, "\(p)/document/verts", #"[{"_key": "v1"}, {"_key": "v2"}]"#)
            setUp(.post, "\(p)/document/links", #"{"_key": "e1", "_from": "verts/v1", "_to": "verts/v2"}"#)
            setUp(.post, "\(p)/kv/kvc", "{}")
            setUp(.put, "\(p)/kv/kvc/value", #"[{"_key": "a", "value": 1}]"#)
            setUp(.post, "\(p)/restql", #"{"query": {"name": "saved", "value": "FOR d IN docs RETURN d"}}"#)
            setUp(.post, "\(p)/streams/s1?global=true", "")
            let s1 = StreamName(tenant: scope.tenant, fabric: scope.fabric, kind: .global, name: "s1")
            try api.handler.services.streams.subscribe(s1, subscription: "sub", type: .exclusive, deliver: { _ in }).close()
            setUp(.post, "\(p)/streams/c8globals.s1/publish", "hello")
        }
        setUp(.post, "/_api/user", #"{"user": "someone", "email": "someone@example.com", "passwd": "\#(AuthAPIHarness.password)"}"#)
        _ = api.createKey("keyother", file: file, line: line)
        var authorizations: [Caller: String] = [.admin: "apikey " + AuthAPIHarness.adminKey]
        for caller in [Caller.none, .ro, .rw] {
            authorizations[caller] = "apikey " + api.createKey(Self.keyId(caller), file: file, line: line)
        }
        setUp(.post, "/_api/user", #"{"user": "rwuser", "email": "\#(Self.userEmail)", "passwd": "\#(AuthAPIHarness.password)"}"#)
        let grants: [(String, String)] = [("/key/keyro", "ro"), ("/key/keyrw", "rw"), ("/user/rwuser", "rw")]
        for (holder, level) in grants {
            setUp(.put, "/_api\(holder)/database/_system", #"{"grant": "\#(level)"}"#)
            setUp(.put, "/_api\(holder)/database/_system/collection/*", #"{"grant": "\#(level)"}"#)
        }
        for (caller, token) in try Self.tokens(api) { authorizations[caller] = "bearer " + token }
        self.api = api
        self.authorizations = authorizations
        self.indexIds = indexIds
    }

    /// The API key id of a keyed caller (ids are letters and digits only).
    private static func keyId(_ caller: Caller) -> String { "key" + caller.rawValue }

    /// A fresh token of `rwuser`, and the tokens an attacker could make of
    /// it or of an old one.
    private static func tokens(_ api: AuthAPIHarness) throws -> [Caller: String] {
        let password = AuthAPIHarness.password
        let valid = try Authenticator(engine: api.engine).login(email: userEmail, password: password).jwt
        // Issued 13 hours ago, so expired an hour ago; correctly signed.
        let past = UInt64(Date().timeIntervalSince1970 * 1000) - 13 * 3_600_000
        let expired = try Authenticator(engine: api.engine, clock: ManualClock(milliseconds: past))
            .login(email: userEmail, password: password).jwt
        let secret = api.engine.accessControl.tokenSecret
        let validParts = valid.split(separator: ".").map(String.init)
        let expiredParts = expired.split(separator: ".").map(String.init)
        // The expired token's payload with `exp` moved a day ahead, its
        // signature kept: only the signature check stands in the way.
        var payload = try XCTUnwrap(try JSON.parse(Array(try XCTUnwrap(Base64URL.decode(expiredParts[1])))).objectValue)
        payload["exp"] = .int(Int64(Date().timeIntervalSince1970) + 86_400)
        let tampered = expiredParts[0] + "." + Base64URL.encode(JSON.object(payload).serialized()) + "." + expiredParts[2]
        func header(_ alg: String) -> String { Base64URL.encode(Array(#"{"alg":"\#(alg)","typ":"JWT"}"#.utf8)) }
        let algNone = header("none") + "." + validParts[1] + "."
        // Signed with the server's own secret: only the alg check refuses it.
        let rs256Input = header("RS256") + "." + validParts[1]
        let rs256 = rs256Input + "." + Base64URL.encode(HMAC.sha256(key: secret, message: Array(rs256Input.utf8)))
        return [.rwUser: valid, .expiredJWT: expired, .tamperedJWT: tampered, .algNoneJWT: algNone, .rs256JWT: rs256]
    }

    /// `Authorization` of `caller`; nil for anonymous.
    func authorization(_ caller: Caller) -> String? {
        authorizations[caller]
    }

    /// Sends `route`'s request as `caller`, pointed at `scope`.
    func send(_ route: Route, as caller: Caller, in scope: Scope = .ownFabric) -> APIReply {
        let (target, body) = request(route, as: caller, in: scope)
        return api.send(route.method, target, body: body, authorization: authorization(caller))
    }

    /// The request target and body that exercise `route` in `scope`.
    func request(_ route: Route, as caller: Caller, in scope: Scope = .ownFabric) -> (target: String, body: String?) {
        let pattern = route.pattern.description
        var segments: [String] = []
        for component in route.pattern.components {
            switch component {
            case .literal(let text): segments.append(text)
            case .parameter(let name), .remainder(let name):
                segments.append(value(of: name, in: pattern, as: caller, scope: scope))
            }
        }
        let prefix = switch route.space {
        case .api: scope.apiPrefix
        case .fabric: String(scope.apiPrefix.dropLast("/_api".count))
        case .server: ""
        }
        var target = prefix + "/" + segments.joined(separator: "/")
        if pattern.hasPrefix("/index") { target += "?collection=docs" }
        if pattern.hasPrefix("/edges/") { target += "?vertex=verts/v1" }
        return (target, body(for: route))
    }

    /// What a path parameter names, by its name and the route's shape.
    private func value(of name: String, in pattern: String, as caller: Caller, scope: Scope) -> String {
        switch name {
        case "collection":
            if pattern.hasPrefix("/kv/") { return "kvc" }
            if pattern.hasPrefix("/edges/") || pattern.hasPrefix("/graph/{graph}/edge/") { return "links" }
            if pattern.hasPrefix("/graph/{graph}/vertex/") { return "verts" }
            return "docs"
        case "key":
            if pattern.hasPrefix("/kv/") { return "a" }
            if pattern.hasPrefix("/graph/{graph}/edge/") { return "e1" }
            if pattern.hasPrefix("/graph/{graph}/vertex/") { return "v1" }
            return "d1"
        case "graph": return "g"
        case "definition": return "links"
        case "type": return "persistent"
        case "index": return String((indexIds[scope] ?? "").split(separator: "/").last ?? "")
        case "name":
            if pattern.hasPrefix("/database/") { return "spare2" }
            if pattern.hasPrefix("/restql/") { return "saved" }
            if pattern.hasSuffix("/attributes/{name}") { return "attr" }
            return "docs"
        case "id":
            if pattern.hasPrefix("/cursor/") {
                return openCursor(as: caller, path: scope.apiPrefix + "/cursor", body: #"{"query": "FOR i IN 1..5 RETURN i", "batchSize": 1}"#)
            }
            if pattern.hasPrefix("/restql/fetch/") {
                return openCursor(as: caller, path: scope.apiPrefix + "/restql/execute/saved", body: #"{"batchSize": 1}"#)
            }
            if pattern.hasPrefix("/user/") { return "someone" }
            if pattern.hasPrefix("/key/") { return "keyother" }
            return "999"
        case "keyid": return "keyother"
        case "user": return "someone"
        // Tenant administration names `spare`: the default tenant cannot
        // be dropped, whoever asks. Elsewhere the scope's tenant.
        case "tenant": return pattern.hasPrefix("/tenant/") ? "spare" : scope.tenant
        case "stream", "topic": return "c8globals.s1"
        case "subscription": return "sub"
        case "seconds": return "60"
        case "persistence": return "persistent"
        case "namespace": return "c8global." + scope.fabric
        case "dc", "spot": return "us-east"
        case "fabric": return scope.fabric
        case "kind": return "collection"
        default: return "x"
        }
    }

    /// A cursor with batches left, opened by `caller` where it may, else by
    /// the admin (callers that may not open one are refused before the
    /// cursor matters).
    private func openCursor(as caller: Caller, path: String, body: String) -> String {
        for auth in [authorization(caller), authorization(.admin)] {
            let reply = api.send(.post, path, body: body, authorization: auth)
            if let id = reply.json["id"].stringValue { return id }
        }
        XCTFail("no cursor from \(path)")
        return "0"
    }

    /// A body that lets a read succeed; writes get a plain one, since the
    /// matrix asks only whether they are let through.
    private func body(for route: Route) -> String? {
        switch (route.method, route.pattern.description) {
        case (.post, "/cursor"), (.post, "/query"), (.post, "/query/explain"), (.post, "/export"):
            #"{"query": "FOR d IN docs RETURN d"}"#
        case (.post, "/kv/{collection}/values"): #"["a"]"#
        case (.get, _), (.delete, _): nil
        default: "{}"
        }
    }
}
