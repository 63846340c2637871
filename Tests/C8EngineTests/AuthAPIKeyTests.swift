import C8Core
import C8Engine
import XCTest

class AuthAPIKeyTests: AuthTestCase {
    func testCreatedKeyAuthenticatesWithItsSecretOnly() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        let issued = try access.createAPIKey("k1")
        XCTAssertEqual(issued.key.keyId, "k1")
        XCTAssertEqual(issued.key.user, "root")
        XCTAssertEqual(issued.key.role, .member)
        XCTAssertTrue(issued.secret.hasPrefix("c8.k1."))
        XCTAssertGreaterThanOrEqual(issued.secret.count, "c8.k1.".count + 43, "256 random bits")

        let authenticator = Authenticator(engine: engine)
        let principal = try authenticator.principal(authorization: "apikey " + issued.secret)
        XCTAssertEqual(principal.tenant, "c8")
        XCTAssertEqual(principal.holder, .apiKey("k1"))
        XCTAssertEqual(principal.user, "root")
        XCTAssertFalse(principal.isAdmin)

        assertNotAuthenticated { try authenticator.principal(apiKey: issued.secret + "x") }
        assertNotAuthenticated { try authenticator.principal(apiKey: String(issued.secret.dropLast())) }
        assertNotAuthenticated { try authenticator.principal(apiKey: "c8.k1.guess") }
        assertNotAuthenticated { try authenticator.principal(authorization: "apikey unknown") }
    }

    func testRepeatedLookupsFollowEveryChange() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        let issued = try access.createAPIKey("k1")
        let authenticator = Authenticator(engine: engine)
        try access.grant(.readWrite, on: .fabric("_system"), to: .apiKey("k1"))
        XCTAssertEqual(try authenticator.principal(apiKey: issued.secret).permission(on: .fabric("_system")), .readWrite)
        XCTAssertEqual(try authenticator.principal(apiKey: issued.secret).permission(on: .fabric("_system")), .readWrite)
        try access.grant(.readOnly, on: .fabric("_system"), to: .apiKey("k1"))
        XCTAssertEqual(try authenticator.principal(apiKey: issued.secret).permission(on: .fabric("_system")), .readOnly)
        try access.removeAPIKey("k1")
        assertNotAuthenticated { try authenticator.principal(apiKey: issued.secret) }
    }

    func testBillingPermission() throws {
        let access = try makeEngine().tenantAccess("c8")
        try access.createAPIKey("k1")
        try access.installAdminKey(secret: "operator-key")
        XCTAssertEqual(try access.billingPermission(of: .apiKey("k1")), Permission.none)
        XCTAssertEqual(try access.billingPermission(of: .apiKey("admin")), .readWrite)
        try access.setBillingPermission(.readOnly, for: .apiKey("k1"))
        XCTAssertEqual(try access.billingPermission(of: .apiKey("k1")), .readOnly)
        XCTAssertEqual(try access.grants(of: .apiKey("k1")).fabrics.count, 0, "billing is not a fabric")
        try access.setBillingPermission(nil, for: .apiKey("k1"))
        XCTAssertEqual(try access.billingPermission(of: .apiKey("k1")), Permission.none)
        assertError(.invalidAPIKeyId) { try access.billingPermission(of: .apiKey("nokey")) }
    }

    func testSecretsAreFreshPerKey() throws {
        let access = try makeEngine().tenantAccess("c8")
        let a = try access.createAPIKey("a")
        let b = try access.createAPIKey("b")
        XCTAssertNotEqual(a.secret.split(separator: ".").last, b.secret.split(separator: ".").last)
    }

    func testListGetRemove() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        let issued = try access.createAPIKey("beta")
        try access.createAPIKey("alpha", isSystem: true)
        XCTAssertEqual(try access.apiKeys().map(\.keyId), ["alpha", "beta"])
        XCTAssertTrue(try access.apiKey("alpha").isSystem)
        assertError(.invalidAPIKeyId) { try access.apiKey("gamma") }
        XCTAssertEqual(C8Error(.invalidAPIKeyId).code, 404)

        try access.removeAPIKey("beta")
        assertError(.invalidAPIKeyId) { try access.removeAPIKey("beta") }
        assertNotAuthenticated { try Authenticator(engine: engine).principal(apiKey: issued.secret) }
        XCTAssertEqual(try access.apiKeys().map(\.keyId), ["alpha"])
    }

    func testKeyIdsAreValidatedAndUnique() throws {
        let access = try makeEngine().tenantAccess("c8")
        for bad in ["apikey-test%", "1abc", "", "with space", "dot.ted", "under_score"] {
            assertError(.invalidAPIKeyIdentifier) { try access.createAPIKey(bad) }
        }
        XCTAssertEqual(C8Error(.invalidAPIKeyIdentifier).code, 400)
        try access.createAPIKey("k1")
        assertError(.duplicateName) { try access.createAPIKey("k1") }
        assertError(.userNotFound) { try access.createAPIKey("k2", user: "nobody") }
        try createUser(access, "ann@example.com", user: "ann")
        XCTAssertEqual(try access.createAPIKey("k3", user: "ann").key.user, "ann")
    }

    func testKeyGrantsApplyToItsPrincipal() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        let issued = try access.createAPIKey("reader")
        try access.grant(.readOnly, on: .fabric("_system"), to: .apiKey("reader"))
        try access.grant(.none, on: .collection("secrets", in: "_system"), to: .apiKey("reader"))
        let principal = try Authenticator(engine: engine).principal(apiKey: issued.secret)
        XCTAssertEqual(principal.permission(on: .collection("orders", in: "_system")), .readOnly)
        XCTAssertEqual(principal.permission(on: .collection("secrets", in: "_system")), Permission.none)
        XCTAssertEqual(principal.permission(on: .fabric("demo")), Permission.none)
        assertError(.invalidAPIKeyId) { try access.grant(.readOnly, on: .fabric("_system"), to: .apiKey("nokey")) }
    }

    func testAdminKeyIsCreatedThenReplaced() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        let authenticator = Authenticator(engine: engine)
        let installed = try access.installAdminKey(secret: "first-secret")
        XCTAssertEqual(installed.keyId, "admin")
        XCTAssertEqual(installed.role, .serverAdmin)

        let admin = try authenticator.principal(authorization: "apikey first-secret")
        XCTAssertEqual(admin.tenant, "c8")
        XCTAssertTrue(admin.isAdmin)
        XCTAssertTrue(admin.administersTenants)
        XCTAssertEqual(admin.permission(on: .collection("anything", in: "anywhere")), .readWrite)

        try access.grant(.readOnly, on: .fabric("_system"), to: .apiKey("admin"))
        try access.installAdminKey(secret: "first-secret")
        try access.installAdminKey(secret: "second-secret")
        assertNotAuthenticated { try authenticator.principal(apiKey: "first-secret") }
        XCTAssertEqual(try authenticator.principal(apiKey: "second-secret").holder, .apiKey("admin"))
        XCTAssertEqual(try access.apiKeys().map(\.keyId), ["admin"])
        XCTAssertEqual(try access.grants(of: .apiKey("admin")).explicitLevel(.fabric("_system")), .readOnly, "grants kept")

        assertError(.badParameter) { try access.installAdminKey(secret: "") }
        assertError(.badParameter) { try access.installAdminKey(secret: "has space") }
        let other = try access.createAPIKey("other")
        assertError(.duplicateName) { try access.installAdminKey(secret: other.secret) }
    }

    func testAdminKeyTurnsAMemberKeyNamedAdminIntoTheAdmin() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        let old = try access.createAPIKey("admin")
        try access.installAdminKey(secret: "operator-key")
        assertNotAuthenticated { try Authenticator(engine: engine).principal(apiKey: old.secret) }
        XCTAssertTrue(try Authenticator(engine: engine).principal(apiKey: "operator-key").administersTenants)
    }
}

