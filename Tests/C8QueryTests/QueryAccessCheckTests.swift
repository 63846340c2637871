import C8Core
import C8Engine
import C8Query
import Synchronization
import XCTest

/// The engine asks a caller's ``CollectionAccessCheck`` about every
/// collection a query names before it runs, and hides collections the
/// check refuses from what a query finds while running.
final class QueryAccessCheckTests: QueryTestCase {
    /// Records every question and refuses `denied` (1203), and writes to
    /// `readOnly` (403).
    private final class Policy: Sendable {
        let denied: Set<String>
        let readOnly: Set<String>
        private let log = Mutex<[String]>([])

        init(denied: Set<String> = [], readOnly: Set<String> = []) {
            self.denied = denied
            self.readOnly = readOnly
        }

        var asked: [String] { log.withLock { $0 } }

        var check: CollectionAccessCheck {
            { name, mode throws(C8Error) in
                self.log.withLock { $0.append("\(mode.rawValue) \(name)") }
                if self.denied.contains(name) { throw C8Error(.collectionNotFound, detail: name) }
                if mode == .write, self.readOnly.contains(name) { throw C8Error(.forbidden, "read-only") }
            }
        }
    }

    private func run(_ text: String, _ policy: Policy, bind: JSONObject = JSONObject()) throws -> [JSON] {
        try queries.query(text, bindVariables: bind, fabric: fabric, access: policy.check)
    }

    private func assertRefused(_ text: String, _ policy: Policy, bind: JSONObject = JSONObject(), errorNum: Int,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try run(text, policy, bind: bind), text, file: file, line: line) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, errorNum, "\(text): \(error)", file: file, line: line)
        }
    }

    func testEveryNamedCollectionIsAskedWithItsModeBeforeRunning() throws {
        try fabric.createCollection("audit")
        let policy = Policy()
        _ = try run("WITH audit FOR u IN users FILTER u.age > 50 INSERT {name: u.name} INTO audit", policy)
        XCTAssertEqual(Array(policy.asked.prefix(2)), ["write audit", "read users"], "static checks come first, writes as writes")
        XCTAssertFalse(policy.asked.contains("read audit"), "a written collection is asked about as written only")
    }

    func testRefusalsStopTheQueryBeforeItWrites() throws {
        try fabric.createCollection("audit")
        assertRefused("FOR u IN users INSERT {n: u.name} INTO audit", Policy(readOnly: ["audit"]), errorNum: ErrorCode.forbidden.rawValue)
        XCTAssertEqual(try fabric.collection("audit").count, 0)
        assertRefused("FOR u IN users REMOVE u IN users", Policy(readOnly: ["users"]), errorNum: ErrorCode.forbidden.rawValue)
        XCTAssertEqual(try fabric.collection("users").count, 5)
    }

    func testCollectionsReachedIndirectlyAreChecked() throws {
        let hidden = Policy(denied: ["users"])
        let notFound = ErrorCode.collectionNotFound.rawValue
        assertRefused("FOR d IN @@c RETURN d", hidden, bind: ["@c": "users"], errorNum: notFound)
        assertRefused("WITH users RETURN 1", hidden, errorNum: notFound)
        assertRefused("RETURN COLLECTION_COUNT(users)", hidden, errorNum: notFound)
        // A named graph's vertex collections, though the query names none.
        assertRefused("FOR v IN 1 OUTBOUND 'x/y' GRAPH 'social' RETURN v", hidden, errorNum: notFound)
        assertRefused("FOR v IN 1 OUTBOUND 'users/ada' knows RETURN v", Policy(denied: ["knows"]), errorNum: notFound)
    }

    func testCollectionsFoundWhileRunningAreInvisibleWhenRefused() throws {
        XCTAssertEqual(try run("RETURN DOCUMENT(CONCAT('users/', 'ada')).name", Policy()), ["Ada"])
        XCTAssertEqual(try run("RETURN DOCUMENT(CONCAT('users/', 'ada'))", Policy(denied: ["users"])), [.null])
        XCTAssertEqual(try run("RETURN 'users' IN COLLECTIONS()[*].name", Policy()), [true])
        XCTAssertEqual(try run("RETURN 'users' IN COLLECTIONS()[*].name", Policy(denied: ["users"])), [false])
        // Edges readable, the vertices they lead to not: the traversal
        // reaches null there, as for documents that do not exist. (The
        // start vertex must stay readable: a hidden start vertex is a
        // missing one, and the traversal yields nothing at all.)
        _ = try fabric.createCollection("cities").insert(["_key": "london"])
        let livesIn = try fabric.createCollection("livesIn", options: CollectionOptions(type: .edge))
        _ = try livesIn.insert(["_from": "users/ada", "_to": "cities/london"])
        let traversal = "FOR v IN 1 OUTBOUND 'users/ada' livesIn RETURN v._key"
        XCTAssertEqual(try run(traversal, Policy()), ["london"])
        XCTAssertEqual(try run(traversal, Policy(denied: ["cities"])), [.null])
        XCTAssertEqual(try run("FOR v IN 1 OUTBOUND 'users/ada' knows RETURN v", Policy(denied: ["users"])), [],
                       "a hidden start vertex does not exist")
    }

    func testNoCheckMeansEverythingIsAllowed() throws {
        XCTAssertEqual(try queries.query("FOR u IN users COLLECT WITH COUNT INTO n RETURN n", fabric: fabric), [5])
    }
}
