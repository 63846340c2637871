import C8Core
import C8Engine
import C8Storage
import XCTest

class AuthUserTests: AuthTestCase {
    func testCreateListGetUpdateRemove() throws {
        let access = try makeEngine().tenantAccess("c8")
        var new = NewUser(email: "ann@example.com", password: Self.password)
        new.extra = ["team": "ops"]
        let ann = try access.createUser(new)
        XCTAssertTrue(ann.user.hasPrefix("U"))
        XCTAssertEqual(ann.user.count, 23, "U and 22 base64url characters")
        XCTAssertEqual(ann.displayName, ann.user)
        XCTAssertTrue(ann.active)
        XCTAssertEqual(ann.role, .member)
        XCTAssertEqual(ann.extra["team"].stringValue, "ops")

        let bob = try createUser(access, "bob@example.com", user: "bob")
        XCTAssertEqual(try access.users().map(\.user).sorted(), [ann.user, bob.user].sorted())
        XCTAssertEqual(try access.user("bob").email, "bob@example.com")

        let changed = try access.updateUser("bob", UserChanges(displayName: "Bob", active: false, extra: ["x": 1]))
        XCTAssertEqual(changed.displayName, "Bob")
        XCTAssertFalse(changed.active)
        XCTAssertEqual(try access.user("bob").extra, ["x": 1])

        try access.removeUser("bob")
        assertError(.userNotFound) { try access.user("bob") }
        assertError(.userNotFound) { try access.removeUser("bob") }
        assertError(.userNotFound) { try access.updateUser("bob", UserChanges(active: true)) }
        XCTAssertEqual(try access.users().map(\.user), [ann.user])
    }

    func testRootIsListedFirstAndCannotBeRemoved() throws {
        let access = try makeEngine().tenantAccess("c8")
        try createUser(access, "zed@example.com", user: "aaa")
        try access.createUser(NewUser(email: "root@example.com", password: Self.password, user: "root"), role: .tenantAdmin)
        XCTAssertEqual(try access.users().map(\.user), ["root", "aaa"])
        assertError(.forbidden) { try access.removeUser("root") }
    }

    func testNamesEmailsAndPasswordsAreValidated() throws {
        let access = try makeEngine().tenantAccess("c8")
        for weak in ["Sh0rt!", "alllower1!", "ALLUPPER1!", "NoDigits!!", "NoSpecial11"] {
            assertError(.userInvalidPassword) { try access.createUser(NewUser(email: "a@example.com", password: weak)) }
        }
        for email in ["plain", "@example.com", "a@b", "a b@example.com", "a@example.", "a@@example.com"] {
            assertError(.userInvalidName) { try access.createUser(NewUser(email: email, password: Self.password)) }
        }
        assertError(.userInvalidName) { try access.createUser(NewUser(email: "a@example.com", password: Self.password, user: "has space")) }
        assertError(.userInvalidName) { try access.createUser(NewUser(email: "a@example.com", password: Self.password, user: "")) }
        XCTAssertEqual(try access.users().count, 0, "nothing was created by the failures")
        try createUser(access, "a@example.com", user: "a.b-c_d@e")
        assertError(.userInvalidPassword) { try access.updateUser("a.b-c_d@e", UserChanges(password: "weak")) }
    }

    func testDuplicateNamesAndEmails() throws {
        let engine = try makeEngine()
        try TenantDirectory(engine: engine).create(NewTenant(email: "owner@other.com", name: "other"))
        let c8 = try engine.tenantAccess("c8")
        let other = try engine.tenantAccess("other")
        try createUser(c8, "ann@example.com", user: "ann")
        assertError(.userDuplicate) { try self.createUser(c8, "ann2@example.com", user: "ann") }
        assertError(.duplicateEmail) { try self.createUser(c8, "ANN@example.com", user: "ann3") }
        assertError(.duplicateEmail) { try self.createUser(other, "ann@example.com", user: "ann") }
        XCTAssertNoThrow(try createUser(other, "ann@other.com", user: "ann"), "the same user name in another tenant")

        try createUser(c8, "bob@example.com", user: "bob")
        assertError(.duplicateEmail) { try c8.updateUser("bob", UserChanges(email: "ann@example.com")) }
        try c8.updateUser("bob", UserChanges(email: "robert@example.com"))
        XCTAssertNoThrow(try createUser(c8, "bob@example.com", user: "bob2"), "the old email was released")
        XCTAssertEqual(C8Error(.duplicateEmail).code, 409)
    }

