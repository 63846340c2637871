import C8Core
import C8Engine
import XCTest

class AuthTenantTests: AuthTestCase {
    func testRootTenantIsCreatedOnceAndCannotBeDeleted() throws {
        let engine = try makeEngine()
        let directory = TenantDirectory(engine: engine)
        try directory.ensureRootTenant()
        try directory.ensureRootTenant()
        XCTAssertEqual(try directory.list().map(\.tenant), ["_mm", "c8"])
        XCTAssertEqual(try engine.tenant("_mm").fabrics().map(\.name), ["_system"])
        assertError(.forbidden) { try directory.delete("_mm") }
        assertError(.forbidden) { try directory.delete("c8") }
    }

    func testPreparingAccountsAtStartIsIdempotent() throws {
        let engine = try makeEngine()
        try engine.prepareAccounts(adminKey: nil)
        try engine.prepareAccounts(adminKey: "start-key")
        try engine.prepareAccounts(adminKey: "start-key")
        XCTAssertEqual(engine.tenants().map(\.name), ["_mm", "c8"])
        let principal = try Authenticator(engine: engine).principal(authorization: "apikey start-key")
        XCTAssertEqual(principal.tenant, "c8")
        XCTAssertTrue(principal.administersTenants)
        assertError(.badParameter) { try engine.prepareAccounts(adminKey: "") }
    }

    func testCreateWithDcListGetUpdateDelete() throws {
        let engine = try makeEngine()
        let directory = TenantDirectory(engine: engine)
        var new = NewTenant(email: "owner@acme.com", password: Self.password)
        new.dcList = ["us-east", "eu-west"]
        new.metadata = ["tier": "gold"]
        let created = try directory.create(new)
        XCTAssertEqual(created.tenant, "owner_acme.com")
        XCTAssertEqual(created.dcList, ["us-east", "eu-west"])
        XCTAssertEqual(try engine.tenant("owner_acme.com").fabrics().map(\.name), ["_system"])

        let root = try engine.tenantAccess("owner_acme.com").user("root")
        XCTAssertEqual(root.email, "owner@acme.com")
        XCTAssertEqual(root.role, .tenantAdmin)
        let session = try Authenticator(engine: engine).login(email: "owner@acme.com", password: Self.password)
        XCTAssertEqual(session.tenant, "owner_acme.com")
        XCTAssertTrue(try Authenticator(engine: engine).principal(token: session.jwt).isAdmin)
        XCTAssertFalse(try Authenticator(engine: engine).principal(token: session.jwt).administersTenants)

        var changes = TenantChanges()
        changes.displayName = "ACME"
        changes.dcList = ["us-east"]
        changes.password = "Changed#Pass1"
        let updated = try directory.update("owner_acme.com", changes)
        XCTAssertEqual(updated.displayName, "ACME")
        XCTAssertEqual(try directory.profile("owner_acme.com").dcList, ["us-east"])
        XCTAssertNoThrow(try Authenticator(engine: engine).login(tenant: "owner_acme.com", user: "root", password: "Changed#Pass1"))

        assertError(.duplicateName) { try directory.create(NewTenant(email: "x@acme.com", name: "owner_acme.com")) }
        try directory.delete("owner_acme.com")
        assertError(.databaseNotFound) { try directory.profile("owner_acme.com") }
        assertError(.databaseNotFound) { try directory.delete("owner_acme.com") }
        assertNotAuthenticated { try Authenticator(engine: engine).login(email: "owner@acme.com", password: "Changed#Pass1") }
    }

    func testAFailedRootUserLeavesNoTenant() throws {
        let engine = try makeEngine()
        let directory = TenantDirectory(engine: engine)
        assertError(.userInvalidPassword) { try directory.create(NewTenant(email: "a@b.com", password: "weak")) }
        try createUser(engine.tenantAccess("c8"), "taken@b.com")
        assertError(.duplicateEmail) { try directory.create(NewTenant(email: "taken@b.com", password: Self.password)) }
        assertError(.illegalName) { try directory.create(NewTenant(email: "a@b.com", name: "bad name")) }
        XCTAssertEqual(engine.tenants().map(\.name), ["c8"])
    }

