import C8Core
import C8Net
@testable import C8Server
import XCTest

/// Every route the server answers × {admin, rw, ro, none, anonymous}
/// (issue 6): the routes come from the handler's router, so a new route is
/// in the matrix the moment it is served.
///
/// - anonymous: 401 everywhere but the routes open by design;
/// - none (a key without grants): 404 on fabric data, as for things it may
///   not know exist; 403 on account administration, whose existence is no
///   secret;
/// - ro: reads succeed (2xx), writes are 403;
/// - rw and admin: never 401 or 403 on fabric data (reads succeed); account
///   and tenant administration only for the admin.
final class PermissionMatrixTests: XCTestCase {
    typealias Caller = PermissionMatrixWorld.Caller

    /// Routes that need no credentials, and why.
    static let openByDesign: [String: String] = [
        "POST /_open/auth": "logging in is how a caller gets credentials",
        "POST /key/validate": "the key to validate, in the body, is the credential",
    ]

    /// Routes that answer 501 to everyone admitted, and why.
    static let notImplemented: [String: String] = [
        "/cursor/sql": "GDN's SQL dialect is not part of c8",
    ]

    /// Stream sockets name their fabric inside the URL (`c8global.<f>`), so
    /// they check the stream themselves before the handshake: `none` is told
    /// the stream is not there, `ro` may consume and read but not produce,
    /// and whoever passes gets 400 here because the matrix sends no upgrade.
    static func socketExpectation(_ route: Route, for caller: Caller) -> Expectation? {
        guard route.pattern.description.hasPrefix(StreamSocketRoutes.prefix) else { return nil }
        if caller == .none { return .hidden }
        if caller == .ro, route.pattern.description.contains("/producer/") { return .forbidden }
        return .admitted
    }

    /// Account routes every authenticated caller may use, and why.
    static let selfService: [String: String] = [
        "GET /user": "lists the caller's own record (everyone's for an admin); pyC8 reads its tenant from it",
    ]

    /// The first path segment of account administration (users, keys and
    /// their grants, tenants): routes that decide for themselves, admins only.
    static let accountAreas: Set<String> = ["user", "key", "tenant", "tenants"]

    enum Expectation: Equatable {
        case unauthenticated
        case hidden
        case forbidden
        case succeeds
        case admitted
        case unavailable

        func holds(for status: Int) -> Bool {
            switch self {
            case .unauthenticated: status == 401
            case .hidden: status == 404
            case .forbidden: status == 403
            case .succeeds: (200..<300).contains(status)
            case .admitted: status != 401 && status != 403 && status < 500
            case .unavailable: status == 501
            }
        }
    }

    private static func name(_ route: Route) -> String { "\(route.method.rawValue) \(route.pattern)" }

    private static func isAccountRoute(_ route: Route) -> Bool {
        guard route.space == .api, case .literal(let first)? = route.pattern.components.first else { return false }
        return accountAreas.contains(first)
    }

    /// What `caller` should be told by `route`.
    static func expectation(_ route: Route, for caller: Caller) -> Expectation {
        if caller == .anonymous { return .unauthenticated }
        let unavailable = notImplemented[route.pattern.description] != nil
        switch route.access {
        case .open:
            return .admitted
        case .authenticated where socketExpectation(route, for: caller) != nil:
            return socketExpectation(route, for: caller)!
        case .authenticated where selfService[name(route)] != nil:
            return .succeeds
        case .authenticated where isAccountRoute(route), .tenantAdmin, .serverAdmin:
            return caller == .admin ? .admitted : .forbidden
        case .authenticated:
            return unavailable ? .unavailable : .succeeds
        case .fabric(let level), .collection(_, let level), .savedQuery(_, let level), .stream(_, let level):
            if caller == .none { return .hidden }
            if unavailable { return .unavailable }
            if level == .read { return .succeeds }
            return caller == .ro ? .forbidden : .admitted
        }
    }

    func testEveryRouteAnswersEachCallerAsItsAccessLevelSays() throws {
        let routes = try PermissionMatrixWorld().api.handler.routes
            .sorted { Self.name($0) < Self.name($1) }
        XCTAssertGreaterThan(routes.count, 120, "the router lists every route")
        var checked = 0
        for route in routes {
            if case .open = route.access {
                XCTAssertNotNil(Self.openByDesign[Self.name(route)], "\(Self.name(route)) is open without a reason on record")
                continue
            }
            // A fresh world per route: writes of one route (drops included)
            // must not change what the next one finds.
            let world = try PermissionMatrixWorld()
            for caller in Caller.allCases {
                let expected = Self.expectation(route, for: caller)
                let reply = world.send(route, as: caller)
                XCTAssertTrue(expected.holds(for: reply.status),
                              "\(Self.name(route)) as \(caller.rawValue): expected \(expected), got \(reply.status) \(reply.json.jsonString())")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }

    func testRoutesOpenByDesignNeedNoCredentials() throws {
        let world = try PermissionMatrixWorld()
        let open = world.api.handler.routes.filter { if case .open = $0.access { true } else { false } }
        XCTAssertEqual(Set(open.map(Self.name)), Set(Self.openByDesign.keys))
        for route in open {
            XCTAssertNotEqual(world.send(route, as: .anonymous).status, 401, Self.name(route))
        }
    }
}