    func testPasswordIsStoredOnlyAsASaltedHash() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        try createUser(access, "one@example.com", user: "one")
        try createUser(access, "two@example.com", user: "two")
        var stored: [[UInt8]] = []
        engine.storage.scan(KeyRange(prefix: [KeySpace.catalog, UInt8(ascii: "a"), UInt8(ascii: "u")])) { _, value in
            stored.append(Array(value))
            return true
        }
        XCTAssertEqual(stored.count, 2)
        let password = Array(Self.password.utf8)
        for value in stored {
            XCTAssertFalse(value.contains(subsequence: password), "the password appears in storage")
        }
        XCTAssertNotEqual(stored[0], stored[1])
    }

    func testLoginByEmailOrTenantAndUser() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        try createUser(access, "Ann@Example.com", user: "ann")
        let authenticator = Authenticator(engine: engine)

        let byEmail = try authenticator.login(email: "ann@example.com", password: Self.password)
        XCTAssertEqual(byEmail.tenant, "c8")
        XCTAssertEqual(byEmail.user, "ann")
        let byName = try authenticator.login(tenant: "c8", user: "ann", password: Self.password)
        XCTAssertEqual(byName.user, "ann")

        let principal = try authenticator.principal(authorization: "bearer " + byEmail.jwt)
        XCTAssertEqual(principal.tenant, "c8")
        XCTAssertEqual(principal.holder, .user("ann"))
        XCTAssertEqual(principal.role, .member)
    }

    func testWrongPasswordUnknownUserAndInactiveUserAreRefusedAlike() throws {
        let engine = try makeEngine()
        let access = try engine.tenantAccess("c8")
        try createUser(access, "ann@example.com", user: "ann")
        let authenticator = Authenticator(engine: engine)

        assertNotAuthenticated { try authenticator.login(email: "ann@example.com", password: "Sdk@123456#") }
        assertNotAuthenticated { try authenticator.login(email: "nobody@example.com", password: Self.password) }
        assertNotAuthenticated { try authenticator.login(tenant: "c8", user: "nobody", password: Self.password) }
        assertNotAuthenticated { try authenticator.login(tenant: "no-such-tenant", user: "ann", password: Self.password) }

        let token = try authenticator.login(tenant: "c8", user: "ann", password: Self.password).jwt
        try access.updateUser("ann", UserChanges(active: false))
        assertNotAuthenticated { try authenticator.login(email: "ann@example.com", password: Self.password) }
        assertNotAuthenticated { try authenticator.principal(token: token) }

        try access.updateUser("ann", UserChanges(active: true))
        XCTAssertNoThrow(try authenticator.principal(token: token), "reactivated, the session works again")
        try access.updateUser("ann", UserChanges(password: "New#Passw0rd"))
        assertNotAuthenticated { try authenticator.login(email: "ann@example.com", password: Self.password) }
        assertNotAuthenticated { try authenticator.principal(token: token) }
        let newToken = try authenticator.login(email: "ann@example.com", password: "New#Passw0rd").jwt
        XCTAssertNoThrow(try authenticator.principal(token: newToken), "a new password ends the sessions before it")

        try access.removeUser("ann")
        assertNotAuthenticated { try authenticator.principal(token: newToken) }
    }

    func testUserGrantsAndAttributes() throws {
        let access = try makeEngine().tenantAccess("c8")
        try createUser(access, "ann@example.com", user: "ann")
        try access.grant(.readOnly, on: .fabric("_system"), to: .user("ann"))
        try access.grant(.readWrite, on: .collection("orders", in: "_system"), to: .user("ann"))
        XCTAssertEqual(try access.permission(of: .user("ann"), on: .collection("orders", in: "_system")), .readWrite)
        XCTAssertEqual(try access.permission(of: .user("ann"), on: .collection("users", in: "_system")), .readOnly)
        try access.revoke(.fabric("_system"), from: .user("ann"))
        XCTAssertEqual(try access.permission(of: .user("ann"), on: .collection("orders", in: "_system")), Permission.none)
        assertError(.userNotFound) { try access.grant(.readOnly, on: .fabric("_system"), to: .user("nobody")) }

        XCTAssertEqual(JSON.object(try access.mergeAttributes(["foo": "bar", "boo": "baz"], into: .user("ann"))), ["foo": "bar", "boo": "baz"])
        XCTAssertEqual(JSON.object(try access.mergeAttributes(["foo": "qux"], into: .user("ann"))), ["foo": "qux", "boo": "baz"])
        try access.removeAttributes("boo", from: .user("ann"))
        XCTAssertEqual(JSON.object(try access.attributes(of: .user("ann"))), ["foo": "qux"])
        try access.removeAttributes(nil, from: .user("ann"))
        XCTAssertTrue(try access.attributes(of: .user("ann")).isEmpty)
    }

    func testRevokingAFabricForEveryone() throws {
        let access = try makeEngine().tenantAccess("c8")
        try createUser(access, "ann@example.com", user: "ann")
        _ = try access.createAPIKey("k1")
        try access.grant(.readWrite, on: .fabric("gone"), to: .user("ann"))
        try access.grant(.readWrite, on: .collection("c", in: "gone"), to: .apiKey("k1"))
        try access.grant(.readOnly, on: .fabric("_system"), to: .apiKey("k1"))
        try access.revokeAll(onFabric: "gone")
        XCTAssertNil(try access.grants(of: .user("ann")).fabrics["gone"])
        XCTAssertNil(try access.grants(of: .apiKey("k1")).fabrics["gone"])
        XCTAssertEqual(try access.grants(of: .apiKey("k1")).level(.fabric("_system")), .readOnly)
    }
}

