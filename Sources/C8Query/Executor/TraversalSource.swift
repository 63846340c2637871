import C8Core
import C8Engine

/// `FOR v, e, p IN min..max DIRECTION start …`: depth-first (or breadth-
/// first with `bfs`) walks from each start vertex, emitting every path whose
/// length is within [min, max], honouring PRUNE and the uniqueness options.
///
/// Paths are nodes of one arena (``TraversalNode``), each pointing at its
/// parent, instead of arrays copied for every child: expanding a vertex
/// costs an arena slot per edge, not four array copies. Depth-first, the
/// arena holds only the nodes on the stack and their ancestors.
final class TraversalSource: LoopSource {
    private let step: TraversalStep
    private let graph: GraphAccess
    private var nodes: [TraversalNode] = []
    /// Depth-first: arena positions still to visit (top: the largest).
    private var stack: [Int] = []
    /// Breadth-first: the arena is the queue, in visiting order; next to visit.
    private var head = 0
    private var visitedVertices = Set<String>()
    private var visitedEdges = Set<GraphAccess.EdgeIdentity>()
    /// Whether anything reads the edges (else they are not made).
    private let wantsEdges: Bool
    /// Whether rows are produced in batches (``produceBatched(into:)``):
    /// nothing but the emitted row reads a vertex — no PRUNE, no path —
    /// and the query writes nothing.
    private let batchesVertices: Bool
    /// Batched: the paths walked ahead and not yet emitted, from `emitted` on.
    private var ahead: [TraversalNode] = []
    private var emitted = 0
    /// Batched: how many paths the next batch walks ahead (doubling up to
    /// ``largestBatch``: a LIMIT stops a walk with little read past it).
    private var batchSize = TraversalSource.smallestBatch
    private static let smallestBatch = 8
    private static let largestBatch = 1024
    // Reused per expansion.
    private var neighbors: [GraphAccess.Neighbor] = []
    private var children: [TraversalNode] = []
    private var childIds: [String] = []

    init(input: any RowSource, context: QueryContext, step: TraversalStep) throws(C8Error) {
        self.step = step
        self.graph = try GraphAccess(
            context: context, edges: step.edges, vertexProjection: step.vertexProjection, edgeProjection: step.edgeProjection)
        wantsEdges = step.edgeSlot != nil || step.pathSlot != nil
        // A modifying query reads its own writes as its rows go by: walking
        // ahead could read a vertex before an earlier row changes it.
        batchesVertices = step.prune == nil && step.pathSlot == nil && context.transaction == nil
        super.init(input: input, context: context)
    }

    override func start(_ row: Row) throws(C8Error) {
        nodes.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        head = 0
        visitedVertices = []
        visitedEdges = []
        ahead.removeAll(keepingCapacity: true)
        emitted = 0
        batchSize = Self.smallestBatch
        guard let id = graph.vertexId(try context.evaluate(step.start, row)) else { return }
        try graph.beginWalk()
        let vertex = try graph.vertices([id])[0]
        if vertex.isNull { return }  // a missing start vertex yields nothing, without a warning
        visitedVertices.insert(id)
        nodes.append(TraversalNode(parent: -1, depth: 0, vertexId: id, vertex: vertex, edge: .null, edgeIdentity: nil))
        if !step.bfs { stack.append(0) }
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        if batchesVertices { return try produceBatched(into: &row) }
        while let index = nextNode() {
            try context.checkKilled()
            bind(index, into: &row)
            let depth = nodes[index].depth
            var expand = depth < step.maxDepth
            if expand, let prune = step.prune, try context.evaluate(prune, row).toBool { expand = false }
            if expand { try extend(index) }
            if depth >= step.minDepth { return true }
        }
        return false
    }

    /// ``produce(into:)`` when only the emitted rows read their vertex: the
    /// walk runs ahead by a batch of paths — the same visits in the same
    /// order, as nothing it decides depends on a vertex's document — and
    /// the vertices of the batch are then read (or checked to exist) in one
    /// call instead of one per expanded vertex. The 1..3-hop benchmark walk
    /// made ~110 reads of ~10 vertices each; RocksDB's MultiGet pays per
    /// call (file picking per level, a sub-batch of 32 keys) and reads a
    /// block shared by keys of one call once. Vertices of paths shorter
    /// than the minimum depth, never emitted, are not read at all.
    private func produceBatched(into row: inout Row) throws(C8Error) -> Bool {
        if emitted == ahead.count {
            ahead.removeAll(keepingCapacity: true)
            emitted = 0
            while ahead.count < batchSize, let index = nextNode() {
                try context.checkKilled()
                if nodes[index].depth < step.maxDepth { try extend(index, readingVertices: false) }
                if nodes[index].depth >= step.minDepth { ahead.append(nodes[index]) }
            }
            guard !ahead.isEmpty else { return false }
            batchSize = min(batchSize * 2, Self.largestBatch)
            // The start vertex (depth 0) was read by `start(_:)`.
            let unread = ahead.indices.filter { ahead[$0].depth > 0 }
            let vertices = try graph.vertices(unread.map { ahead[$0].vertexId })
            for (position, vertex) in zip(unread, vertices) { ahead[position].vertex = vertex }
        }
        row[step.vertexSlot] = ahead[emitted].vertex
        if let edgeSlot = step.edgeSlot { row[edgeSlot] = ahead[emitted].edge }
        emitted += 1
        return true
    }

