import C8Core
import C8Net
@testable import C8Server
import Synchronization
import XCTest

final class HandlerPlumbingTests: XCTestCase {
    func testUnknownRouteIs404WithErrorNum404() throws {
        let api = try APIHarness()
        assertError(api.send(.get, "/_fabric/_system/_api/nothing/here"), status: 404, errorNum: 404)
        assertError(api.send(.get, "/elsewhere"), status: 404, errorNum: 404)
    }

    func testWrongMethodOnAKnownPathIs405() throws {
        let api = try APIHarness()
        let reply = api.send(.patch, "/_fabric/_system/_api/collection")
        assertError(reply, status: 405, errorNum: 405)
        XCTAssertEqual(reply.header("Allow"), "GET, POST")
    }

    func testEveryResponseCarriesRegionAndRequestID() throws {
        let api = try APIHarness()
        let ok = api.send(.get, "/_api/version", host: "api-eu-west.c8.test")
        let failed = api.send(.get, "/_api/nothing")
        XCTAssertEqual(ok.header("x-gdn-region"), "eu-west.c8.test")
        XCTAssertEqual(failed.header("x-gdn-region"), "us-east.c8.test")
        let first = try XCTUnwrap(ok.header("x-gdn-requestid"))
        let second = try XCTUnwrap(failed.header("x-gdn-requestid"))
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(first.split(separator: "-").map(\.count), [8, 4, 4, 4, 12], "UUID-shaped: \(first)")
        XCTAssertTrue(first.allSatisfy { $0.isHexDigit || $0 == "-" }, first)
        XCTAssertEqual(first.split(separator: "-")[2].first, "4", "version 4")
        XCTAssertEqual(ok.header("content-type"), "application/json; charset=utf-8")
    }

    func testCorruptJSONIs400WithErrorNum600() throws {
        let api = try APIHarness()
        try api.fabric.createCollection("c")
        assertError(api.send(.post, "/_fabric/_system/_api/collection", body: "{\"name\": "), status: 400, errorNum: 600)
        assertError(api.send(.post, "/_fabric/_system/_api/document/c", body: "[1,"), status: 400, errorNum: 600)
        XCTAssertEqual(try api.fabric.collection("c").count, 0)
    }

    func testEmptyBodyWithContentLengthZeroIsNoBody() throws {
        let api = try APIHarness()
        try api.fabric.createCollection("c")
        assertSuccess(api.send(.put, "/_fabric/_system/_api/collection/c/truncate", body: ""), status: 200)
    }

    func testBothPrefixesAndTheBareAPIReachTheSameFabric() throws {
        let api = try APIHarness()
        try api.engine.defaultTenant.createFabric("f1")
        assertSuccess(api.send(.post, "/_fabric/f1/_api/collection", json: ["name": "c"]), status: 200)
        let current = api.send(.get, "/_fabric/f1/_api/collection/c")
        let legacy = api.send(.get, "/_tenant/c8/_fabric/f1/_api/collection/c")
        XCTAssertEqual(current.json["name"], "c")
        XCTAssertEqual(legacy.json["id"], current.json["id"])
        assertError(api.send(.get, "/_api/collection/c"), status: 404, errorNum: 1203)
        assertError(api.send(.get, "/_tenant/nobody/_fabric/f1/_api/collection/c"), status: 404, errorNum: 404)
        assertError(api.send(.get, "/_fabric/nofabric/_api/collection"), status: 404, errorNum: 1228)
    }