    func testTenantsSeeNothingOfEachOther() throws {
        let engine = try makeEngine()
        let directory = TenantDirectory(engine: engine)
        try directory.create(NewTenant(email: "a@a.com", password: Self.password, name: "ta"))
        try directory.create(NewTenant(email: "b@b.com", password: Self.password, name: "tb"))
        let a = try engine.tenantAccess("ta")
        let b = try engine.tenantAccess("tb")
        try createUser(a, "ann@a.com", user: "ann")
        let keyA = try a.createAPIKey("shared")
        let keyB = try b.createAPIKey("shared")
        try a.grant(.readWrite, on: .fabric("_system"), to: .apiKey("shared"))

        XCTAssertEqual(try a.users().map(\.user), ["root", "ann"])
        XCTAssertEqual(try b.users().map(\.user), ["root"])
        assertError(.userNotFound) { try b.user("ann") }
        assertError(.userNotFound) { try b.grant(.readOnly, on: .fabric("_system"), to: .user("ann")) }
        XCTAssertEqual(try b.grants(of: .apiKey("shared")), AccessGrants(), "the same key id, separate grants")

        let authenticator = Authenticator(engine: engine)
        XCTAssertEqual(try authenticator.principal(apiKey: keyA.secret).tenant, "ta")
        XCTAssertEqual(try authenticator.principal(apiKey: keyB.secret).tenant, "tb")
        XCTAssertEqual(try authenticator.principal(apiKey: keyB.secret).permission(on: .fabric("_system")), Permission.none)
        assertNotAuthenticated { try authenticator.login(tenant: "tb", user: "ann", password: Self.password) }
        let session = try authenticator.login(tenant: "ta", user: "ann", password: Self.password)
        XCTAssertEqual(try authenticator.principal(token: session.jwt).tenant, "ta")
        XCTAssertFalse(try authenticator.principal(token: session.jwt).isAdmin)
        assertError(.databaseNotFound) { try engine.tenantAccess("tc") }
    }

    func testARecreatedTenantStartsWithoutTheOldAccounts() throws {
        let engine = try makeEngine()
        let directory = TenantDirectory(engine: engine)
        try directory.create(NewTenant(email: "a@a.com", password: Self.password, name: "ta"))
        let key = try engine.tenantAccess("ta").createAPIKey("k1")
        try createUser(engine.tenantAccess("ta"), "ann@a.com", user: "ann")
        try directory.delete("ta")
        try directory.create(NewTenant(email: "a@a.com", name: "ta"))
        let access = try engine.tenantAccess("ta")
        XCTAssertEqual(try access.users().map(\.user), [])
        XCTAssertEqual(try access.apiKeys().map(\.keyId), [])
        assertNotAuthenticated { try Authenticator(engine: engine).principal(apiKey: key.secret) }
        XCTAssertNoThrow(try createUser(access, "ann@a.com", user: "ann"), "the email was released")
    }

    func testATokenDoesNotOpenATenantCreatedAgainUnderItsName() throws {
        let engine = try makeEngine()
        let directory = TenantDirectory(engine: engine)
        try directory.create(NewTenant(email: "a@a.com", password: Self.password, name: "ta"))
        let authenticator = Authenticator(engine: engine)
        let old = try authenticator.login(tenant: "ta", user: "root", password: Self.password).jwt
        try directory.delete("ta")
        try directory.create(NewTenant(email: "a@a.com", password: Self.password, name: "ta"))
        assertNotAuthenticated { try authenticator.principal(token: old) }
        let new = try authenticator.login(tenant: "ta", user: "root", password: Self.password).jwt
        XCTAssertEqual(try authenticator.principal(token: new).tenant, "ta")
    }

    func testRootTenantRootIsAServerAdmin() throws {
        let engine = try makeEngine()
        try TenantDirectory(engine: engine).create(NewTenant(email: "super@c8.io", password: Self.password, name: "_mm"))
        let session = try Authenticator(engine: engine).login(email: "super@c8.io", password: Self.password)
        let principal = try Authenticator(engine: engine).principal(token: session.jwt)
        XCTAssertEqual(principal.tenant, "_mm")
        XCTAssertTrue(principal.administersTenants)
    }
}

final class AuthTenantRocksDBTests: AuthTenantTests {
    override func makeEngine() throws -> Engine { try openEngine(temporaryDirectory().path) }

    func testTenantsProfilesAndAccountsSurviveReopen() throws {
        let directory = temporaryDirectory().path
        do {
            let engine = try openEngine(directory)
            var new = NewTenant(email: "owner@acme.com", password: Self.password, name: "acme")
            new.dcList = ["eu-west"]
            try TenantDirectory(engine: engine).create(new)
            try TenantDirectory(engine: engine).ensureRootTenant()
            engine.close()
        }
        let engine = try openEngine(directory)
        defer { engine.close() }
        let tenants = TenantDirectory(engine: engine)
        XCTAssertEqual(try tenants.list().map(\.tenant), ["_mm", "acme", "c8"])
        XCTAssertEqual(try tenants.profile("acme").dcList, ["eu-west"])
        XCTAssertEqual(try tenants.profile("acme").email, "owner@acme.com")
        XCTAssertEqual(try Authenticator(engine: engine).login(tenant: "acme", user: "root", password: Self.password).tenant, "acme")
    }
}
