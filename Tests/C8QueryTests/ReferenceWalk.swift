import C8Core

/// A graph walk written plainly over whole documents held in memory — the
/// semantics the executor's traversal must keep: edges of a vertex in
/// `_key` order (ANY: both directions merged, a loop once), a missing vertex
/// null but walked through, a missing start vertex no paths, depth-first
/// in edge order or breadth-first, PRUNE stopping expansion (not emission).
struct ReferenceWalk {
    struct Path {
        var vertexIds: [String]
        var vertices: [JSON]
        var edges: [JSON]
        var vertex: JSON { vertices.last! }
        var edge: JSON { edges.last ?? .null }
    }

    private var vertexById: [String: JSON] = [:]
    private let edges: [JSON]

    init(vertices: [JSON], edges: [JSON]) {
        for vertex in vertices { vertexById[vertex["_id"].stringValue!] = vertex }
        self.edges = edges.sorted { $0["_key"].stringValue! < $1["_key"].stringValue! }
    }

    private func neighbors(of vertex: String, direction: String) -> [(edge: JSON, vertex: String)] {
        edges.compactMap { edge in
            let from = edge["_from"].stringValue!, to = edge["_to"].stringValue!
            switch direction {
            case "OUTBOUND": return from == vertex ? (edge, to) : nil
            case "INBOUND": return to == vertex ? (edge, from) : nil
            default: return from == vertex ? (edge, to) : (to == vertex ? (edge, from) : nil)
            }
        }
    }

    func walk(
        from start: String, direction: String, depth: ClosedRange<Int>, bfs: Bool, uniqueVertices: String, uniqueEdges: String,
        prune: (Path) -> Bool = { _ in false }
    ) -> [Path] {
        guard let first = vertexById[start] else { return [] }
        var frontier = [Path(vertexIds: [start], vertices: [first], edges: [])]
        var visitedVertices: Set<String> = [start]
        var visitedEdges = Set<String>()
        var result: [Path] = []
        while !frontier.isEmpty {
            let path = bfs ? frontier.removeFirst() : frontier.removeLast()
            if path.edges.count < depth.upperBound && !prune(path) {
                var children: [Path] = []
                for (edge, next) in neighbors(of: path.vertexIds.last!, direction: direction) {
                    let edgeId = edge["_id"].stringValue!
                    if uniqueEdges == "path" && path.edges.contains(where: { $0["_id"].stringValue == edgeId }) { continue }
                    if uniqueEdges == "global" && !visitedEdges.insert(edgeId).inserted { continue }
                    if uniqueVertices == "path" && path.vertexIds.contains(next) { continue }
                    if uniqueVertices == "global" && !visitedVertices.insert(next).inserted { continue }
                    children.append(Path(
                        vertexIds: path.vertexIds + [next], vertices: path.vertices + [vertexById[next] ?? .null], edges: path.edges + [edge]))
                }
                frontier.append(contentsOf: bfs ? children : children.reversed())
            }
            if path.edges.count >= depth.lowerBound { result.append(path) }
        }
        return result
    }
}
