import C8Core
import C8Engine
import C8Query
import XCTest

/// The traversal's fast paths — edges not read when unused, vertices only
/// checked to exist when only their `_id`/`_key` is read, one edge-index
/// iterator per walk, paths kept as parent links — must answer what a
/// plain walk over whole documents answers. ``ReferenceWalk`` is that plain
/// walk, written out here over the documents themselves.
final class TraversalWalkTests: QueryTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let knows = try fabric.collection("knows")
        // Dangling edges (to and from a vertex that does not exist), a
        // loop, a parallel edge and a cycle back to the start.
        for (key, from, to, weight) in [
            ("ada-ghost", "ada", "ghost", 2), ("ghost-barbara", "ghost", "barbara", 1), ("grace-grace", "grace", "grace", 4),
            ("ada-grace-2", "ada", "grace", 1), ("barbara-ada", "barbara", "ada", 3),
        ] {
            try knows.insert(["_key": .string(key), "_from": .string("users/\(from)"), "_to": .string("users/\(to)"), "weight": .int(Int64(weight))])
        }
    }

    private func reference() throws -> ReferenceWalk {
        ReferenceWalk(vertices: try run("FOR u IN users RETURN u"), edges: try run("FOR e IN knows RETURN e"))
    }

    /// Every option combination and result shape, against the reference.
    func testWalksAnswerAsTheReferenceWalk() throws {
        let walk = try reference()
        // Each shape: what the query returns, and the same from a reference path.
        let shapes: [(text: String, expected: (ReferenceWalk.Path) -> JSON)] = [
            ("v._key", { $0.vertex["_key"] }),
            ("v._id", { $0.vertex["_id"] }),
            ("[v._id, v._key]", { [$0.vertex["_id"], $0.vertex["_key"]] }),
            ("v == null ? 'none' : v._key", { $0.vertex.isNull ? "none" : $0.vertex["_key"] }),
            ("[v.name, e._key]", { [$0.vertex["name"], $0.edge["_key"]] }),
            ("[v._key, e._from, e._to]", { [$0.vertex["_key"], $0.edge["_from"], $0.edge["_to"]] }),
            ("[v._key, e.weight]", { [$0.vertex["_key"], $0.edge["weight"]] }),
            ("[v._key, e == null ? 'none' : e._key]", { [$0.vertex["_key"], $0.edge.isNull ? "none" : $0.edge["_key"]] }),
            ("[p.vertices[*]._key, p.edges[*]._key]", {
                [.array($0.vertices.map { $0["_key"] }), .array($0.edges.map { $0["_key"] })]
            }),
        ]
        var compared = 0
        for direction in ["OUTBOUND", "INBOUND", "ANY"] {
            for (low, high) in [(0, 0), (0, 3), (1, 3), (2, 3), (1, 5)] {
                for vertices in ["none", "path", "global"] {
                    for edges in ["none", "path", "global"] {
                        for bfs in [false, true] {
                            let options = "{uniqueVertices: '\(vertices)', uniqueEdges: '\(edges)', bfs: \(bfs)}"
                            for start in ["users/ada", "users/grace", "users/ghost"] {
                                let paths = walk.walk(
                                    from: start, direction: direction, depth: low...high, bfs: bfs,
                                    uniqueVertices: vertices, uniqueEdges: edges)
                                for shape in shapes {
                                    let query = "FOR v, e, p IN \(low)..\(high) \(direction) @s knows OPTIONS \(options) RETURN \(shape.text)"
                                    let got = try run(query, ["s": .string(start)])
                                    XCTAssertEqual(JSON.array(got).jsonString(), JSON.array(paths.map(shape.expected)).jsonString(), "\(query) from \(start)")
                                    compared += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 1000)
    }

    func testPruneOnIdsAndOnEdgesAnswersAsTheReferenceWalk() throws {
        let walk = try reference()
        let prunes: [(text: String, prune: (ReferenceWalk.Path) -> Bool)] = [
            ("v._key == 'grace'", { $0.vertex["_key"] == "grace" }),
            ("v == null", { $0.vertex.isNull }),
            ("e.weight > 2", { ($0.edge["weight"].doubleValue ?? 0) > 2 }),
            ("e._to == 'users/ghost'", { $0.edge["_to"] == "users/ghost" }),
        ]
        for direction in ["OUTBOUND", "ANY"] {
            for bfs in [false, true] {
                for prune in prunes {
                    let paths = walk.walk(
                        from: "users/ada", direction: direction, depth: 0...4, bfs: bfs, uniqueVertices: "none", uniqueEdges: "path",
                        prune: prune.prune)
                    let query = "FOR v, e IN 0..4 \(direction) 'users/ada' knows PRUNE \(prune.text) OPTIONS {bfs: \(bfs)} RETURN v._key"
                    XCTAssertEqual(JSON.array(try run(query)).jsonString(), JSON.array(paths.map { $0.vertex["_key"] }).jsonString(), query)
                }
            }
        }
    }

    /// A vertex that does not exist is null (whatever is read of it) and
    /// the walk goes on through it, on every read path.
    func testDanglingEdgesYieldNullVertices() throws {
        let ids = try run("FOR v IN 1..1 OUTBOUND 'users/ada' knows RETURN v._key")
        let whole = try run("FOR v IN 1..1 OUTBOUND 'users/ada' knows RETURN v")
        // `_key` order: ada-alan, ada-ghost, ada-grace, ada-grace-2.
        XCTAssertEqual(ids, ["alan", .null, "grace", "grace"])
        XCTAssertEqual(whole.map { $0.isNull }, [false, true, false, false])
        XCTAssertEqual(try run("FOR v IN 2..2 OUTBOUND 'users/ada' knows FILTER v._key == 'barbara' RETURN v._id"), ["users/barbara"])
        XCTAssertEqual(try run("FOR v IN 0..2 OUTBOUND 'users/ghost' knows RETURN v._key"), [])
        let explained = try queries.explain("FOR v IN 1..3 OUTBOUND 'users/ada' knows RETURN v._key", bindVariables: [:], fabric: fabric)
        let traversal = explained["plan"]["nodes"].arrayValue?.first { $0["vertexProjections"] != .null }
        XCTAssertEqual(traversal?["vertexProjections"], ["_key"])
    }

    /// An edge collection named twice is one set of edges for uniqueness.
    func testAnEdgeCollectionNamedTwiceIsOneForUniqueness() throws {
        let once = try run("FOR v, e IN 1..3 OUTBOUND 'users/ada' knows OPTIONS {uniqueEdges: 'global'} RETURN e._key")
        let twice = try run("FOR v, e IN 1..3 OUTBOUND 'users/ada' knows, knows OPTIONS {uniqueEdges: 'global'} RETURN e._key")
        XCTAssertEqual(Set(once.compactMap(\.stringValue)), Set(twice.compactMap(\.stringValue)))
        XCTAssertEqual(once.count, twice.count)
    }

    /// Many start vertices in one query: each walk sees later writes of
    /// earlier statements and reuses nothing of the walk before it.
    func testWalksPerStartRowAreIndependent() throws {
        let walk = try reference()
        let query = "FOR s IN ['users/ada', 'users/ghost', 'users/grace', 'users/ada'] FOR v IN 1..2 ANY s knows RETURN [s, v._key]"
        var expected: [JSON] = []
        for start in ["users/ada", "users/ghost", "users/grace", "users/ada"] {
            for path in walk.walk(from: start, direction: "ANY", depth: 1...2, bfs: false, uniqueVertices: "none", uniqueEdges: "path") {
                expected.append([.string(start), path.vertex["_key"]])
            }
        }
        XCTAssertEqual(JSON.array(try run(query)).jsonString(), JSON.array(expected).jsonString())
    }
}