    func testHeadHasNoBody() throws {
        let api = try APIHarness()
        let reply = api.send(.head, "/_api/version")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.response.body.isEmpty)
    }

    func testTheGateDecidesEveryNonOpenRouteAndNamesWhatIsTouched() throws {
        let gate = RecordingGate()
        let api = try APIHarness(gate: gate)
        try api.fabric.createCollection("c")
        api.send(.get, "/_fabric/_system/_api/document/c/k")
        api.send(.post, "/_fabric/_system/_api/collection", json: ["name": "d"])
        api.send(.get, "/_fabric/_system/_api/index?collection=c")
        api.send(.get, "/_tenant/other/_fabric/f/_api/version")
        XCTAssertEqual(gate.seen, [
            AccessRequest(resource: .collection("c"), level: .read, tenant: nil, fabric: "_system"),
            AccessRequest(resource: .fabric, level: .administer, tenant: nil, fabric: "_system"),
            AccessRequest(resource: .collection("c"), level: .read, tenant: nil, fabric: "_system"),
            AccessRequest(resource: .server, level: .read, tenant: "other", fabric: "f"),
        ])
    }

    func testARefusingGateAnswersWithItsErrorAndTheRouteDoesNotRun() throws {
        let api = try APIHarness(gate: RefusingGate())
        assertError(api.send(.post, "/_fabric/_system/_api/collection", json: ["name": "never"]), status: 401, errorNum: 11)
        XCTAssertFalse(try api.fabric.hasCollection("never"))
    }

    func testTheCallerTheGateAdmitsChoosesTheTenant() throws {
        let api = try APIHarness(gate: FixedCallerGate(caller: Caller(tenant: "acme", user: "joe")))
        try api.engine.createTenant("acme")
        assertSuccess(api.send(.post, "/_api/collection", json: ["name": "mine"]), status: 200)
        XCTAssertTrue(try api.engine.tenant("acme").fabric("_system").hasCollection("mine"))
        XCTAssertFalse(try api.fabric.hasCollection("mine"))
    }

    func testListingsShowOnlyWhatTheCallerMaySee() throws {
        let caller = Caller(tenant: "c8", user: "joe") { resource, fabric in
            switch resource {
            case .fabric: fabric != "hidden"
            case .collection(let name), .savedQuery(let name): !name.hasPrefix("secret")
            default: true
            }
        }
        let api = try APIHarness(gate: FixedCallerGate(caller: caller))
        try api.engine.defaultTenant.createFabric("hidden")
        try api.fabric.createCollection("open")
        try api.fabric.createCollection("secret")
        try api.fabric.createKeyValueCollection("secretKV")
        api.send(.post, "/_api/restql", json: ["query": ["name": "secretQuery", "value": "RETURN 1"]])
        api.send(.post, "/_api/restql", json: ["query": ["name": "shown", "value": "RETURN 1"]])
        XCTAssertEqual(api.send(.get, "/_api/database").json["result"], ["_system"])
        XCTAssertEqual(api.send(.get, "/_api/database/user").json["result"].arrayValue?.map { $0["name"] }, ["_system"])
        let collections = api.send(.get, "/_api/collection?excludeSystem=true").json["result"].arrayValue?.map { $0["name"] }
        XCTAssertEqual(collections, ["open"])
        XCTAssertEqual(api.send(.get, "/_api/kv").json["result"], [])
        XCTAssertEqual(api.send(.get, "/_api/restql/user").json["result"].arrayValue?.map { $0["name"] }, ["shown"])
    }

    func testExtraGroupsAddRoutes() throws {
        struct Ping: RouteGroup {
            var routes: [Route] {
                [Route(.get, "/_open/ping", in: .server, access: .open) { context throws(C8Error) in
                    APIResponse.envelope(200, ["caller": .string(context.caller.user)])
                }]
            }
        }
        let api = try APIHarness(gate: RefusingGate(), extraGroups: [Ping()])
        let reply = api.send(.get, "/_open/ping")
        assertSuccess(reply, status: 200)
        XCTAssertEqual(reply.json["caller"], "anonymous", "open routes skip the gate")
    }
}

final class RecordingGate: AccessGate {
    private let log = Mutex<[AccessRequest]>([])
    var seen: [AccessRequest] { log.withLock { $0 } }

    func admit(_ request: HTTPRequest, for access: AccessRequest) throws(C8Error) -> Caller {
        log.withLock { $0.append(access) }
        return Caller(tenant: "c8", user: "root")
    }
}

struct RefusingGate: AccessGate {
    func admit(_ request: HTTPRequest, for access: AccessRequest) throws(C8Error) -> Caller {
        throw C8Error(.forbidden, "no credentials", httpStatus: 401)
    }
}

struct FixedCallerGate: AccessGate {
    let caller: Caller
    func admit(_ request: HTTPRequest, for access: AccessRequest) throws(C8Error) -> Caller { caller }
}
