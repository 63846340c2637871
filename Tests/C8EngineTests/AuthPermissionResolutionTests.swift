import C8Core
import C8Engine
import XCTest

/// The resolution rule of C8-API.md §1.6, as a table, and the grants that
/// feed it.
final class AuthPermissionResolutionTests: XCTestCase {
    private typealias Row = (fabric: Permission?, explicit: Permission?, kindDefault: Permission?, expected: Permission)

    func testResolutionTable() {
        let rows: [Row] = [
            // A fabric: its own grant, else none (the fabric default is fixed).
            (nil, nil, nil, .none),
            (.readOnly, nil, nil, .readOnly),
            (.readWrite, nil, nil, .readWrite),
            (Permission.none, nil, nil, .none),
            // Inside a fabric: explicit first, higher or lower than the fabric.
            (.readWrite, .readOnly, nil, .readOnly),
            (.readWrite, Permission.none, nil, .none),
            (.readOnly, .readWrite, nil, .readWrite),
            (.readOnly, Permission.none, .readWrite, .none),
            // Then the kind's `*` default.
            (.readWrite, nil, .readOnly, .readOnly),
            (.readOnly, nil, .readWrite, .readWrite),
            (.readWrite, nil, Permission.none, .none),
            // Explicit beats the default either way.
            (.readWrite, .readWrite, Permission.none, .readWrite),
            (.readWrite, .readOnly, .readWrite, .readOnly),
            // A fabric at none (granted or not) closes everything in it.
            (Permission.none, .readWrite, nil, .none),
            (Permission.none, nil, .readWrite, .none),
            (nil, .readWrite, .readWrite, .none),
        ]
        for (i, row) in rows.enumerated() {
            XCTAssertEqual(AccessResolution.resolve(fabric: row.fabric, explicit: row.explicit, kindDefault: row.kindDefault),
                           row.expected, "row \(i): \(row)")
        }
    }

    func testGrantsResolvePerKindAndFabric() throws {
        var grants = AccessGrants()
        try grants.grant(.readWrite, on: .fabric("_system"))
        try grants.grant(.readOnly, on: .fabric("demo"))
        try grants.grant(.readOnly, on: .collection("*", in: "_system"))
        try grants.grant(.readWrite, on: .collection("orders", in: "_system"))
        try grants.grant(.none, on: .stream("audit", in: "_system"))
        try grants.grant(.readWrite, on: .savedQuery("report", in: "demo"))

        XCTAssertEqual(grants.level(.fabric("_system")), .readWrite)
        XCTAssertEqual(grants.level(.fabric("demo")), .readOnly)
        XCTAssertEqual(grants.level(.fabric("other")), Permission.none)
        XCTAssertEqual(grants.level(.collection("orders", in: "_system")), .readWrite)
        XCTAssertEqual(grants.level(.collection("users", in: "_system")), .readOnly, "the collection default")
        XCTAssertEqual(grants.level(.stream("audit", in: "_system")), Permission.none)
        XCTAssertEqual(grants.level(.stream("events", in: "_system")), .readWrite, "streams fall back to the fabric, not the collection default")
        XCTAssertEqual(grants.level(.savedQuery("report", in: "demo")), .readWrite)
        XCTAssertEqual(grants.level(.collection("orders", in: "demo")), .readOnly, "another fabric's grants do not apply")
        XCTAssertEqual(grants.level(.collection("orders", in: "other")), Permission.none)
        XCTAssertEqual(grants.explicitLevel(.collection("users", in: "_system")), nil)
        XCTAssertEqual(grants.explicitLevel(.collection("*", in: "_system")), .readOnly)
    }

    func testRevokingFallsBackAndKeepsTheRest() throws {
        var grants = AccessGrants()
        try grants.grant(.readWrite, on: .fabric("f"))
        try grants.grant(.readOnly, on: .collection("c", in: "f"))
        XCTAssertEqual(grants.level(.collection("c", in: "f")), .readOnly)
        grants.revoke(.collection("c", in: "f"))
        XCTAssertEqual(grants.level(.collection("c", in: "f")), .readWrite, "back to the fabric level")

        try grants.grant(.readOnly, on: .collection("c", in: "f"))
        grants.revoke(.fabric("f"))
        XCTAssertEqual(grants.level(.fabric("f")), Permission.none)
        XCTAssertEqual(grants.level(.collection("c", in: "f")), Permission.none, "closed with the fabric")
        try grants.grant(.readOnly, on: .fabric("f"))
        XCTAssertEqual(grants.explicitLevel(.collection("c", in: "f")), .readOnly, "clearing the fabric kept the collection grant")

        grants.revokeAll(in: "f")
        XCTAssertEqual(grants, AccessGrants())
        grants.revoke(.fabric("never-granted"))
        XCTAssertEqual(grants, AccessGrants())
    }

    func testTheFabricDefaultCannotBeGrantedAndNamesMustNotBeEmpty() {
        var grants = AccessGrants()
        XCTAssertThrowsError(try grants.grant(.readOnly, on: .fabric("*")))
        XCTAssertThrowsError(try grants.grant(.readOnly, on: .fabric("")))
        XCTAssertThrowsError(try grants.grant(.readOnly, on: .collection("", in: "f")))
        XCTAssertEqual(grants, AccessGrants())
    }

    func testPermissionsParseAndOrder() throws {
        XCTAssertEqual(try Permission(grant: "rw"), .readWrite)
        XCTAssertEqual(try Permission(grant: "ro"), .readOnly)
        XCTAssertEqual(try Permission(grant: "none"), Permission.none)
        for bad in ["RW", "admin", "", "read"] {
            XCTAssertThrowsError(try Permission(grant: bad)) { XCTAssertEqual(($0 as? C8Error)?.code, 400) }
        }
        XCTAssertLessThan(Permission.none, .readOnly)
        XCTAssertLessThan(Permission.readOnly, .readWrite)
        XCTAssertTrue(Permission.readOnly.canRead)
        XCTAssertFalse(Permission.readOnly.canWrite)
        XCTAssertFalse(Permission.none.canRead)
    }

    func testPrincipalAdminsSeeEverythingMembersSeeTheirGrants() throws {
        var grants = AccessGrants()
        try grants.grant(.readOnly, on: .fabric("f"))
        let member = Principal(tenant: "t", holder: .apiKey("k"), user: "root", role: .member, grants: grants)
        let admin = Principal(tenant: "t", holder: .user("root"), user: "root", role: .tenantAdmin, grants: AccessGrants())
        XCTAssertEqual(member.permission(on: .collection("c", in: "f")), .readOnly)
        XCTAssertEqual(member.permission(on: .fabric("g")), Permission.none)
        XCTAssertEqual(admin.permission(on: .fabric("g")), .readWrite)
        XCTAssertFalse(admin.administersTenants)
        XCTAssertTrue(AccountRole.serverAdmin.administersTenants)
    }
}
