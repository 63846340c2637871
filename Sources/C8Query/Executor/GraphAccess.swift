import C8Core
import C8Engine

/// Reads a graph for traversals: the edges of a vertex through the edge
/// index of each edge collection, and vertices by `_id`.
struct GraphAccess {
    let context: QueryContext
    let edgeCollections: [(collection: DocumentCollection, direction: TraversalDirection)]
    /// For each of `edgeCollections`, the position of its first occurrence:
    /// an edge listed twice (`OUTBOUND x e, e`) is one edge for uniqueness.
    private let identities: [Int]
    /// What to read of each vertex and edge (nil: the whole document).
    let vertexProjection: DocumentProjection?
    let edgeProjection: DocumentProjection?
    /// Set when `vertexProjection` asks only for what a vertex's `_id` tells
    /// (`_id`, `_key`, or nothing): vertices are then only checked to exist.
    private let idOnly: IdOnlyVertex?
    private let walk = WalkReaders()

    /// One edge of a vertex as a walk sees it.
    struct Neighbor {
        /// The edge (its projection), or null when the caller asked for none.
        var edge: JSON
        var edgeIdentity: EdgeIdentity
        /// The `_id` of the vertex at the edge's other end.
        var vertexId: String
    }

    /// Tells edges apart without making their `_id`.
    struct EdgeIdentity: Hashable {
        var collection: Int
        var key: String
    }

    init(
        context: QueryContext, edges: [(collection: String, direction: TraversalDirection)],
        vertexProjection: DocumentProjection? = nil, edgeProjection: DocumentProjection? = nil
    ) throws(C8Error) {
        self.context = context
        self.vertexProjection = vertexProjection
        self.edgeProjection = edgeProjection
        idOnly = vertexProjection.flatMap(IdOnlyVertex.init)
        var resolved: [(DocumentCollection, TraversalDirection)] = []
        for edge in edges {
            let collection = try context.collection(edge.collection)
            guard collection.type == .edge else {
                throw C8Error(.collectionTypeMismatch, detail: "\(edge.collection) is not an edge collection")
            }
            resolved.append((collection, edge.direction))
        }
        edgeCollections = resolved
        identities = edges.map { edge in edges.firstIndex { $0.collection == edge.collection }! }
    }

    /// Starts a new walk: the edge index is read afresh from here on (each
    /// reader sees the store as of its first read).
    func beginWalk() throws(C8Error) {
        var readers: [EdgeLinkReader] = []
        for (collection, _) in edgeCollections { readers.append(try collection.edgeLinkReader()) }
        walk.readers = readers
    }

    /// Replaces `result` with each edge of `vertexId` and the vertex at its
    /// other end. Without `edgeDocuments`, an edge whose index entry names
    /// both ends is not read at all (its `edge` is null).
    func neighbors(of vertexId: String, edgeDocuments: Bool, into result: inout [Neighbor]) throws(C8Error) {
        result.removeAll(keepingCapacity: true)
        if walk.readers.isEmpty { try beginWalk() }
        for (position, (collection, direction)) in edgeCollections.enumerated() {
            let engineDirection: EdgeIndex.Direction = switch direction {
            case .outbound: .outbound
            case .inbound: .inbound
            case .any: .any
            }
            walk.readers[position].links(of: vertexId, direction: engineDirection, into: &walk.links)
            context.statistics.scannedIndex += walk.links.count
            let identity = identities[position]
            for link in walk.links {
                let edge: JSON
                let other: String
                if !edgeDocuments, let ends = link.ends {
                    // The walk's common case: the entry names the far end, no edge is made.
                    edge = .null
                    other = Self.otherEnd(from: ends.from, to: ends.to, direction, of: vertexId)
                } else if let ends = link.ends, let linked = link.document(collection: collection.name, projection: edgeProjection) {
                    // The index entry answers `_key`/`_id`/`_from`/`_to`.
                    edge = linked
                    other = Self.otherEnd(from: ends.from, to: ends.to, direction, of: vertexId)
                } else {
                    // Anything else (or an entry without the far end) needs the document.
                    guard let read = try collection.document(link.key, projection: edgeProjection) else { continue }
                    edge = read
                    other = Self.otherEnd(
                        from: read["_from"].stringValue ?? "", to: read["_to"].stringValue ?? "", direction, of: vertexId)
                }
                result.append(Neighbor(
                    edge: edgeDocuments ? edge : .null, edgeIdentity: EdgeIdentity(collection: identity, key: link.key),
                    vertexId: other))
            }
        }
    }

    /// The end of an edge `from` → `to` that a walk `direction` from `vertexId` reaches.
    private static func otherEnd(from: String, to: String, _ direction: TraversalDirection, of vertexId: String) -> String {
        switch direction {
        case .outbound: to
        case .inbound: from
        case .any: from == vertexId ? to : from
        }
    }

    /// Each edge of `vertexId` with the vertex at its other end.
    func neighbors(of vertexId: String) throws(C8Error) -> [(edge: JSON, vertexId: String)] {
        var result: [Neighbor] = []
        try neighbors(of: vertexId, edgeDocuments: true, into: &result)
        return result.map { ($0.edge, $0.vertexId) }
    }

    func vertex(_ id: String) throws(C8Error) -> JSON {
        try context.document(id, projection: vertexProjection) ?? .null
    }

    /// The vertices `ids` name (null for a missing one), read together.
    func vertices(_ ids: [String]) throws(C8Error) -> [JSON] {
        guard let idOnly else {
            return try context.documents(ids, projection: vertexProjection).map { $0 ?? .null }
        }
        // The `_id` is all the query reads: the document need only exist.
        let (exists, keys) = try VertexExistence.check(ids, context: context)
        var result: [JSON] = []
        result.reserveCapacity(ids.count)
        for position in ids.indices {
            result.append(exists[position] ? idOnly.vertex(id: ids[position], key: keys[position]) : .null)
        }
        return result
    }

    /// The `_id` a start or target expression names: an `_id` string or a
    /// document with `_id`; nil (with a warning) for anything else.
    func vertexId(_ value: JSON) -> String? {
        switch value {
        case .string(let s) where s.contains("/"): return s
        case .object: if let id = value["_id"].stringValue { return id }
        default: break
        }
        context.warn(.queryParse, "invalid start vertex: expected an _id string or a document with _id")
        return nil
    }
}

/// The edge-link readers of the walk under way and a buffer for their
/// answers: shared, mutable state of a ``GraphAccess`` (a value held by
/// its sources), so a walk reads through one iterator per edge collection.
private final class WalkReaders {
    var readers: [EdgeLinkReader] = []
    var links: [EdgeLink] = []
}
