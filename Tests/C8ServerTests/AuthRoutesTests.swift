import C8Core
import C8Crypto
import C8Engine
import C8Net
@testable import C8Server
import XCTest

final class AuthRoutesTests: XCTestCase {
    private let password = AuthAPIHarness.password

    // MARK: - Login and the tenant lookup

    func testLoginThenUserLookupAsPyC8DoesIt() throws {
        let api = try AuthAPIHarness()
        let created = api.admin(.post, "/_api/user", body: #"{"email": "ann@example.com", "passwd": "\#(password)", "active": true, "displayName": "Ann", "extra": {"foo": "bar"}}"#)
        assertSuccess(created, status: 201)
        XCTAssertEqual(created.json["email"], "ann@example.com")
        XCTAssertEqual(created.json["tenant"], "c8")
        XCTAssertEqual(created.json["extra"]["foo"], "bar")
        XCTAssertTrue(created.json["passwd"].isNull)
        XCTAssertTrue(created.json["user"].stringValue?.hasPrefix("U") == true)

        // pyC8 posts without a Content-Type; the body is JSON all the same.
        let login = api.send(.post, "/_open/auth", body: #"{"email": "ann@example.com", "password": "\#(password)"}"#)
        XCTAssertEqual(login.status, 200, login.json.jsonString())
        XCTAssertEqual(login.json["tenant"], "c8")
        XCTAssertEqual(login.json["username"], created.json["user"])
        XCTAssertTrue(login.json["errorNum"].isNull)
        let jwt = try XCTUnwrap(login.json["jwt"].stringValue)

        let lookup = api.send(.get, "/_api/user", authorization: "Bearer " + jwt)
        assertSuccess(lookup, status: 200)
        let first = lookup.json["result"][0]
        XCTAssertEqual(first["tenant"], "c8")
        for field in ["user", "email", "displayName", "active", "extra"] { XCTAssertFalse(first[field].isNull, field) }
        XCTAssertEqual(lookup.json["result"].arrayValue?.count, 1, "a member sees only itself")

        let byTenant = api.send(.post, "/_open/auth", body: #"{"tenant": "c8", "username": "\#(created.json["user"].stringValue!)", "password": "\#(password)"}"#)
        XCTAssertEqual(byTenant.status, 200)
    }

    func testBadLoginsAre401WithErrorNum11() throws {
        let api = try AuthAPIHarness()
        api.admin(.post, "/_api/user", body: #"{"email": "ann@example.com", "passwd": "\#(password)"}"#)
        assertError(api.send(.post, "/_open/auth", body: #"{"email": "ann@example.com", "password": "wrong"}"#), status: 401, errorNum: 11)
        assertError(api.send(.post, "/_open/auth", body: #"{"email": "who@example.com", "password": "\#(password)"}"#), status: 401, errorNum: 11)
        assertError(api.send(.post, "/_open/auth", body: #"{"email": "ann@example.com"}"#), status: 400, errorNum: 10)
    }

    func testAdminKeyLookupNamesTheTenantEvenWithoutARootUser() throws {
        let api = try AuthAPIHarness()
        let lookup = api.send(.get, "/_api/user", authorization: "apikey " + AuthAPIHarness.adminKey)
        assertSuccess(lookup, status: 200)
        XCTAssertEqual(lookup.json["result"][0]["tenant"], "c8")
        XCTAssertEqual(lookup.json["result"][0]["user"], "root")
        XCTAssertEqual(api.send(.get, "/_fabric/_system/_api/user", authorization: "APIKEY " + AuthAPIHarness.adminKey).status, 200)
    }

    func testMissingAndBadCredentialsAre401() throws {
        let api = try AuthAPIHarness()
        assertError(api.send(.get, "/_api/user"), status: 401, errorNum: 11)
        assertError(api.send(.get, "/_fabric/_system/_api/collection"), status: 401, errorNum: 11)
        assertError(api.send(.get, "/_fabric/_system/_api/collection", authorization: "apikey nope"), status: 401, errorNum: 11)
        assertError(api.send(.get, "/_api/version", authorization: "Basic cm9vdDpyb290"), status: 401, errorNum: 11)
        let none = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "."
            + Base64URL.encode(Array(#"{"iss":"c8","tenant":"c8","username":"root","iat":1,"exp":99999999999}"#.utf8)) + "."
        assertError(api.send(.get, "/_api/version", authorization: "bearer " + none), status: 401, errorNum: 11)
        XCTAssertEqual(api.send(.get, "/_api/version", authorization: "apikey " + AuthAPIHarness.adminKey).status, 200)
    }

    // MARK: - Users

    func testUserLifecycle() throws {
        let api = try AuthAPIHarness()
        let id = try XCTUnwrap(api.admin(.post, "/_api/user", body: #"{"email": "bob@example.com", "passwd": "\#(password)", "extra": {"a": 1}}"#).json["user"].stringValue)
        assertError(api.admin(.post, "/_api/user", body: #"{"email": "bob@example.com", "passwd": "\#(password)"}"#), status: 409, errorNum: 100012)
        assertError(api.admin(.post, "/_api/user", body: #"{"email": "weak@example.com", "passwd": "weak"}"#), status: 400, errorNum: 1701)

        let fetched = api.admin(.get, "/_api/user/" + id)
        assertSuccess(fetched, status: 200)
        XCTAssertEqual(fetched.json["email"], "bob@example.com")

        let patched = api.admin(.patch, "/_api/user/" + id, body: #"{"active": false, "extra": {"b": 2}}"#)
        assertSuccess(patched, status: 200)
        XCTAssertEqual(patched.json["active"], false)
        XCTAssertEqual(patched.json["extra"], ["b": 2])
        assertError(api.send(.post, "/_open/auth", body: #"{"email": "bob@example.com", "password": "\#(password)"}"#), status: 401, errorNum: 11)

        assertSuccess(api.admin(.delete, "/_api/user/" + id), status: 202)
        assertError(api.admin(.delete, "/_api/user/" + id), status: 404, errorNum: 1703)
        assertError(api.admin(.get, "/_api/user/test_user_user_2"), status: 404, errorNum: 1703)
    }

    func testMembersCannotManageAccounts() throws {
        let api = try AuthAPIHarness()
        let key = api.createKey("member")
        let auth = "apikey " + key
        assertError(api.send(.post, "/_api/user", body: #"{"email": "x@example.com", "passwd": "\#(password)"}"#, authorization: auth), status: 403, errorNum: 11)
        assertError(api.send(.get, "/_api/key", authorization: auth), status: 403, errorNum: 11)
        assertError(api.send(.post, "/_api/key", body: #"{"keyid": "more"}"#, authorization: auth), status: 403, errorNum: 11)
        assertError(api.send(.put, "/_api/key/member/database/_system", body: #"{"grant": "rw"}"#, authorization: auth), status: 403, errorNum: 11)
        assertError(api.send(.get, "/_api/key/admin", authorization: auth), status: 403, errorNum: 11)
        assertError(api.send(.get, "/_api/tenants", authorization: auth), status: 403, errorNum: 11)
        XCTAssertEqual(api.send(.get, "/_api/key/member", authorization: auth).json["keyid"], "member", "a key reads itself")
        XCTAssertEqual(api.send(.get, "/_api/key/member/database/_system", authorization: auth).json["result"], "none")
    }

    // MARK: - Keys and permissions

    func testKeyLifecycleAndGDNErrors() throws {
        let api = try AuthAPIHarness()
        let created = api.admin(.post, "/_api/key", body: #"{"keyid": "k1"}"#)
        assertSuccess(created, status: 201)
        XCTAssertEqual(created.json["keyid"], "k1")
        XCTAssertEqual(created.json["tenant"], "c8")
        XCTAssertTrue(created.json["key"].stringValue?.hasPrefix("c8.k1.") == true)
        XCTAssertEqual(api.admin(.get, "/_api/key").json["result"].arrayValue?.compactMap { $0["keyid"].stringValue }, ["admin", "k1"])
        XCTAssertTrue(api.admin(.get, "/_api/key/k1").json["key"].isNull, "the secret is shown only once")

        assertError(api.admin(.post, "/_api/key", body: #"{"keyid": "apikey-test%"}"#), status: 400, errorNum: 100020)
        assertError(api.admin(.get, "/_api/key/apikey-test%25"), status: 404, errorNum: 100015)
        assertError(api.admin(.delete, "/_api/key/nokey"), status: 404, errorNum: 100015)
        assertError(api.admin(.get, "/_api/key/nokey/database"), status: 404, errorNum: 100015)
        assertError(api.admin(.put, "/_api/key/nokey/database/_system", body: #"{"grant": "rw"}"#), status: 404, errorNum: 100015)
        assertError(api.admin(.put, "/_api/key/k1/database/_system", body: #"{"grant": "admin"}"#), status: 400, errorNum: 10)

        assertSuccess(api.admin(.delete, "/_api/key/k1"), status: 200)
        assertError(api.send(.get, "/_api/version", authorization: "apikey " + (created.json["key"].stringValue ?? "")), status: 401, errorNum: 11)
    }

    func testFabricAndCollectionGrantsGovernTheDataRoutes() throws {
        let api = try AuthAPIHarness()
        let auth = "apikey " + api.createKey("k1")
        XCTAssertLessThan(api.admin(.post, "/_fabric/_system/_api/collection", body: #"{"name": "orders"}"#).status, 300)

        // No grant: the fabric does not exist for the key.
        assertError(api.send(.get, "/_fabric/_system/_api/collection", authorization: auth), status: 404, errorNum: 1228)

        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system", body: #"{"grant": "ro"}"#), status: 200)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system").json["result"], "ro")
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database").json["result"]["_system"], "ro")
        XCTAssertEqual(api.send(.get, "/_fabric/_system/_api/collection", authorization: auth).status, 200)
        assertError(api.send(.post, "/_fabric/_system/_api/collection", body: #"{"name": "mine"}"#, authorization: auth), status: 403, errorNum: 11)
        assertError(api.send(.post, "/_fabric/_system/_api/document/orders", body: #"{"a": 1}"#, authorization: auth), status: 403, errorNum: 11)

        // An explicit collection grant beats the fabric's, both ways.
        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system/collection/orders", body: #"{"grant": "rw"}"#), status: 200)
        XCTAssertLessThan(api.send(.post, "/_fabric/_system/_api/document/orders", body: #"{"a": 1}"#, authorization: auth).status, 300)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system/collection?full=False").json["result"]["orders"], "rw")

        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system", body: #"{"grant": "rw"}"#), status: 200)
        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system/collection/orders", body: #"{"grant": "none"}"#), status: 200)
        assertError(api.send(.get, "/_fabric/_system/_api/collection/orders", authorization: auth), status: 404, errorNum: 1203)
        assertSuccess(api.admin(.delete, "/_api/key/k1/database/_system/collection/orders"), status: 202)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system/collection/orders").json["result"], "rw", "back to the fabric level")
        XCTAssertEqual(api.send(.get, "/_fabric/_system/_api/collection/orders", authorization: auth).status, 200)

        assertSuccess(api.admin(.delete, "/_api/key/k1/database/_system"), status: 202)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system").json["result"], "none")
        assertError(api.send(.get, "/_fabric/_system/_api/collection", authorization: auth), status: 404, errorNum: 1228)
    }

    func testStreamAndSavedQueryGrantsAndAttributes() throws {
        let api = try AuthAPIHarness()
        _ = api.createKey("k1")
        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system", body: #"{"grant": "rw"}"#), status: 200)
        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system/stream/c8globals.s1?global=True", body: #"{"grant": "ro"}"#), status: 200)
        assertSuccess(api.admin(.put, "/_api/key/k1/database/_system/restql/report", body: #"{"grant": "none"}"#), status: 200)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system/stream?full=False").json["result"], ["c8globals.s1": "ro"])
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system/stream/c8globals.s2").json["result"], "rw")
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/database/_system/restql/report").json["result"], "none")
        assertError(api.admin(.get, "/_api/key/k1/database/_system/graph/g"), status: 404, errorNum: 404)

        XCTAssertEqual(api.admin(.get, "/_api/key/k1/billing").json["billing"], "none")
        XCTAssertEqual(api.admin(.put, "/_api/key/k1/billing", body: #"{"grant": "rw"}"#).json["billing"], "rw")
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/billing").json["billing"], "rw")
        // pyC8's get_billing_access_level reads `result`.
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/billing").json["result"], "rw")
        assertSuccess(api.admin(.delete, "/_api/key/k1/billing"), status: 200)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/billing").json["billing"], "none")
        assertError(api.admin(.get, "/_api/key/nokey/billing"), status: 404, errorNum: 100015)

        XCTAssertEqual(api.admin(.put, "/_api/key/k1/attributes", body: #"{"foo": "bar", "boo": "baz"}"#).json["result"], ["foo": "bar", "boo": "baz"])
        api.admin(.put, "/_api/key/k1/attributes", body: #"{"foo": "qux"}"#)
        assertSuccess(api.admin(.delete, "/_api/key/k1/attributes/boo"), status: 200)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/attributes").json["result"], ["foo": "qux"])
        assertSuccess(api.admin(.delete, "/_api/key/k1/attributes/truncate"), status: 200)
        XCTAssertEqual(api.admin(.get, "/_api/key/k1/attributes").json["result"], .object([:]))
    }

    func testUserGrantsUseTheSameRoutes() throws {
        let api = try AuthAPIHarness()
        let id = try XCTUnwrap(api.admin(.post, "/_api/user", body: #"{"email": "ann@example.com", "passwd": "\#(password)"}"#).json["user"].stringValue)
        assertSuccess(api.admin(.put, "/_api/user/\(id)/database/_system", body: #"{"grant": "ro"}"#), status: 200)
        let full = api.admin(.get, "/_api/user/\(id)/database?full=1").json["result"]["_system"]
        XCTAssertEqual(full["permission"], "ro")
        let jwt = try XCTUnwrap(api.send(.post, "/_open/auth", body: #"{"email": "ann@example.com", "password": "\#(password)"}"#).json["jwt"].stringValue)
        XCTAssertEqual(api.send(.get, "/_fabric/_system/_api/collection", authorization: "bearer " + jwt).status, 200)
        XCTAssertEqual(api.send(.get, "/_api/user/\(id)/database/_system", authorization: "bearer " + jwt).json["result"], "ro", "users read their own grants")
        assertError(api.admin(.get, "/_api/user/nobody/database"), status: 404, errorNum: 1703)
    }

    // MARK: - Tenants

    func testTenantsAreForServerAdminsAndIsolated() throws {
        let api = try AuthAPIHarness()
        let created = api.admin(.post, "/_api/tenant", body: #"{"email": "owner@acme.com", "passwd": "\#(password)", "dcList": ["us-east"], "extra": {}}"#)
        assertSuccess(created, status: 201)
        XCTAssertEqual(created.json["result"]["tenant"], "owner_acme.com")
        XCTAssertEqual(created.json["result"]["dcList"], "us-east")
        XCTAssertEqual(api.admin(.get, "/_api/tenants").json["result"].arrayValue?.compactMap { $0["tenant"].stringValue },
                       ["_mm", "c8", "owner_acme.com"])

        let login = api.send(.post, "/_open/auth", body: #"{"email": "owner@acme.com", "password": "\#(password)"}"#)
        XCTAssertEqual(login.json["tenant"], "owner_acme.com")
        let owner = "bearer " + (login.json["jwt"].stringValue ?? "")
        XCTAssertEqual(api.send(.get, "/_api/user", authorization: owner).json["result"][0]["tenant"], "owner_acme.com")
        XCTAssertEqual(api.send(.get, "/_api/user", authorization: owner).json["result"].arrayValue?.count, 1)
        XCTAssertEqual(api.send(.get, "/_fabric/_system/_api/collection", authorization: owner).status, 200, "a tenant root administers its tenant")
        assertError(api.send(.get, "/_api/tenants", authorization: owner), status: 403, errorNum: 11)
        assertError(api.send(.get, "/_tenant/c8/_fabric/_system/_api/collection", authorization: owner), status: 404, errorNum: 1228)
        assertError(api.send(.get, "/_tenant/c8/_api/user", authorization: owner), status: 404, errorNum: 1228)

        let patched = api.admin(.patch, "/_api/tenant/owner_acme.com", body: #"{"displayName": "ACME", "dcList": "us-east,eu-west"}"#)
        XCTAssertEqual(patched.json["result"]["displayName"], "ACME")
        XCTAssertEqual(api.admin(.get, "/_api/tenant/owner_acme.com").json["result"]["dcList"], "us-east,eu-west")
        assertSuccess(api.admin(.delete, "/_api/tenant/owner_acme.com"), status: 200)
        assertError(api.admin(.delete, "/_api/tenant/owner_acme.com"), status: 404, errorNum: 1228)
        assertError(api.send(.get, "/_api/user", authorization: owner), status: 401, errorNum: 11)
    }

    // MARK: - The gate's decisions

    func testPermissionMatrixOfTheGate() throws {
        var readWrite = AccessGrants()
        try readWrite.grant(.readWrite, on: .fabric("f"))
        var readOnly = AccessGrants()
        try readOnly.grant(.readOnly, on: .fabric("f"))
        let principals: [(String, Principal)] = [
            ("admin", Principal(tenant: "t", holder: .apiKey("admin"), user: "root", role: .serverAdmin, grants: AccessGrants())),
            ("rw", Principal(tenant: "t", holder: .apiKey("rw"), user: "root", role: .member, grants: readWrite)),
            ("ro", Principal(tenant: "t", holder: .apiKey("ro"), user: "root", role: .member, grants: readOnly)),
            ("none", Principal(tenant: "t", holder: .apiKey("none"), user: "root", role: .member, grants: AccessGrants())),
        ]
        // Expected status per principal, in the order above (0 = admitted).
        let cases: [(AccessRequest.Resource, C8Server.AccessLevel, [Int])] = [
            (.server, .read, [0, 0, 0, 0]),
            (.tenant, .administer, [0, 403, 403, 403]),
            (.fabric, .read, [0, 0, 0, 404]),
            (.fabric, .write, [0, 0, 403, 404]),
            (.fabric, .administer, [0, 0, 403, 404]),
            (.collection("c"), .read, [0, 0, 0, 404]),
            (.collection("c"), .write, [0, 0, 403, 404]),
            (.collection("c"), .administer, [0, 0, 403, 404]),
            (.stream("s"), .write, [0, 0, 403, 404]),
            (.savedQuery("q"), .read, [0, 0, 0, 404]),
        ]
        for (resource, level, expected) in cases {
            for ((name, principal), status) in zip(principals, expected) {
                let request = AccessRequest(resource: resource, level: level, tenant: nil, fabric: "f")
                do {
                    try PermissionGate.check(principal, request)
                    XCTAssertEqual(status, 0, "\(name) \(resource) \(level) was admitted")
                } catch {
                    XCTAssertEqual(error.code, status, "\(name) \(resource) \(level): \(error)")
                }
            }
        }
        let otherTenant = AccessRequest(resource: .fabric, level: .read, tenant: "u", fabric: "f")
        XCTAssertThrowsError(try PermissionGate.check(principals[1].1, otherTenant))
        XCTAssertNoThrow(try PermissionGate.check(principals[0].1, otherTenant), "server admins reach every tenant")
    }
}
