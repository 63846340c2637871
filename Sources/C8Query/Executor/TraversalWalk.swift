import C8Core

/// The paths of one traversal from one start vertex: an arena of nodes,
/// each pointing at its parent, the positions still to visit, what the
/// uniqueness options have seen, and — when rows come in batches — the
/// paths walked ahead and not yet emitted.
///
/// Paths are nodes of one arena instead of arrays copied for every child:
/// expanding a vertex costs an arena slot per edge, not four array copies.
/// Depth-first, the arena holds only the nodes on the stack and their
/// ancestors.
///
/// A value that ``TraversalSource`` lends out once per produced row: while
/// this state was the class's own properties, every access to its arrays
/// was checked for exclusivity at run time — 8 % of the instructions of a
/// 1..3-hop walk (Docs/BENCHMARKS.md, "Read path, seventh round").
/// Through one `inout` borrow the checks are static.
struct TraversalWalk {
    private(set) var nodes: [TraversalNode] = []
    /// Depth-first: arena positions still to visit (top: the largest).
    private var stack: [Int] = []
    /// Breadth-first: the arena is the queue, in visiting order; next to visit.
    private var head = 0
    private var visitedVertices = Set<String>()
    private var visitedEdges = Set<GraphAccess.EdgeIdentity>()
    /// Batched: the paths walked ahead and not yet emitted, from `emitted` on.
    var ahead: [TraversalNode] = []
    var emitted = 0
    /// Batched: how many paths the next batch walks ahead (doubling up to
    /// ``largestBatch``: a LIMIT stops a walk with little read past it).
    var batchSize = TraversalWalk.smallestBatch
    static let smallestBatch = 8
    static let largestBatch = 1024
    // Reused per expansion.
    private var neighbors: [GraphAccess.Neighbor] = []
    private var childIds: [String] = []

    /// Forgets the previous start vertex's walk, keeping the buffers.
    mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        head = 0
        visitedVertices = []
        visitedEdges = []
        ahead.removeAll(keepingCapacity: true)
        emitted = 0
        batchSize = Self.smallestBatch
    }

    /// Starts at vertex `id` (its document `vertex`).
    mutating func begin(at id: String, vertex: JSON, bfs: Bool) {
        visitedVertices.insert(id)
        nodes.append(TraversalNode(parent: -1, depth: 0, vertexId: id, vertex: vertex, edge: .null, edgeIdentity: nil))
        if !bfs { stack.append(0) }
    }

    /// The arena position of the next path to visit, nil when done.
    mutating func next(bfs: Bool) -> Int? {
        if bfs {
            guard head < nodes.count else { return nil }
            head += 1
            return head - 1
        }
        guard let top = stack.popLast() else { return nil }
        // Everything above the top was a descendant of a sibling visited
        // before it (children get higher positions), all done: drop it —
        // one `removeLast` at a time, which destroys a node inline, where
        // `removeSubrange` went through the generic path (~640 instructions
        // a node; 7 % of a 1..3-hop walk).
        while nodes.count > top + 1 { nodes.removeLast() }
        return top
    }

    /// Adds the paths one edge longer than the one at `index`, reading
    /// their vertices unless the caller reads them later (batched).
    ///
    /// The new paths go straight into the arena, and the neighbours are
    /// read in place: each copy of a node or a neighbour retains its
    /// strings, and the copies through a buffer of children cost a
    /// 1..3-hop walk ~3 % of its instructions.
    mutating func extend(
        _ index: Int, step: TraversalStep, graph: GraphAccess, wantsEdges: Bool, readingVertices: Bool
    ) throws(C8Error) {
        childIds.removeAll(keepingCapacity: true)
        try graph.neighbors(of: nodes[index].vertexId, edgeDocuments: wantsEdges, into: &neighbors)
        let depth = nodes[index].depth + 1
        let first = nodes.count
        for position in neighbors.indices {
            switch step.uniqueEdges {
            case .path: if path(to: index, uses: neighbors[position].edgeIdentity) { continue }
            case .global: if !visitedEdges.insert(neighbors[position].edgeIdentity).inserted { continue }
            case .none: break
            }
            switch step.uniqueVertices {
            case .path: if path(to: index, passes: neighbors[position].vertexId) { continue }
            case .global: if !visitedVertices.insert(neighbors[position].vertexId).inserted { continue }
            case .none: break
            }
            nodes.append(TraversalNode(
                parent: index, depth: depth, vertexId: neighbors[position].vertexId, vertex: .null,
                edge: neighbors[position].edge, edgeIdentity: neighbors[position].edgeIdentity))
            if readingVertices { childIds.append(neighbors[position].vertexId) }
        }
        guard nodes.count > first else { return }
        if readingVertices {
            // The new vertices of one expansion are read in one batch.
            for (offset, vertex) in try graph.vertices(childIds).enumerated() { nodes[first + offset].vertex = vertex }
        }
        if !step.bfs {
            // Depth-first pops the largest position: the first edge goes last.
            var low = first, high = nodes.count - 1
            while low < high {
                nodes.swapAt(low, high)
                low += 1
                high -= 1
            }
            stack.append(contentsOf: first..<nodes.count)
        }
    }

    /// The vertices and edges of the path ending at arena position `index`,
    /// from the start vertex on.
    func path(to index: Int) -> (vertices: [JSON], edges: [JSON]) {
        var vertices: [JSON] = []
        var edges: [JSON] = []
        vertices.reserveCapacity(nodes[index].depth + 1)
        edges.reserveCapacity(nodes[index].depth)
        var at = index
        while at >= 0 {
            vertices.append(nodes[at].vertex)
            if nodes[at].parent >= 0 { edges.append(nodes[at].edge) }
            at = nodes[at].parent
        }
        return (vertices.reversed(), edges.reversed())
    }

    /// Whether the path ending at arena position `index` passes `vertex`.
    private func path(to index: Int, passes vertex: String) -> Bool {
        var at = index
        while at >= 0 {
            if nodes[at].vertexId == vertex { return true }
            at = nodes[at].parent
        }
        return false
    }

    /// Whether the path ending at arena position `index` uses `edge`.
    private func path(to index: Int, uses edge: GraphAccess.EdgeIdentity) -> Bool {
        var at = index
        // The start vertex's node has no edge (nil never equals one).
        while at >= 0 {
            if nodes[at].edgeIdentity == edge { return true }
            at = nodes[at].parent
        }
        return false
    }
}

/// One path of a traversal: its last vertex and edge, and the arena
/// position of the path it extends (-1 for the start vertex).
struct TraversalNode {
    var parent: Int
    var depth: Int
    var vertexId: String
    var vertex: JSON
    var edge: JSON
    /// nil for the start vertex.
    var edgeIdentity: GraphAccess.EdgeIdentity?
}
