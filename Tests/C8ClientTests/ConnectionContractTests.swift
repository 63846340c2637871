import C8Client
import C8Core
import Foundation
import XCTest

/// What every C8Connection must do, embedded or remote. This class runs the
/// contract on an in-memory embedded engine; subclasses run it elsewhere
/// (RocksDB here, a live `c8 serve` with the server issue).
class ConnectionContractTests: XCTestCase {
    var connection: (any C8Connection)!
    var directories: [String] = []

    func makeConnection() throws -> any C8Connection { try EmbeddedConnection.inMemory() }

    override func setUpWithError() throws {
        connection = try makeConnection()
    }

    override func tearDown() {
        connection?.close()
        for dir in directories { try? FileManager.default.removeItem(atPath: dir) }
        super.tearDown()
    }

    func expectError(_ code: ErrorCode, file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> Void) async {
        do {
            try await body()
            XCTFail("expected \(code.rawValue)", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.errorNum, code.rawValue, "\(error)", file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testFabrics() async throws {
        let value1 = try await connection.fabrics().map(\.name)
        XCTAssertEqual(value1, ["_system"])
        try await connection.createFabric("demo", options: ["dcList": "us-east,eu-west"])
        let fabrics = try await connection.fabrics()
        XCTAssertEqual(fabrics.map(\.name), ["_system", "demo"])
        XCTAssertEqual(fabrics[1].regions, ["us-east", "eu-west"])
        XCTAssertTrue(fabrics[0].isSystem)
        await expectError(.duplicateName) { try await self.connection.createFabric("demo", options: [:]) }
        await expectError(.databaseNameInvalid) { try await self.connection.createFabric("9bad", options: [:]) }
        try await connection.dropFabric("demo")
        let value2 = try await connection.fabrics().map(\.name)
        XCTAssertEqual(value2, ["_system"])
    }

    func testCollectionsAndIndexes() async throws {
        let created = try await connection.createCollection("users", in: "_system", options: ["keyOptions": ["type": "padded"]])
        XCTAssertEqual(created.kind, .document)
        _ = try await connection.createCollection("knows", in: "_system", options: ["type": 3])
        _ = try await connection.createCollection("sessions", in: "_system", options: ["collectionModel": "KV"])
        let list = try await connection.collections(in: "_system")
        XCTAssertEqual(list.map(\.name), ["knows", "sessions", "users"])
        XCTAssertEqual(list.map(\.kind), [.edge, .keyValue, .document])
        await expectError(.duplicateName) { _ = try await self.connection.createCollection("users", in: "_system", options: [:]) }
        await expectError(.databaseNotFound) { _ = try await self.connection.collections(in: "nope") }

        let index = try await connection.createIndex(on: "users", in: "_system", definition: ["type": "persistent", "fields": ["email"], "unique": true])
        XCTAssertEqual(index["fields"], ["email"])
        XCTAssertEqual(index["isNewlyCreated"], true)
        let indexes = try await connection.indexes(of: "users", in: "_system")
        XCTAssertEqual(indexes.map { $0["type"] }, ["primary", "persistent"])
        try await connection.dropIndex(index["id"].stringValue ?? "", on: "users", in: "_system")
        let value3 = try await connection.indexes(of: "users", in: "_system").count
        XCTAssertEqual(value3, 1)

        try await connection.truncateCollection("users", in: "_system")
        let value4 = try await connection.figures(of: "users", in: "_system")["count"]
        XCTAssertEqual(value4, 0)
        try await connection.dropCollection("knows", in: "_system")
        await expectError(.collectionNotFound) { _ = try await self.connection.figures(of: "knows", in: "_system") }
    }

    func testDocumentsAndPaging() async throws {
        _ = try await connection.createCollection("users", in: "_system", options: [:])
        for i in 0..<25 {
            _ = try await connection.insertDocument(["_key": .string(String(format: "u%02d", i)), "n": .int(Int64(i))], into: "users", fabric: "_system")
        }
        let first = try await connection.documents(in: "users", fabric: "_system", after: nil, limit: 10, descending: false)
        XCTAssertEqual(first.first?["_key"], "u00")
        XCTAssertEqual(first.count, 10)
        let second = try await connection.documents(in: "users", fabric: "_system", after: first.last?["_key"].stringValue, limit: 10, descending: false)
        XCTAssertEqual(second.first?["_key"], "u10")
        let last = try await connection.documents(in: "users", fabric: "_system", after: nil, limit: 3, descending: true)
        XCTAssertEqual(last.map { $0["_key"] }, ["u24", "u23", "u22"])
        let before = try await connection.documents(in: "users", fabric: "_system", after: "u22", limit: 2, descending: true)
        XCTAssertEqual(before.map { $0["_key"] }, ["u21", "u20"])

        let found = try await connection.document("u05", in: "users", fabric: "_system")
        let doc = try XCTUnwrap(found)
        XCTAssertEqual(doc["_id"], "users/u05")
        _ = try await connection.updateDocument("u05", with: ["extra": true], in: "users", fabric: "_system")
        let value5 = try await connection.document("u05", in: "users", fabric: "_system")?["extra"]
        XCTAssertEqual(value5, true)
        let stale = doc["_rev"].stringValue
        await expectError(.conflict) { _ = try await self.connection.replaceDocument("u05", with: ["n": 0], in: "users", fabric: "_system", rev: stale) }
        let current = try await connection.document("u05", in: "users", fabric: "_system")?["_rev"].stringValue
        _ = try await connection.replaceDocument("u05", with: ["n": 99], in: "users", fabric: "_system", rev: current)
        let value6 = try await connection.document("u05", in: "users", fabric: "_system")?["n"]
        XCTAssertEqual(value6, 99)
        try await connection.removeDocument("u05", from: "users", fabric: "_system")
        let value7 = try await connection.document("u05", in: "users", fabric: "_system")
        XCTAssertNil(value7)
        await expectError(.documentNotFound) { try await self.connection.removeDocument("u05", from: "users", fabric: "_system") }
        await expectError(.uniqueConstraintViolated) { _ = try await self.connection.insertDocument(["_key": "u01"], into: "users", fabric: "_system") }
    }

    func testBatchInsertAndRemove() async throws {
        _ = try await connection.createCollection("batch", in: "_system", options: [:])
        let inserted = try await connection.insertDocuments([["_key": "a"], ["_key": "b"], ["_key": "a"]], into: "batch", fabric: "_system")
        XCTAssertEqual(inserted.count, 3)
        XCTAssertEqual(try inserted[0].get()["_id"], "batch/a")
        XCTAssertEqual(try inserted[1].get()["_key"], "b")
        guard case .failure(let duplicate) = inserted[2] else { return XCTFail("the second 'a' should be refused") }
        XCTAssertEqual(duplicate.errorNum, ErrorCode.uniqueConstraintViolated.rawValue)
        let removed = try await connection.removeDocuments(["a", "zz"], from: "batch", fabric: "_system")
        XCTAssertEqual(removed.count, 2)
        XCTAssertNil(removed[0])
        XCTAssertEqual(removed[1]?.errorNum, ErrorCode.documentNotFound.rawValue)
        let gone = try await connection.document("a", in: "batch", fabric: "_system")
        XCTAssertNil(gone)
        await expectError(.collectionNotFound) { _ = try await self.connection.insertDocuments([[:]], into: "nope", fabric: "_system") }
    }

    func testQueriesCursorsAndExplain() async throws {
        let one = try await connection.query(QueryRequest(query: "RETURN 6 * 7"), in: "_system")
        XCTAssertEqual(one.results, [42])
        XCTAssertFalse(one.hasMore)
        let first = try await connection.query(QueryRequest(query: "FOR i IN 1..25 RETURN i", batchSize: 10, count: true), in: "_system")
        XCTAssertEqual(first.results.count, 10)
        XCTAssertEqual(first.count, 25)
        let id = try XCTUnwrap(first.cursorId)
        let second = try await connection.nextPage(of: id, in: "_system")
        XCTAssertEqual(second.results.first, 11)
        try await connection.closeCursor(id, in: "_system")
        await expectError(.cursorNotFound) { _ = try await self.connection.nextPage(of: id, in: "_system") }
        await expectError(.queryParse) { _ = try await self.connection.query(QueryRequest(query: "RETURN"), in: "_system") }
        let withBind = try await connection.query(QueryRequest(query: "RETURN @x + 1", bindVariables: ["x": 1]), in: "_system")
        XCTAssertEqual(withBind.results, [2])
        let warned = try await connection.query(QueryRequest(query: "RETURN 1 / 0"), in: "_system")
        XCTAssertEqual(warned.warnings.first?["code"], 1562)
        let plan = try await connection.explain(QueryRequest(query: "FOR i IN 1..3 RETURN i"), in: "_system")
        XCTAssertEqual(plan["plan"]["nodes"][1]["type"], "EnumerateListNode")
        let value8 = try await connection.runningQueries(in: "_system").count
        XCTAssertEqual(value8, 0)
    }

    func testSavedQueriesAndGraphs() async throws {
        try await connection.saveQuery(name: "answer", text: "RETURN @x * 2", parameters: ["x": 21], in: "_system")
        let value9 = try await connection.savedQueries(in: "_system").map { $0["name"] }
        XCTAssertEqual(value9, ["answer"])
        let value10 = try await connection.runSavedQuery("answer", bindVariables: [:], batchSize: 10, in: "_system").results
        XCTAssertEqual(value10, [42])
        try await connection.saveQuery(name: "answer", text: "RETURN @x * 3", parameters: ["x": 1], in: "_system")
        let value11 = try await connection.runSavedQuery("answer", bindVariables: ["x": 2], batchSize: 10, in: "_system").results
        XCTAssertEqual(value11, [6])
        try await connection.deleteSavedQuery("answer", in: "_system")
        let value12 = try await connection.savedQueries(in: "_system").count
        XCTAssertEqual(value12, 0)
        let value13 = try await connection.graphs(in: "_system").count
        XCTAssertEqual(value13, 0)
    }

    func testGraphsAndMissingCollections() async throws {
        let definition: JSON = ["name": "social", "edgeDefinitions": [["collection": "knows", "from": ["people"], "to": ["people"]]]]
        let graph = try await connection.createGraph(definition, in: "_system")
        XCTAssertEqual(graph["name"], "social")
        XCTAssertEqual(graph["edgeDefinitions"][0]["collection"], "knows")
        let listed = try await connection.graphs(in: "_system").map { $0["name"] }
        XCTAssertEqual(listed, ["social"])
        let kinds = try await connection.collections(in: "_system").filter { !$0.isSystem }.map { "\($0.name):\($0.kind.rawValue)" }
        XCTAssertEqual(kinds, ["knows:edge", "people:document"])
        await expectError(.graphDuplicate) { _ = try await self.connection.createGraph(definition, in: "_system") }

        await expectError(.collectionNotFound) { _ = try await self.connection.document("k", in: "nope", fabric: "_system") }
        await expectError(.collectionNotFound) {
            _ = try await self.connection.documents(in: "nope", fabric: "_system", after: nil, limit: 5, descending: false)
        }
        await expectError(.collectionNotFound) { _ = try await self.connection.indexes(of: "nope", in: "_system") }
    }

    static let endlessQuery = "FOR i IN 1..1000000 FOR j IN 1..1000 FILTER i < 0 RETURN i"

    func testRunningQueriesAreListedAndKilled() async throws {
        let connection: any C8Connection = self.connection
        let text = Self.endlessQuery
        let request = QueryRequest(query: text)
        let task = Task { try await connection.query(request, in: "_system") }
        var running: JSON?
        for _ in 0..<200 where running == nil {
            running = try await connection.runningQueries(in: "_system").first { $0["query"].stringValue == text }
            if running == nil { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        let id = try XCTUnwrap(running?["id"].stringValue, "the query should be listed while it runs")
        try await connection.killQuery(id, in: "_system")
        do {
            _ = try await task.value
            XCTFail("the query should have been killed")
        } catch let error as C8Error {
            XCTAssertEqual(error.errorNum, ErrorCode.queryKilled.rawValue, "\(error)")
        }
        await expectError(.queryNotFound) { try await connection.killQuery(id, in: "_system") }
    }

    func testCancellingAQueryKillsIt() async throws {
        let connection: any C8Connection = self.connection
        // A billion rows: minutes, unless killed (a single range that large
        // is refused at once as a resource limit, which would prove nothing).
        let request = QueryRequest(query: Self.endlessQuery)
        let task = Task { try await connection.query(request, in: "_system") }
        try await Task.sleep(nanoseconds: 200_000_000)
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("the query should have been killed")
        } catch let error as C8Error {
            XCTAssertEqual(error.errorNum, ErrorCode.queryKilled.rawValue, "\(error)")
        }
        let running = try await connection.runningQueries(in: "_system")
        XCTAssertEqual(running.count, 0)
    }
}

final class RocksDBConnectionContractTests: ConnectionContractTests {
    override func makeConnection() throws -> any C8Connection {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-connection-\(UUID().uuidString)").path
        directories.append(dir)
        return try EmbeddedConnection.open(directory: dir)
    }

    func testEndpointNamesTheDataDir() {
        XCTAssertEqual(connection.endpoint, directories.last)
    }
}
