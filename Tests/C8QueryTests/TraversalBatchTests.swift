import C8Core
import C8Engine
import C8Query
import XCTest

/// A traversal whose vertices only the emitted rows read walks ahead by
/// batches of paths (8, 16, … 1024) and reads their vertices together; a
/// PRUNE (here `PRUNE false`, which prunes nothing) keeps the walk row by
/// row. Both must answer the same rows in the same order — missing
/// vertices null, uniqueness as configured — across many batches.
final class TraversalBatchTests: QueryTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let nodes = try fabric.createCollection("nodes")
        let links = try fabric.createCollection("links", options: CollectionOptions(type: .edge))
        // 60 vertices, each linked to the next 12 (wrapping): cycles,
        // shared vertices, ~1,900 paths of up to 3 edges from one start.
        // Every 7th vertex is never stored: its edges dangle.
        var vertices: [JSON] = []
        for i in 0..<60 where i % 7 != 3 { vertices.append(["_key": .string("n\(i)"), "rank": .int(Int64(i))]) }
        for case .failure(let error) in try nodes.insert(many: vertices) { throw error }
        var edges: [JSON] = []
        for i in 0..<60 {
            for step in 1...12 {
                edges.append(["_key": .string("l\(i)-\(step)"), "_from": .string("nodes/n\(i)"), "_to": .string("nodes/n\((i + step) % 60)")])
            }
        }
        for case .failure(let error) in try links.insert(many: edges) { throw error }
    }

    private func assertSameAsRowByRow(
        _ walk: String, _ options: String, _ returning: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let batched = try run("FOR v, e IN \(walk) \(options) \(returning)")
        let rowByRow = try run("FOR v, e IN \(walk) PRUNE false \(options) \(returning)")
        XCTAssertGreaterThan(batched.count, 8, "spans more than one batch", file: file, line: line)
        XCTAssertEqual(batched, rowByRow, file: file, line: line)
    }

    func testBatchedWalksAnswerAsRowByRowWalks() throws {
        for options in ["", "OPTIONS {bfs: true}", "OPTIONS {uniqueVertices: 'path'}", "OPTIONS {uniqueVertices: 'global', bfs: true}",
                        "OPTIONS {uniqueEdges: 'none'}"] {
            // Ids only (existence checks), whole vertices, edges.
            try assertSameAsRowByRow("1..3 OUTBOUND 'nodes/n0' links", options, "RETURN v._key")
            try assertSameAsRowByRow("0..2 OUTBOUND 'nodes/n5' links", options, "RETURN v")
            try assertSameAsRowByRow("2..3 ANY 'nodes/n9' links", options, "RETURN [v._id, e._key]")
        }
    }

    /// A vertex that is not stored is null in a batch as row by row.
    func testMissingVerticesAreNullInBatches() throws {
        let keys = try run("FOR v IN 1..2 OUTBOUND 'nodes/n0' links RETURN v._key")
        XCTAssertEqual(keys.count, 12 + 12 * 12)
        let nulls = keys.filter(\.isNull).count
        XCTAssertGreaterThan(nulls, 0)
        XCTAssertEqual(nulls, try run("FOR v IN 1..2 OUTBOUND 'nodes/n0' links PRUNE false RETURN v").filter(\.isNull).count)
        // `_key` order of the edges: l0-1, l0-10 (to n10, not stored), …
        XCTAssertEqual(keys.first, "n1")
        XCTAssertTrue(keys.contains(.null) && !keys.contains("n3") && !keys.contains("n10"))
    }

    /// A LIMIT stops a batched walk as it stops one row by row.
    func testLimitsAndSubsequentFilters() throws {
        XCTAssertEqual(try run("FOR v IN 1..3 OUTBOUND 'nodes/n0' links LIMIT 30 RETURN v._key"),
                       try run("FOR v IN 1..3 OUTBOUND 'nodes/n0' links PRUNE false LIMIT 30 RETURN v._key"))
        XCTAssertEqual(try run("FOR v IN 1..3 OUTBOUND 'nodes/n0' links FILTER v == null COLLECT WITH COUNT INTO n RETURN n"),
                       try run("FOR v IN 1..3 OUTBOUND 'nodes/n0' links PRUNE false FILTER v == null COLLECT WITH COUNT INTO n RETURN n"))
    }
}
