import C8Core
import C8Engine
import C8Query
import XCTest

/// Queries that read documents only through attribute paths decode just
/// those attributes (projections). Each query here runs twice — as written
/// (projected) and with the variable also bound whole by a LET (so no
/// projection applies) — and both answers must be the same: missing
/// attributes, nested paths, arrays, null vs missing, type order.
final class ProjectionTests: QueryTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let shapes = try fabric.createCollection("shapes")
        let documents: [JSON] = [
            ["_key": "a", "x": 1, "n": ["y": 2, "z": [1, 2]], "arr": [1, ["y": 3]], "s": "str", "nul": .null],
            ["_key": "b"],
            ["_key": "c", "x": .null, "n": .null, "arr": [], "s": 5],
            ["_key": "d", "x": "1", "n": ["y": .null], "arr": [[1]], "s": false],
            ["_key": "e", "x": [1, 2], "n": ["y": ["deep": true]], "s": [:]],
            ["_key": "f", "x": ["a": 1], "n": 3, "s": "", "ü": "non-ASCII name"],
            ["_key": "g", "x": 1.5, "n": ["y": 2], "s": "str"],
        ]
        _ = try shapes.insert(many: documents)
        try shapes.createIndex(["type": "persistent", "fields": ["x"]])
        let knows = try fabric.collection("knows")
        try knows.insert(["_key": "ada-nobody", "_from": "users/ada", "_to": "users/nobody", "weight": 7])
    }

    /// Runs `template` with `{d}` standing for the loop variable: once as
    /// is, once with `LET w = d` after the FOR and `w` in its place.
    private func assertSameAnswer(_ template: String, variable: String = "d", bind: JSON = [:], file: StaticString = #filePath, line: UInt = #line) throws {
        let projected = template.replacingOccurrences(of: "{let}", with: "").replacingOccurrences(of: "{d}", with: variable)
        let whole = template.replacingOccurrences(of: "{let}", with: "LET w = \(variable)").replacingOccurrences(of: "{d}", with: "w")
        XCTAssertNotNil(try projections(projected, bind: bind), "\(projected) should be projected", file: file, line: line)
        XCTAssertNil(try projections(whole, bind: bind), "\(whole) should read whole documents", file: file, line: line)
        let a = try run(projected, bind)
        let b = try run(whole, bind)
        XCTAssertFalse(a.isEmpty, projected, file: file, line: line)
        XCTAssertEqual(JSON.array(a).jsonString(), JSON.array(b).jsonString(), projected, file: file, line: line)
    }

    /// The projections of the plan's first collection or traversal node.
    private func projections(_ query: String, bind: JSON = [:]) throws -> JSON? {
        let nodes = try queries.explain(query, bindVariables: bind.objectValue ?? JSONObject(), fabric: fabric)["plan"]["nodes"].arrayValue ?? []
        for node in nodes {
            if let p = node.objectValue?["projections"] ?? node.objectValue?["vertexProjections"] { return p }
        }
        return nil
    }

    private let paths = "[{d}._key, {d}._id, {d}.x, {d}.n.y, {d}.n.z[1], {d}.arr[1].y, {d}.arr[0][0], {d}.s, {d}.nul, {d}.missing, "
        + "{d}.nul == null, {d}.missing == null, {d}['x'], {d}.n['y'], {d}.`ü`, {d}._rev != null, {d}.x[*] ]"

    func testFullScanReadsTheSameAttributesAsWholeDocuments() throws {
        try assertSameAnswer("FOR d IN shapes {let} RETURN \(paths)")
        try assertSameAnswer("FOR d IN shapes {let} SORT {d}.x, {d}._key RETURN [{d}._key, {d}.x]")
        try assertSameAnswer("FOR d IN shapes {let} FILTER {d}.n.y == null RETURN {d}._key")
        try assertSameAnswer("FOR d IN shapes {let} FILTER {d}.missing == null && {d}.nul == null RETURN {d}._id")
    }

    func testIndexAndPrimaryPathsReadTheSameAttributes() throws {
        try assertSameAnswer("FOR d IN shapes FILTER d.x >= null SORT d.x {let} RETURN \(paths)")
        try assertSameAnswer("FOR d IN shapes FILTER d.x == 1 {let} RETURN [{d}._id, {d}.n.y]")
        try assertSameAnswer("FOR d IN shapes FILTER d._key IN ['a', 'b', 'zz', 'f'] {let} RETURN \(paths)")
        try assertSameAnswer("FOR d IN shapes FILTER d._key > 'b' {let} RETURN [{d}._id, {d}.s]")
        try assertSameAnswer("FOR d IN shapes FILTER d._key == @k {let} RETURN [{d}._key, {d}._id]", bind: ["k": "e"])
    }

    func testCollectGroupsInTypeOrder() throws {
        try assertSameAnswer("FOR d IN shapes {let} COLLECT x = {d}.x AGGREGATE n = COUNT(1), t = SUM({d}.n.y) RETURN {x, n, t}")
        try assertSameAnswer("FOR d IN shapes {let} COLLECT x = {d}.x, s = {d}.s WITH COUNT INTO n RETURN [x, s, n]")
        try assertSameAnswer("FOR d IN shapes {let} COLLECT t = TYPENAME({d}.missing) WITH COUNT INTO n RETURN [t, n]")
    }

    func testSubqueriesAndExpansionsCountAsUses() throws {
        try assertSameAnswer("FOR d IN shapes {let} RETURN [{d}._key, (FOR i IN 1..2 RETURN {d}.n.y), {d}.arr[* FILTER CURRENT != 1]]")
    }

    func testTraversalVerticesAndEdgesReadTheSameAttributes() throws {
        let template = "FOR v, e IN 1..3 OUTBOUND 'users/ada' knows PRUNE v.age > 80 {let} LET f = e "
            + "RETURN [{d}._key, {d}._id, {d}.age, {d}.city, {d}.missing, f._id, f.weight, f._from, f._to]"
        try assertSameAnswer(template, variable: "v")
        // A missing vertex is null either way: so are its attributes.
        let keys = try run("FOR v IN 1..1 OUTBOUND 'users/ada' knows SORT v._key RETURN [v._key, v.name]")
        XCTAssertEqual(JSON.array(keys).jsonString(), #"[[null,null],["alan","Alan"],["grace","Grace"]]"#)
    }

    func testWholeUsesReadWholeDocuments() throws {
        for query in [
            "FOR d IN shapes RETURN d",
            "FOR d IN shapes RETURN HAS(d, 'x')",
            "FOR d IN shapes RETURN d[@a]",
            "FOR d IN shapes RETURN d[0]",
            "FOR d IN shapes COLLECT x = d.x INTO g RETURN g",
            "FOR d IN shapes RETURN (FOR y IN [1] RETURN d)",
            "FOR d IN shapes RETURN MERGE(d, {})",
            "FOR v, e, p IN 1..2 OUTBOUND 'users/ada' knows RETURN p.vertices[0]._key",
        ] {
            let bind: JSON = query.contains("@a") ? ["a": "x"] : [:]
            XCTAssertNil(try projections(query, bind: bind), query)
        }
        XCTAssertEqual(try projections("FOR d IN shapes COLLECT x = d.x INTO g = d.s RETURN g"), ["x", "s"])
        XCTAssertEqual(try projections("FOR d IN shapes COLLECT WITH COUNT INTO n RETURN n"), [])
        XCTAssertEqual(try run("FOR d IN shapes COLLECT WITH COUNT INTO n RETURN n"), [7])
        XCTAssertEqual(try run("FOR d IN shapes FILTER d._key == 'a' RETURN HAS(d, 'nul')"), [true])
        XCTAssertEqual(try run("FOR d IN shapes FILTER d._key == 'a' RETURN HAS(d, 'missing')"), [false])
    }
}
