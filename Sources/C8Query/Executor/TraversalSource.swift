import C8Core
import C8Engine

/// `FOR v, e, p IN min..max DIRECTION start …`: depth-first (or breadth-
/// first with `bfs`) walks from each start vertex, emitting every path whose
/// length is within [min, max], honouring PRUNE and the uniqueness options.
final class TraversalSource: LoopSource {
    private let step: TraversalStep
    private let graph: GraphAccess
    private var frontier: [Path] = []
    /// Breadth-first reads from here (removing from the front is O(n)).
    private var head = 0
    private var visitedVertices = Set<String>()
    private var visitedEdges = Set<String>()

    private struct Path {
        var vertexIds: [String]
        var vertices: [JSON]
        var edgeIds: [String]
        var edges: [JSON]
        var depth: Int { edges.count }
    }

    init(input: any RowSource, context: QueryContext, step: TraversalStep) throws(C8Error) {
        self.step = step
        self.graph = try GraphAccess(
            context: context, edges: step.edges, vertexProjection: step.vertexProjection, edgeProjection: step.edgeProjection)
        super.init(input: input, context: context)
    }

    override func start(_ row: Row) throws(C8Error) {
        frontier = []
        head = 0
        visitedVertices = []
        visitedEdges = []
        guard let id = graph.vertexId(try context.evaluate(step.start, row)) else { return }
        let vertex = try graph.vertex(id)
        if vertex.isNull { return }  // a missing start vertex yields nothing, without a warning
        visitedVertices.insert(id)
        frontier = [Path(vertexIds: [id], vertices: [vertex], edgeIds: [], edges: [])]
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        while head < frontier.count {
            try context.checkKilled()
            let path: Path
            if step.bfs {
                path = frontier[head]
                head += 1
                if head > 1024 && head * 2 > frontier.count {
                    frontier.removeFirst(head)
                    head = 0
                }
            } else {
                path = frontier.removeLast()
            }
            bind(path, into: &row)
            var expand = path.depth < step.maxDepth
            if expand, let prune = step.prune, try context.evaluate(prune, row).toBool { expand = false }
            if expand { try extend(path) }
            if path.depth >= step.minDepth { return true }
        }
        return false
    }

    private func bind(_ path: Path, into row: inout Row) {
        row[step.vertexSlot] = path.vertices.last ?? .null
        if let edgeSlot = step.edgeSlot { row[edgeSlot] = path.edges.last ?? .null }
        if let pathSlot = step.pathSlot {
            row[pathSlot] = ["vertices": .array(path.vertices), "edges": .array(path.edges)]
        }
    }

    private func extend(_ path: Path) throws(C8Error) {
        var children: [Path] = []
        for (edge, nextId) in try graph.neighbors(of: path.vertexIds.last!) {
            let edgeId = edge["_id"].stringValue ?? ""
            switch step.uniqueEdges {
            case .path: if path.edgeIds.contains(edgeId) { continue }
            case .global: if !visitedEdges.insert(edgeId).inserted { continue }
            case .none: break
            }
            switch step.uniqueVertices {
            case .path: if path.vertexIds.contains(nextId) { continue }
            case .global: if !visitedVertices.insert(nextId).inserted { continue }
            case .none: break
            }
            var child = path
            child.vertexIds.append(nextId)
            child.edgeIds.append(edgeId)
            child.edges.append(edge)
            children.append(child)
        }
        // The new vertices of one expansion are read in one batch.
        let vertices = try graph.vertices(children.map { $0.vertexIds.last! })
        for (position, vertex) in vertices.enumerated() { children[position].vertices.append(vertex) }
        // Depth-first pops from the end: push in reverse to visit in edge order.
        if step.bfs { frontier.append(contentsOf: children) } else { frontier.append(contentsOf: children.reversed()) }
    }
}