    /// The arena position of the next path to visit, nil when done.
    private func nextNode() -> Int? {
        if step.bfs {
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

    private func bind(_ index: Int, into row: inout Row) {
        let node = nodes[index]
        row[step.vertexSlot] = node.vertex
        if let edgeSlot = step.edgeSlot { row[edgeSlot] = node.edge }
        if let pathSlot = step.pathSlot {
            var vertices: [JSON] = []
            var edges: [JSON] = []
            vertices.reserveCapacity(node.depth + 1)
            edges.reserveCapacity(node.depth)
            var at = index
            while at >= 0 {
                vertices.append(nodes[at].vertex)
                if nodes[at].parent >= 0 { edges.append(nodes[at].edge) }
                at = nodes[at].parent
            }
            row[pathSlot] = ["vertices": .array(vertices.reversed()), "edges": .array(edges.reversed())]
        }
    }

    /// Adds the paths one edge longer than the one at `index`, reading
    /// their vertices unless the caller reads them later (batched).
    ///
    /// It works on local arrays, swapped with the properties once: every
    /// access to an array property of a class is checked for exclusivity at
    /// run time, and per neighbour those checks cost a 1..3-hop walk ~6 %.
    private func extend(_ index: Int, readingVertices: Bool = true) throws(C8Error) {
        var nodes: [TraversalNode] = []
        var children: [TraversalNode] = []
        var childIds: [String] = []
        var neighbors: [GraphAccess.Neighbor] = []
        swap(&nodes, &self.nodes)
        swap(&children, &self.children)
        swap(&childIds, &self.childIds)
        swap(&neighbors, &self.neighbors)
        defer {
            swap(&nodes, &self.nodes)
            swap(&children, &self.children)
            swap(&childIds, &self.childIds)
            swap(&neighbors, &self.neighbors)
        }
        children.removeAll(keepingCapacity: true)
        childIds.removeAll(keepingCapacity: true)
        try graph.neighbors(of: nodes[index].vertexId, edgeDocuments: wantsEdges, into: &neighbors)
        let depth = nodes[index].depth + 1
        for neighbor in neighbors {
            switch step.uniqueEdges {
            case .path: if Self.path(to: index, in: nodes, uses: neighbor.edgeIdentity) { continue }
            case .global: if !visitedEdges.insert(neighbor.edgeIdentity).inserted { continue }
            case .none: break
            }
            switch step.uniqueVertices {
            case .path: if Self.path(to: index, in: nodes, passes: neighbor.vertexId) { continue }
            case .global: if !visitedVertices.insert(neighbor.vertexId).inserted { continue }
            case .none: break
            }
            children.append(TraversalNode(
                parent: index, depth: depth, vertexId: neighbor.vertexId, vertex: .null, edge: neighbor.edge,
                edgeIdentity: neighbor.edgeIdentity))
            if readingVertices { childIds.append(neighbor.vertexId) }
        }
        guard !children.isEmpty else { return }
        if readingVertices {
            // The new vertices of one expansion are read in one batch.
            for (position, vertex) in try graph.vertices(childIds).enumerated() { children[position].vertex = vertex }
        }
        if step.bfs {
            nodes.append(contentsOf: children)
        } else {
            // Depth-first pops the largest position: the first edge goes last.
            for child in children.reversed() {
                stack.append(nodes.count)
                nodes.append(child)
            }
        }
    }

    /// Whether the path ending at arena position `index` passes `vertex`.
    private static func path(to index: Int, in nodes: [TraversalNode], passes vertex: String) -> Bool {
        var at = index
        while at >= 0 {
            if nodes[at].vertexId == vertex { return true }
            at = nodes[at].parent
        }
        return false
    }

    /// Whether the path ending at arena position `index` uses `edge`.
    private static func path(to index: Int, in nodes: [TraversalNode], uses edge: GraphAccess.EdgeIdentity) -> Bool {
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