final class AuthUserRocksDBTests: AuthUserTests {
    override func makeEngine() throws -> Engine { try openEngine(temporaryDirectory().path) }

    func testUsersGrantsAndLoginsSurviveReopen() throws {
        let directory = temporaryDirectory().path
        do {
            let engine = try openEngine(directory)
            let access = try engine.tenantAccess("c8")
            var new = NewUser(email: "ann@example.com", password: Self.password, user: "ann", displayName: "Ann")
            new.extra = ["team": "ops"]
            try access.createUser(new)
            try access.grant(.readOnly, on: .fabric("_system"), to: .user("ann"))
            try access.grant(.none, on: .stream("*", in: "_system"), to: .user("ann"))
            try access.mergeAttributes(["region": "eu"], into: .user("ann"))
            engine.close()
        }
        let engine = try openEngine(directory)
        defer { engine.close() }
        let access = try engine.tenantAccess("c8")
        let ann = try access.user("ann")
        XCTAssertEqual(ann.displayName, "Ann")
        XCTAssertEqual(ann.extra["team"].stringValue, "ops")
        XCTAssertEqual(ann.grants.level(.collection("c", in: "_system")), .readOnly)
        XCTAssertEqual(ann.grants.level(.stream("s", in: "_system")), Permission.none)
        XCTAssertEqual(JSON.object(ann.attributes), ["region": "eu"])
        let session = try Authenticator(engine: engine).login(email: "ann@example.com", password: Self.password)
        XCTAssertEqual(session.user, "ann")
        assertError(.duplicateEmail) { try self.createUser(access, "ann@example.com", user: "other") }
    }
}

private extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
    }
}