final class AuthAPIKeyRocksDBTests: AuthAPIKeyTests {
    override func makeEngine() throws -> Engine { try openEngine(temporaryDirectory().path) }

    func testKeysAndTheAdminKeySurviveReopen() throws {
        let directory = temporaryDirectory().path
        let secret: String
        do {
            let engine = try openEngine(directory)
            let access = try engine.tenantAccess("c8")
            secret = try access.createAPIKey("k1").secret
            try access.grant(.readWrite, on: .collection("*", in: "_system"), to: .apiKey("k1"))
            try access.grant(.readOnly, on: .fabric("_system"), to: .apiKey("k1"))
            try access.grant(.readOnly, on: .fabric("billing"), to: .apiKey("k1"))
            try access.setBillingPermission(.readWrite, for: .apiKey("k1"))
            try access.installAdminKey(secret: "operator-key")
            engine.close()
        }
        let engine = try openEngine(directory)
        defer { engine.close() }
        let authenticator = Authenticator(engine: engine)
        let principal = try authenticator.principal(apiKey: secret)
        XCTAssertEqual(principal.holder, .apiKey("k1"))
        XCTAssertEqual(principal.permission(on: .collection("c", in: "_system")), .readWrite)
        XCTAssertEqual(principal.permission(on: .fabric("billing")), .readOnly, "a fabric named billing is a fabric")
        XCTAssertEqual(try engine.tenantAccess("c8").billingPermission(of: .apiKey("k1")), .readWrite)
        XCTAssertTrue(try authenticator.principal(apiKey: "operator-key").administersTenants)
        try engine.tenantAccess("c8").removeAPIKey("k1")
        assertNotAuthenticated { try authenticator.principal(apiKey: secret) }
    }
}
