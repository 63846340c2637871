import C8Core

/// The graph of the traversal benchmark: `vertices` small vertex documents
/// `verts/v0` … and `edgesPerVertex` × `vertices` edges between uniformly
/// random distinct vertices (out-degrees vary around the mean), without
/// self-loops. Deterministic: the same size gives the same graph, so
/// scripts/bench/query.sh loads the very same edges into c8, SQLite and
/// PostgreSQL, and `c8 bench query` builds it again for its small runs.
struct GraphFileGenerator {
    static let vertexCollection = "verts"
    static let edgeCollection = "edges"

    var vertices: Int
    var edgesPerVertex = 10

    var edges: Int { vertices * edgesPerVertex }

    static func vertexId(_ i: Int) -> String { "\(vertexCollection)/v\(i)" }

    /// Vertex `i`: a key and one small attribute.
    static func vertex(_ i: Int) -> JSON {
        ["_key": .string("v\(i)"), "rank": .int(Int64(i % 100))]
    }

    /// Edge `i` as a document of the edge collection.
    static func edge(_ i: Int, from: Int, to: Int) -> JSON {
        ["_key": .string("e\(i)"), "_from": .string(vertexId(from)), "_to": .string(vertexId(to))]
    }

    /// Calls `body(i, from, to)` for every edge, in order.
    func forEachEdge(_ body: (Int, Int, Int) throws -> Void) rethrows {
        precondition(vertices >= 2, "a graph needs two vertices")
        var random = SplitMix64(seed: 0x6EA9)
        let n = UInt64(vertices)
        for i in 0..<edges {
            let from = Int(random.next() % n)
            var to = Int(random.next() % n)
            while to == from { to = Int(random.next() % n) }
            try body(i, from, to)
        }
    }

    struct Files {
        var vertices: String
        var edges: String
        var edgesCSV: String
        var bytes: Int
    }

    /// Writes `vertices.jsonl` and `edges.jsonl` (for `c8 import`) and
    /// `edges.csv` (`_from,_to` per line, for SQLite `.import` and
    /// PostgreSQL `COPY`) into `directory`.
    func write(toDirectory directory: String) throws -> Files {
        let files = Files(vertices: directory + "/vertices.jsonl", edges: directory + "/edges.jsonl",
                          edgesCSV: directory + "/edges.csv", bytes: 0)
        var bytes = 0
        let vertexOutput = try BufferedOutput(path: files.vertices)
        for i in 0..<vertices {
            let line = Self.vertex(i).serialized()
            bytes += line.count + 1
            try vertexOutput.appendLine(line)
        }
        try vertexOutput.finish()
        let edgeOutput = try BufferedOutput(path: files.edges)
        let csvOutput = try BufferedOutput(path: files.edgesCSV)
        try forEachEdge { i, from, to in
            let line = Self.edge(i, from: from, to: to).serialized()
            bytes += line.count + 1
            try edgeOutput.appendLine(line)
            let csv = Array("\(Self.vertexId(from)),\(Self.vertexId(to))".utf8)
            bytes += csv.count + 1
            try csvOutput.appendLine(csv)
        }
        try edgeOutput.finish()
        try csvOutput.finish()
        var written = files
        written.bytes = bytes
        return written
    }
}
