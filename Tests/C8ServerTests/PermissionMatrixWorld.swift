import C8Core
import C8Engine
import C8Net
import C8Streams
@testable import C8Server
import XCTest

/// A server with one of everything a route can name, and one caller per
/// access level, for the permission matrix: every route's path parameters
/// are filled with things that exist, so what a caller is told depends on
/// its rights alone.
///
/// In `_system`: collection `docs` (documents `d1`, `d2`, index `idx1`),
/// graph `g` (vertices `verts/v1`, `verts/v2`, edge `links/e1`), key/value
/// collection `kvc` (key `a`), saved query `saved`, stream `c8globals.s1`
/// (subscription `sub`, one message); fabric `spare`; tenant
/// `spare`; user
/// `someone`; API key `keyother`; and the callers' keys: `keynone` (no
/// grants), `keyro` and `keyrw` (that level on `_system` and its
/// collections).
final class PermissionMatrixWorld {
    enum Caller: String, CaseIterable {
        case anonymous, none, ro, rw, admin
    }

    let api: AuthAPIHarness
    private let secrets: [Caller: String]
    private let indexId: String

    init(file: StaticString = #filePath, line: UInt = #line) throws {
        // Built in a local first: the fixture helper must not capture self
        // before every stored property is set.
        let api = try AuthAPIHarness()
        func setUp(_ method: HTTPMethod, _ path: String, _ body: String) {
            let reply = api.admin(method, path, body: body)
            XCTAssertLessThan(reply.status, 300, "fixture \(method.rawValue) \(path): \(reply.json.jsonString())", file: file, line: line)
        }
        setUp(.post, "/_api/collection", #"{"name": "docs"}"#)
        setUp(.post, "/_api/document/docs", #"[{"_key": "d1", "a": 1}, {"_key": "d2", "a": 2}]"#)
        let index = api.admin(.post, "/_api/index?collection=docs", body: #"{"type": "persistent", "fields": ["a"], "name": "idx1"}"#)
        let indexId = index.json["id"].stringValue ?? "docs/missing"
        setUp(.post, "/_api/graph", #"{"name": "g", "edgeDefinitions": [{"collection": "links", "from": ["verts"], "to": ["verts"]}]}"#)
        setUp(.post, "/_api/document/verts", #"[{"_key": "v1"}, {"_key": "v2"}]"#)
        setUp(.post, "/_api/document/links", #"{"_key": "e1", "_from": "verts/v1", "_to": "verts/v2"}"#)
        setUp(.post, "/_api/kv/kvc", "{}")
        setUp(.put, "/_api/kv/kvc/value", #"[{"_key": "a", "value": 1}]"#)
        setUp(.post, "/_api/restql", #"{"query": {"name": "saved", "value": "FOR d IN docs RETURN d"}}"#)
        setUp(.post, "/_api/streams/s1?global=true", "")
        let streams = api.handler.services.streams
        let s1 = StreamName(tenant: "c8", fabric: "_system", kind: .global, name: "s1")
        try streams.subscribe(s1, subscription: "sub", type: .exclusive, deliver: { _ in }).close()
        setUp(.post, "/_api/streams/c8globals.s1/publish", "hello")
        setUp(.post, "/_api/database", #"{"name": "spare"}"#)
        setUp(.post, "/_api/tenant", #"{"name": "spare", "email": "spare@example.com", "passwd": "\#(AuthAPIHarness.password)"}"#)
        setUp(.post, "/_api/user", #"{"user": "someone", "email": "someone@example.com", "passwd": "\#(AuthAPIHarness.password)"}"#)
        _ = api.createKey("keyother", file: file, line: line)
        var secrets: [Caller: String] = [.admin: AuthAPIHarness.adminKey]
        for caller in [Caller.none, .ro, .rw] {
            secrets[caller] = api.createKey(Self.keyId(caller), file: file, line: line)
        }
        for caller in [Caller.ro, .rw] {
            let grant = #"{"grant": "\#(caller.rawValue)"}"#
            setUp(.put, "/_api/key/\(Self.keyId(caller))/database/_system", grant)
            setUp(.put, "/_api/key/\(Self.keyId(caller))/database/_system/collection/*", grant)
        }
        self.api = api
        self.secrets = secrets
        self.indexId = indexId
    }

    /// The API key id of a keyed caller (ids are letters and digits only).
    private static func keyId(_ caller: Caller) -> String { "key" + caller.rawValue }

    /// `Authorization` of `caller`; nil for anonymous.
    func authorization(_ caller: Caller) -> String? {
        secrets[caller].map { "apikey " + $0 }
    }

    /// Sends `route`'s request as `caller`.
    func send(_ route: Route, as caller: Caller) -> APIReply {
        let (target, body) = request(route, as: caller)
        return api.send(route.method, target, body: body, authorization: authorization(caller))
    }

    /// The request target and body that exercise `route`.
    func request(_ route: Route, as caller: Caller) -> (target: String, body: String?) {
        let pattern = route.pattern.description
        var segments: [String] = []
        for component in route.pattern.components {
            switch component {
            case .literal(let text): segments.append(text)
            case .parameter(let name), .remainder(let name): segments.append(value(of: name, in: pattern, as: caller))
            }
        }
        let prefix = switch route.space {
        case .api: "/_fabric/_system/_api"
        case .fabric: "/_fabric/_system"
        case .server: ""
        }
        var target = prefix + "/" + segments.joined(separator: "/")
        if pattern.hasPrefix("/index") { target += "?collection=docs" }
        if pattern.hasPrefix("/edges/") { target += "?vertex=verts/v1" }
        return (target, body(for: route))
    }

    /// What a path parameter names, by its name and the route's shape.
    private func value(of name: String, in pattern: String, as caller: Caller) -> String {
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
        case "index": return String(indexId.split(separator: "/").last ?? "")
        case "name":
            if pattern.hasPrefix("/database/") { return "spare" }
            if pattern.hasPrefix("/restql/") { return "saved" }
            if pattern.hasSuffix("/attributes/{name}") { return "attr" }
            return "docs"
        case "id":
            if pattern.hasPrefix("/cursor/") { return openCursor(as: caller, path: "/_api/cursor", body: #"{"query": "FOR i IN 1..5 RETURN i", "batchSize": 1}"#) }
            if pattern.hasPrefix("/restql/fetch/") { return openCursor(as: caller, path: "/_api/restql/execute/saved", body: #"{"batchSize": 1}"#) }
            if pattern.hasPrefix("/user/") { return "someone" }
            if pattern.hasPrefix("/key/") { return "keyother" }
            return "999"
        case "keyid": return "keyother"
        case "user": return "someone"
        // Not c8: the default tenant cannot be dropped, whoever asks; but
        // stream sockets name the tenant the stream is in.
        case "tenant": return pattern.hasPrefix(StreamSocketRoutes.prefix) ? "c8" : "spare"
        case "stream", "topic": return "c8globals.s1"
        case "subscription": return "sub"
        case "seconds": return "60"
        case "persistence": return "persistent"
        case "namespace": return "c8global._system"
        case "dc", "spot": return "us-east"
        case "fabric": return "_system"
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
