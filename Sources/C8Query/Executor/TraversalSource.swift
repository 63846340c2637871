import C8Core
import C8Engine

/// `FOR v, e, p IN min..max DIRECTION start …`: depth-first (or breadth-
/// first with `bfs`) walks from each start vertex, emitting every path whose
/// length is within [min, max], honouring PRUNE and the uniqueness options.
/// The paths themselves are a ``TraversalWalk``, borrowed once per row.
final class TraversalSource: LoopSource {
    private let step: TraversalStep
    private let graph: GraphAccess
    private var walk = TraversalWalk()
    /// Whether anything reads the edges (else they are not made).
    private let wantsEdges: Bool
    /// Whether rows are produced in batches (``produceBatched(into:walk:)``):
    /// nothing but the emitted row reads a vertex — no PRUNE, no path —
    /// and the query writes nothing.
    private let batchesVertices: Bool

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
        walk.reset()
        guard let id = graph.vertexId(try context.evaluate(step.start, row)) else { return }
        try graph.beginWalk()
        let vertex = try graph.vertices([id])[0]
        if vertex.isNull { return }  // a missing start vertex yields nothing, without a warning
        walk.begin(at: id, vertex: vertex, bfs: step.bfs)
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        // One access to `walk` for the whole row: neither method may touch
        // `self.walk` (an overlapping access, which traps).
        batchesVertices ? try produceBatched(into: &row, walk: &walk) : try produceEach(into: &row, walk: &walk)
    }

    /// One path at a time, expanded after its row is bound (PRUNE reads it).
    private func produceEach(into row: inout Row, walk: inout TraversalWalk) throws(C8Error) -> Bool {
        while let index = walk.next(bfs: step.bfs) {
            try context.checkKilled()
            bind(index, of: walk, into: &row)
            let depth = walk.nodes[index].depth
            var expand = depth < step.maxDepth
            if expand, let prune = step.prune, try context.evaluate(prune, row).toBool { expand = false }
            if expand { try walk.extend(index, step: step, graph: graph, wantsEdges: wantsEdges, readingVertices: true) }
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
    private func produceBatched(into row: inout Row, walk: inout TraversalWalk) throws(C8Error) -> Bool {
        if walk.emitted == walk.ahead.count {
            walk.ahead.removeAll(keepingCapacity: true)
            walk.emitted = 0
            while walk.ahead.count < walk.batchSize, let index = walk.next(bfs: step.bfs) {
                try context.checkKilled()
                if walk.nodes[index].depth < step.maxDepth {
                    try walk.extend(index, step: step, graph: graph, wantsEdges: wantsEdges, readingVertices: false)
                }
                if walk.nodes[index].depth >= step.minDepth { walk.ahead.append(walk.nodes[index]) }
            }
            guard !walk.ahead.isEmpty else { return false }
            walk.batchSize = min(walk.batchSize * 2, TraversalWalk.largestBatch)
            // The start vertex (depth 0) was read by `start(_:)`.
            let unread = walk.ahead.indices.filter { walk.ahead[$0].depth > 0 }
            let vertices = try graph.vertices(unread.map { walk.ahead[$0].vertexId })
            for (position, vertex) in zip(unread, vertices) { walk.ahead[position].vertex = vertex }
        }
        row[step.vertexSlot] = walk.ahead[walk.emitted].vertex
        if let edgeSlot = step.edgeSlot { row[edgeSlot] = walk.ahead[walk.emitted].edge }
        walk.emitted += 1
        return true
    }

    private func bind(_ index: Int, of walk: TraversalWalk, into row: inout Row) {
        row[step.vertexSlot] = walk.nodes[index].vertex
        if let edgeSlot = step.edgeSlot { row[edgeSlot] = walk.nodes[index].edge }
        if let pathSlot = step.pathSlot {
            let path = walk.path(to: index)
            row[pathSlot] = ["vertices": .array(path.vertices), "edges": .array(path.edges)]
        }
    }
}
