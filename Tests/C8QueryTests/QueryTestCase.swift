import C8Core
import C8Engine
import C8Query
import XCTest

/// A small dataset every query test can read: users, cities, a `knows`
/// graph, and indexes on them.
class QueryTestCase: XCTestCase {
    var engine: Engine!
    var queries: QueryEngine!
    var fabric: Fabric!

    override func setUpWithError() throws {
        engine = try Engine.inMemory()
        queries = QueryEngine(engine: engine)
        fabric = try engine.fabric()
        let users = try fabric.createCollection("users")
        let people: [JSON] = [
            ["_key": "ada", "name": "Ada", "age": 36, "city": "London", "tags": ["math", "code"], "active": true],
            ["_key": "alan", "name": "Alan", "age": 41, "city": "London", "tags": ["code"], "active": false],
            ["_key": "grace", "name": "Grace", "age": 85, "city": "New York", "tags": ["code", "navy"], "active": true],
            ["_key": "edsger", "name": "Edsger", "age": 72, "city": "Austin", "tags": [], "active": true],
            ["_key": "barbara", "name": "Barbara", "age": 80, "city": "Boston", "active": false],
        ]
        _ = try users.insert(many: people)
        try users.createIndex(["type": "persistent", "fields": ["age"]])
        try users.createIndex(["type": "persistent", "fields": ["city", "age"]])
        let graphs = fabric.graphs
        try graphs.create(GraphDefinition(name: "social", edgeDefinitions: [EdgeDefinition(collection: "knows", from: ["users"], to: ["users"])]))
        let knows = try fabric.collection("knows")
        for (from, to, weight) in [("ada", "alan", 1), ("alan", "grace", 2), ("grace", "edsger", 1), ("ada", "grace", 5), ("edsger", "barbara", 1)] {
            try knows.insert(["_key": .string("\(from)-\(to)"), "_from": .string("users/\(from)"), "_to": .string("users/\(to)"), "weight": .int(Int64(weight))])
        }
    }

    /// The results of a query.
    func run(_ text: String, _ bindVariables: JSON = [:], options: QueryOptions = QueryOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> [JSON] {
        try queries.query(text, bindVariables: bindVariables.objectValue ?? JSONObject(), fabric: fabric, options: options)
    }

    /// Asserts a query's results as JSON text.
    func assertQuery(_ text: String, _ expected: String, bind: JSON = [:], file: StaticString = #filePath, line: UInt = #line) {
        do {
            let results = try run(text, bind)
            let want = try JSON.parse(expected)
            XCTAssertEqual(JSON.array(results).jsonString(), want.jsonString(), text, file: file, line: line)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
        }
    }

    func assertQueryError(_ text: String, _ code: ErrorCode, bind: JSON = [:], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try run(text, bind), text, file: file, line: line) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, code.rawValue, "\(text): \(error)", file: file, line: line)
        }
    }
}
