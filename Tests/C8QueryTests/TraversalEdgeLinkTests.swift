import C8Core
import C8Engine
import C8Query
import C8Storage
import XCTest

/// Traversals that use of their edges only `_key`/`_id`/`_from`/`_to` walk
/// on the edge index entries (``EdgeLink``) instead of the edge documents;
/// they must answer what the document reads answer, after writes too, and
/// on entries written before the index carried the far end.
final class TraversalEdgeLinkTests: QueryTestCase {
    private let directions = ["OUTBOUND", "INBOUND", "ANY"]

    /// The same walk twice: edges read from the index alone, and (with
    /// `e.weight` asked as well) from the documents.
    private func assertLinksAnswerAsDocuments(file: StaticString = #filePath, line: UInt = #line) throws {
        for direction in directions {
            for start in ["users/ada", "users/grace", "users/barbara"] {
                let fields = "v._key, e._id, e._key, e._from, e._to"
                let linked = try run("FOR v, e IN 1..3 \(direction) @s knows RETURN [\(fields)]", ["s": .string(start)])
                let read = try run("FOR v, e IN 1..3 \(direction) @s knows RETURN SLICE([\(fields), e.weight], 0, 5)", ["s": .string(start)])
                XCTAssertEqual(JSON.array(linked).jsonString(), JSON.array(read).jsonString(), "\(direction) from \(start)", file: file, line: line)
                if direction == "ANY" { XCTAssertFalse(linked.isEmpty, "\(direction) from \(start)", file: file, line: line) }
            }
        }
    }

    func testEdgeLinksAnswerAsEdgeDocuments() throws {
        try assertLinksAnswerAsDocuments()
        let explained = try queries.explain("FOR v, e IN 1..3 OUTBOUND 'users/ada' knows RETURN [v._key, e._from]", bindVariables: [:], fabric: fabric)
        let traversal = explained["plan"]["nodes"].arrayValue?.first { $0["edgeProjections"] != .null }
        XCTAssertNotNil(traversal, "the edge variable is projected")
    }

    func testEdgeLinksFollowUpdatesOfEndsAndRemovals() throws {
        _ = try run("UPDATE 'ada-alan' WITH {_to: 'users/edsger'} IN knows")
        _ = try run("REPLACE 'grace-edsger' WITH {_from: 'users/barbara', _to: 'users/ada', weight: 3} IN knows")
        _ = try run("REMOVE 'alan-grace' IN knows")
        _ = try run("INSERT {_key: 'edsger-grace', _from: 'users/edsger', _to: 'users/grace'} INTO knows")
        try assertLinksAnswerAsDocuments()
        let reached = try run("FOR v, e IN 1..1 OUTBOUND 'users/ada' knows SORT e._to RETURN e._to")
        XCTAssertEqual(reached, ["users/edsger", "users/grace"])
    }

    func testEntriesWithoutTheOtherEndAreReadThroughTheDocuments() throws {
        let knows = try fabric.collection("knows")
        let definition = try XCTUnwrap(knows.indexDefinitions.first { $0.type == .edge })
        let index = EdgeIndex(definition: definition)
        var batch = WriteBatch()
        for edge in try run("FOR e IN knows RETURN e") {
            let key = edge["_key"].stringValue ?? ""
            // Rewrite each entry in the layout before the far end was stored.
            for entry in index.entries(for: edge, key: key) { batch.put(entry.key, Array(key.utf8)) }
        }
        try knows.storageEngine.write(batch, sync: false)
        XCTAssertTrue(try knows.edgeLinks(of: "users/ada", direction: .outbound).allSatisfy { $0.ends == nil })
        try assertLinksAnswerAsDocuments()
    }
}
