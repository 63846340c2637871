import C8Core
import C8Net
@testable import C8Server
import XCTest

/// Every route the server answers × every kind of caller × {own fabric,
/// other fabric, other tenant} (issues 6 and 10): the routes come from the
/// handler's router, so a new route is in the matrix the moment it is
/// served.
///
/// - anonymous, and tokens that are expired, tampered with (payload
///   changed, signature kept), `alg: none` or `alg: RS256` (even one signed
///   with the server's own secret): 401 everywhere but the routes open by
///   design;
/// - callers with grants on their own fabric only (keys at none, ro and rw,
///   a user at rw with a JWT) are told that the other fabric's things, and
///   everything of the other tenant, do not exist (404) — whatever their
///   level at home;
/// - none (a key without grants): 404 on fabric data, as for things it may
///   not know exist; 403 on account administration, whose existence is no
///   secret;
/// - ro: reads succeed (2xx), writes are 403;
/// - rw and admin: never 401 or 403 on fabric data (reads succeed); account
///   and tenant administration only for the admin.
final class PermissionMatrixTests: XCTestCase {
    typealias Caller = PermissionMatrixWorld.Caller
    typealias Scope = PermissionMatrixWorld.Scope

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

    /// Routes that only the `_system` fabric answers (GDN's 403, errorNum
    /// 1230 "operation only allowed in system database"), to whoever
    /// would be admitted there.
    static let systemFabricOnly: [String: String] = [
        "GET /database": "fabrics are listed from _system",
        "POST /database": "fabrics are created from _system",
        "DELETE /database/{name}": "fabrics are dropped from _system",
    ]

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

    /// Whether `route` in `scope` reaches beyond what a caller granted on
    /// its own fabric alone may know about: the other tenant's every
    /// fabric route (the URL names the tenant), the other fabric's data,
    /// and sockets or tenant lookups that name them in the path.
    static func reachesOutside(_ route: Route, in scope: Scope) -> Bool {
        guard scope != .ownFabric else { return false }
        let pattern = route.pattern.description
        if pattern.hasPrefix(StreamSocketRoutes.prefix) { return true }
        if route.pattern.parameterNames.contains("tenant"), !pattern.hasPrefix("/tenant/") { return scope == .otherTenant }
        guard route.space != .server else { return false }
        if scope == .otherTenant { return true }
        switch route.access {
        case .fabric, .collection, .savedQuery, .stream: return true
        default: return false
        }
    }

    /// What `caller` should be told by `route` in `scope`.
    static func expectation(_ route: Route, for caller: Caller, in scope: Scope = .ownFabric) -> Expectation {
        if caller.isForged { return .unauthenticated }
        if caller.isGrantedOnOwnFabricOnly, reachesOutside(route, in: scope) { return .hidden }
        // A user's token carries the same rights as a key at its level.
        let caller = caller == .rwUser ? .rw : caller
        if scope.fabric != "_system", systemFabricOnly[name(route)] != nil, caller != .none { return .forbidden }
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
        var leaks: [String] = []
        for route in routes {
            if case .open = route.access {
                XCTAssertNotNil(Self.openByDesign[Self.name(route)], "\(Self.name(route)) is open without a reason on record")
                continue
            }
            // A fresh world per route: writes of one route (drops included)
            // must not change what the next one finds.
            let world = try PermissionMatrixWorld()
            for scope in Scope.allCases {
                for caller in Caller.allCases {
                    let expected = Self.expectation(route, for: caller, in: scope)
                    let reply = world.send(route, as: caller, in: scope)
                    if !expected.holds(for: reply.status) {
                        leaks.append("\(Self.name(route)) as \(caller.rawValue) in \(scope.rawValue) "
                                     + "(\(world.request(route, as: caller, in: scope).target)): expected \(expected), got \(reply.status) \(reply.json.jsonString())")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertEqual(leaks.count, 0, "\(leaks.count) answers differ from the access model:\n" + leaks.joined(separator: "\n"))
        XCTAssertGreaterThan(checked, 3000)
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
