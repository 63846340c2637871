import C8Core
import C8Engine
import C8Net
@testable import C8Server
import XCTest

final class RouterTests: XCTestCase {
    private func route(_ method: HTTPMethod, _ pattern: String, tag: String) -> Route {
        Route(method, pattern, access: .open) { _ throws(C8Error) in HTTPResponse(status: 200, body: Array(tag.utf8)) }
    }

    private func tag(_ match: Router.Match) -> String? {
        guard case .found(let route, _) = match else { return nil }
        let context = try? RouteContextFixture.make()
        guard let context, let response = try? route.handler(context) else { return nil }
        return String(decoding: response.body, as: UTF8.self)
    }

    func testLiteralsBeatParametersAndValuesAreBoundInOrder() {
        let router = Router(routes: [
            route(.get, "/collection/{name}", tag: "one"),
            route(.get, "/collection/{name}/count", tag: "count"),
            route(.get, "/collection/special", tag: "special"),
        ])
        XCTAssertEqual(tag(router.match(.get, space: .api, segments: ["collection", "special"])), "special")
        XCTAssertEqual(tag(router.match(.get, space: .api, segments: ["collection", "users"])), "one")
        guard case .found(_, let values) = router.match(.get, space: .api, segments: ["collection", "users", "count"]) else {
            return XCTFail("no match")
        }
        XCTAssertEqual(values, ["users"])
    }

    func testAParameterRouteAnswersAMethodTheLiteralDoesNot() {
        let router = Router(routes: [route(.get, "/restql/user", tag: "list"), route(.put, "/restql/{name}", tag: "update")])
        XCTAssertEqual(tag(router.match(.put, space: .api, segments: ["restql", "user"])), "update")
        XCTAssertEqual(tag(router.match(.get, space: .api, segments: ["restql", "user"])), "list")
    }

    func testWrongMethodOnAKnownPathListsTheAllowedOnes() {
        let router = Router(routes: [route(.get, "/version", tag: "v"), route(.post, "/version", tag: "p")])
        guard case .methodNotAllowed(let allowed) = router.match(.delete, space: .api, segments: ["version"]) else {
            return XCTFail("expected 405")
        }
        XCTAssertEqual(Set(allowed), [.get, .post])
        guard case .notFound = router.match(.get, space: .api, segments: ["nothing"]) else { return XCTFail("expected 404") }
        guard case .notFound = router.match(.get, space: .server, segments: ["version"]) else {
            return XCTFail("spaces are separate")
        }
    }

    func testHeadFallsBackToGet() {
        let router = Router(routes: [route(.get, "/document/{c}/{k}", tag: "get")])
        XCTAssertEqual(tag(router.match(.head, space: .api, segments: ["document", "c", "k"])), "get")
    }

    func testRemainderMatchesAnyTail() {
        let router = Router(routes: [route(.get, "/streams/{path*}", tag: "s")])
        guard case .found(_, let values) = router.match(.get, space: .api, segments: ["streams", "c8globals.x", "stats"]) else {
            return XCTFail("no match")
        }
        XCTAssertEqual(values, ["c8globals.x/stats"])
        guard case .found(_, let empty) = router.match(.get, space: .api, segments: ["streams"]) else { return XCTFail("no match") }
        XCTAssertEqual(empty, [""])
    }

    func testPathPrefixes() {
        XCTAssertEqual(APIPath(segments: ["_fabric", "f1", "_api", "collection"]),
                       APIPath(space: .api, fabric: "f1", segments: ["collection"]))
        XCTAssertEqual(APIPath(segments: ["_tenant", "t1", "_fabric", "f1", "_api", "cursor", "7"]),
                       APIPath(space: .api, tenant: "t1", fabric: "f1", segments: ["cursor", "7"]))
        XCTAssertEqual(APIPath(segments: ["_api", "version"]), APIPath(space: .api, segments: ["version"]))
        XCTAssertEqual(APIPath(segments: ["_fabric", "f1", "database", "eu-west"]),
                       APIPath(space: .fabric, fabric: "f1", segments: ["database", "eu-west"]))
        XCTAssertEqual(APIPath(segments: ["datacenter", "local"]), APIPath(space: .server, segments: ["datacenter", "local"]))
    }

    func testSegmentsArePercentDecodedOneByOne() throws {
        XCTAssertEqual(try PathDecoder.segments("/_api/document/my%20coll/a%2Fb"), ["_api", "document", "my coll", "a/b"])
        XCTAssertEqual(try PathDecoder.segments("/a+b//c/"), ["a+b", "c"])
        XCTAssertThrowsError(try PathDecoder.segments("/bad%2")) { error in
            XCTAssertEqual((error as? C8Error)?.code, 400)
        }
        XCTAssertThrowsError(try PathDecoder.segments("/bad%zz"))
        XCTAssertThrowsError(try PathDecoder.segments("/bad%ff"), "not UTF-8")
    }
}

/// A minimal context for calling route handlers directly.
enum RouteContextFixture {
    static func make() throws -> RouteContext {
        let engine = try Engine.inMemory()
        let services = try APIServices(engine: engine, configuration: C8APIConfiguration())
        return RouteContext(
            request: HTTPRequest(method: .get, target: "/"), peer: PeerInfo(address: "127.0.0.1", port: 1, isTLS: false, localPort: 80),
            path: APIPath(segments: []), query: QueryParameters(), region: "local",
            caller: Caller(tenant: "c8", user: "root"), services: services,
            served: .sharing(services, router: Router()), parameters: [])
    }
}
