import C8Core
import C8Engine

/// A weighted path between two vertices.
struct WeightedPath {
    var vertexIds: [String]
    var edges: [JSON]
    var weight: Double
}

/// Shortest paths over a graph: Dijkstra (breadth-first when every edge
/// weighs the same), and Yen's algorithm for the k shortest.
struct PathFinder {
    let graph: GraphAccess
    let weightAttribute: String?
    let defaultWeight: Double

    private func weight(of edge: JSON) -> Double {
        guard let weightAttribute else { return defaultWeight }
        return edge[weightAttribute].doubleValue ?? defaultWeight
    }

    /// The lightest path from `start` to `target` avoiding the given
    /// vertices and edges (for Yen's spur paths); nil when none.
    func shortest(from start: String, to target: String, excludingVertices: Set<String> = [], excludingEdges: Set<String> = []) throws(C8Error) -> WeightedPath? {
        if start == target { return WeightedPath(vertexIds: [start], edges: [], weight: 0) }
        var distance: [String: Double] = [start: 0]
        var previous: [String: (vertex: String, edge: JSON)] = [:]
        var queue: [(distance: Double, vertex: String)] = [(0, start)]
        var done = Set<String>()
        while !queue.isEmpty {
            try graph.context.checkKilled()
            // Small frontiers: a linear minimum keeps this simple and fast enough.
            let best = queue.indices.min { queue[$0].distance < queue[$1].distance }!
            let (d, vertex) = queue.remove(at: best)
            guard done.insert(vertex).inserted else { continue }
            if vertex == target { break }
            for (edge, next) in try graph.neighbors(of: vertex) {
                let edgeId = edge["_id"].stringValue ?? ""
                if excludingEdges.contains(edgeId) || excludingVertices.contains(next) || done.contains(next) { continue }
                let w = weight(of: edge)
                guard w >= 0 else { continue }
                let candidate = d + w
                if candidate < distance[next] ?? .infinity {
                    distance[next] = candidate
                    previous[next] = (vertex, edge)
                    queue.append((candidate, next))
                }
            }
        }
        guard let total = distance[target], done.contains(target) else { return nil }
        var vertices = [target]
        var edges: [JSON] = []
        var current = target
        while let step = previous[current] {
            vertices.append(step.vertex)
            edges.append(step.edge)
            current = step.vertex
        }
        return WeightedPath(vertexIds: vertices.reversed(), edges: edges.reversed(), weight: total)
    }
}

/// `FOR v, e IN DIRECTION SHORTEST_PATH a TO b …`: one row per vertex of
/// the shortest path, with the edge that led to it (null for the start).
final class ShortestPathSource: LoopSource {
    private let step: ShortestPathStep
    private let graph: GraphAccess
    private var rows: [(vertex: JSON, edge: JSON)] = []
    private var position = 0

    init(input: any RowSource, context: QueryContext, step: ShortestPathStep) throws(C8Error) {
        self.step = step
        self.graph = try GraphAccess(context: context, edges: step.edges)
        super.init(input: input, context: context)
    }

    override func start(_ row: Row) throws(C8Error) {
        rows = []
        position = 0
        // Each start row's search reads the edge index afresh.
        try graph.beginWalk()
        guard let from = graph.vertexId(try context.evaluate(step.start, row)),
              let to = graph.vertexId(try context.evaluate(step.target, row)) else { return }
        let finder = PathFinder(graph: graph, weightAttribute: step.weightAttribute, defaultWeight: step.defaultWeight)
        guard let path = try finder.shortest(from: from, to: to) else { return }
        for (i, id) in path.vertexIds.enumerated() {
            rows.append((try graph.vertex(id), i == 0 ? .null : path.edges[i - 1]))
        }
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        guard position < rows.count else { return false }
        if let vertexSlot = step.vertexSlot { row[vertexSlot] = rows[position].vertex }
        if let edgeSlot = step.edgeSlot { row[edgeSlot] = rows[position].edge }
        position += 1
        return true
    }
}

/// `FOR p IN DIRECTION K_SHORTEST_PATHS a TO b …`: paths in order of weight
/// (Yen's algorithm), found one at a time as the query pulls them — use LIMIT.
final class KShortestPathsSource: LoopSource {
    private let step: ShortestPathStep
    private let graph: GraphAccess
    private var finder: PathFinder
    private var found: [WeightedPath] = []
    private var candidates: [WeightedPath] = []
    private var target = ""
    private var exhausted = true

    init(input: any RowSource, context: QueryContext, step: ShortestPathStep) throws(C8Error) {
        self.step = step
        self.graph = try GraphAccess(context: context, edges: step.edges)
        self.finder = PathFinder(graph: graph, weightAttribute: step.weightAttribute, defaultWeight: step.defaultWeight)
        super.init(input: input, context: context)
    }

    override func start(_ row: Row) throws(C8Error) {
        found = []
        candidates = []
        exhausted = true
        try graph.beginWalk()
        guard let from = graph.vertexId(try context.evaluate(step.start, row)),
              let to = graph.vertexId(try context.evaluate(step.target, row)) else { return }
        target = to
        if let first = try finder.shortest(from: from, to: to) {
            candidates = [first]
            exhausted = false
        }
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        guard !exhausted else { return false }
        if let previous = found.last { try addSpurPaths(of: previous) }
        guard let best = candidates.indices.min(by: { candidates[$0].weight < candidates[$1].weight }) else {
            exhausted = true
            return false
        }
        let path = candidates.remove(at: best)
        found.append(path)
        var vertices: [JSON] = []
        for id in path.vertexIds { vertices.append(try graph.vertex(id)) }
        if let pathSlot = step.pathSlot {
            row[pathSlot] = ["vertices": .array(vertices), "edges": .array(path.edges), "weight": .number(path.weight)]
        }
        return true
    }

    /// Yen's step: deviations from `path` at each of its vertices.
    private func addSpurPaths(of path: WeightedPath) throws(C8Error) {
        for i in 0..<(path.vertexIds.count - 1) {
            let root = Array(path.vertexIds[0...i])
            let rootEdges = Array(path.edges[0..<i])
            var excludedEdges = Set<String>()
            for other in found where other.vertexIds.count > i && Array(other.vertexIds[0...i]) == root {
                excludedEdges.insert(other.edges[i]["_id"].stringValue ?? "")
            }
            let excludedVertices = Set(root.dropLast())
            guard let spur = try finder.shortest(from: root[i], to: target, excludingVertices: excludedVertices, excludingEdges: excludedEdges) else { continue }
            let rootWeight = rootEdges.reduce(0.0) { total, edge in
                total + (step.weightAttribute.flatMap { edge[$0].doubleValue } ?? step.defaultWeight)
            }
            let candidate = WeightedPath(vertexIds: root.dropLast() + spur.vertexIds, edges: rootEdges + spur.edges, weight: rootWeight + spur.weight)
            let ids = candidate.edges.map { $0["_id"].stringValue ?? "" }
            let known = (found + candidates).contains { $0.edges.map { $0["_id"].stringValue ?? "" } == ids && $0.vertexIds == candidate.vertexIds }
            if !known { candidates.append(candidate) }
        }
    }
}
