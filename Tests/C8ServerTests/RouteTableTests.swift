import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class RouteTableTests: XCTestCase {
    private func builtIns() throws -> [Route] {
        let services = try APIServices(engine: try Engine.inMemory(), configuration: C8APIConfiguration())
        return C8APIHandler.builtInGroups(services).flatMap(\.routes)
    }

    /// Two built-in routes with one method and shape would silently shadow
    /// each other in the router.
    func testNoTwoBuiltInRoutesShareAMethodAndShape() throws {
        var seen: [String: String] = [:]
        for route in try builtIns() {
            let shape = route.pattern.components.map { component -> String in
                switch component {
                case .literal(let text): text
                case .parameter: "{}"
                case .remainder: "{*}"
                }
            }.joined(separator: "/")
            let key = "\(route.space) \(route.method.rawValue) /\(shape)"
            XCTAssertNil(seen[key], "\(key) is declared twice: \(route.pattern) and \(seen[key] ?? "")")
            seen[key] = route.pattern.description
        }
        XCTAssertGreaterThan(seen.count, 90)
    }

    /// Data routes never skip the gate; rules naming a value name one the
    /// pattern binds.
    func testEveryBuiltInRouteIsGuardedByARuleItCanResolve() throws {
        for route in try builtIns() {
            switch route.access {
            case .open:
                XCTFail("\(route.method.rawValue) \(route.pattern) is open")
            case .collection(.path(let name), _), .savedQuery(.path(let name), _), .stream(.path(let name), _):
                XCTAssertTrue(route.pattern.parameterNames.contains(name), "\(route.pattern) has no {\(name)}")
            default:
                break
            }
        }
    }
}
