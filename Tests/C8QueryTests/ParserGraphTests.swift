import C8Core
import XCTest
@testable import C8Query

/// Traversals, SHORTEST_PATH and K_SHORTEST_PATHS (C8-API §2.2).
final class ParserGraphTests: XCTestCase {
    private func t(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        ParserTesting.tree(text, file: file, line: line)
    }

    func testTraversalOverNamedGraph() {
        XCTAssertEqual(t("FOR v, e, p IN 1..3 OUTBOUND 'users/1' GRAPH 'social' RETURN p"),
                       #"(query (for (v e p) (traverse OUTBOUND 1 3 "users/1" (graph "social"))) (return p))"#)
        XCTAssertEqual(t("FOR v IN 1..3 INBOUND 'a/1' GRAPH social RETURN v"),
                       #"(query (for v (traverse INBOUND 1 3 "a/1" (graph "social"))) (return v))"#)
        XCTAssertEqual(t("FOR v IN ANY 'a/1' GRAPH @g RETURN v"),
                       #"(query (for v (traverse ANY 1 1 "a/1" (graph @g))) (return v))"#)
    }

    func testTraversalDepthDefaults() {
        XCTAssertEqual(t("FOR v IN OUTBOUND 'a/1' e RETURN v"),
                       #"(query (for v (traverse OUTBOUND 1 1 "a/1" (edges (collection e)))) (return v))"#)
        XCTAssertEqual(t("FOR v IN 2 OUTBOUND 'a/1' e RETURN v"),
                       #"(query (for v (traverse OUTBOUND 2 2 "a/1" (edges (collection e)))) (return v))"#)
        XCTAssertEqual(t("FOR v IN 0..@max OUTBOUND 'a/1' e RETURN v"),
                       #"(query (for v (traverse OUTBOUND 0 @max "a/1" (edges (collection e)))) (return v))"#)
        XCTAssertEqual(t("FOR v IN @d OUTBOUND 'a/1' e RETURN v"),
                       #"(query (for v (traverse OUTBOUND @d @d "a/1" (edges (collection e)))) (return v))"#)
    }

    func testTraversalOverEdgeCollections() {
        XCTAssertEqual(t("FOR v, e IN OUTBOUND 'a/1' edges1, INBOUND edges2, ANY @@e3, @e4 RETURN e"),
                       #"(query (for (v e) (traverse OUTBOUND 1 1 "a/1" (edges (collection edges1) (INBOUND (collection edges2)) (ANY @@e3) @e4))) (return e))"#)
    }

    func testTraversalStartVertexExpressions() {
        XCTAssertEqual(t("FOR u IN users FOR v IN 1..2 OUTBOUND u knows RETURN v"),
                       "(query (for u (collection users)) (for v (traverse OUTBOUND 1 2 u (edges (collection knows)))) (return v))")
        XCTAssertEqual(t("FOR v IN OUTBOUND CONCAT('a/', @k) e RETURN v"),
                       #"(query (for v (traverse OUTBOUND 1 1 (call CONCAT "a/" @k) (edges (collection e)))) (return v))"#)
    }

    func testPruneAndOptions() {
        XCTAssertEqual(t("FOR v, e, p IN 1..5 OUTBOUND 'a/1' GRAPH 'g' PRUNE v.stop == true OPTIONS {bfs: true, uniqueVertices: 'global'} RETURN v"),
                       #"(query (for (v e p) (traverse OUTBOUND 1 5 "a/1" (graph "g")) (prune (== (. v stop) true)) (options {"bfs":true,"uniqueVertices":"global"})) (return v))"#)
        XCTAssertEqual(t("FOR v IN 1..5 OUTBOUND 'a/1' e prune v.x RETURN v"),
                       #"(query (for v (traverse OUTBOUND 1 5 "a/1" (edges (collection e))) (prune (. v x))) (return v))"#)
        XCTAssertEqual(t("FOR v IN 1..5 OUTBOUND 'a/1' e OPTIONS {uniqueEdges: 'path'} RETURN v"),
                       #"(query (for v (traverse OUTBOUND 1 5 "a/1" (edges (collection e))) (options {"uniqueEdges":"path"})) (return v))"#)
    }

    func testShortestPath() {
        XCTAssertEqual(t("FOR v, e IN OUTBOUND SHORTEST_PATH 'a/1' TO 'a/2' GRAPH 'g' RETURN [v, e]"),
                       #"(query (for (v e) (shortest_path OUTBOUND "a/1" "a/2" (graph "g"))) (return (array v e)))"#)
        XCTAssertEqual(t("FOR v IN ANY shortest_path @a to @b edges OPTIONS {weightAttribute: 'w', defaultWeight: 1} RETURN v"),
                       #"(query (for v (shortest_path ANY @a @b (edges (collection edges))) (options {"weightAttribute":"w","defaultWeight":1})) (return v))"#)
    }

    func testKShortestPaths() {
        XCTAssertEqual(t("FOR p IN OUTBOUND K_SHORTEST_PATHS 'a/1' TO 'a/2' edges LIMIT 3 RETURN p"),
                       #"(query (for p (k_shortest_paths OUTBOUND "a/1" "a/2" (edges (collection edges)))) (limit 0 3) (return p))"#)
        XCTAssertEqual(t("FOR p IN INBOUND K_SHORTEST_PATHS 'a/1' TO 'a/2' GRAPH 'g' OPTIONS {weightAttribute: 'w'} RETURN p"),
                       #"(query (for p (k_shortest_paths INBOUND "a/1" "a/2" (graph "g")) (options {"weightAttribute":"w"})) (return p))"#)
    }

    func testGraphVariablesAreScopedToTheLoop() {
        XCTAssertEqual(t("FOR v, e, p IN 1..2 OUTBOUND 'a/1' e1 PRUNE LENGTH(p.edges) > 1 FILTER e.x RETURN v"),
                       #"(query (for (v e p) (traverse OUTBOUND 1 2 "a/1" (edges (collection e1))) (prune (> (call LENGTH (. p edges)) 1))) (filter (. e x)) (return v))"#)
    }
}
