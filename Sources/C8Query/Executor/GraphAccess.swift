import C8Core
import C8Engine

/// Reads a graph for traversals: the edges of a vertex through the edge
/// index of each edge collection, and vertices by `_id`.
struct GraphAccess {
    let context: QueryContext
    let edgeCollections: [(collection: DocumentCollection, direction: TraversalDirection)]
    /// What to read of each vertex and edge (nil: the whole document).
    let vertexProjection: DocumentProjection?
    let edgeProjection: DocumentProjection?

    init(
        context: QueryContext, edges: [(collection: String, direction: TraversalDirection)],
        vertexProjection: DocumentProjection? = nil, edgeProjection: DocumentProjection? = nil
    ) throws(C8Error) {
        self.context = context
        self.vertexProjection = vertexProjection
        self.edgeProjection = edgeProjection
        var resolved: [(DocumentCollection, TraversalDirection)] = []
        for edge in edges {
            let collection = try context.collection(edge.collection)
            guard collection.type == .edge else {
                throw C8Error(.collectionTypeMismatch, detail: "\(edge.collection) is not an edge collection")
            }
            resolved.append((collection, edge.direction))
        }
        edgeCollections = resolved
    }

    /// Each edge of `vertexId` with the vertex at its other end.
    func neighbors(of vertexId: String) throws(C8Error) -> [(edge: JSON, vertexId: String)] {
        var result: [(JSON, String)] = []
        for (collection, direction) in edgeCollections {
            let engineDirection: EdgeIndex.Direction = switch direction {
            case .outbound: .outbound
            case .inbound: .inbound
            case .any: .any
            }
            let name = collection.name
            for link in try collection.edgeLinks(of: vertexId, direction: engineDirection) {
                context.statistics.scannedIndex += 1
                // The index entry answers `_key`/`_id`/`_from`/`_to`; anything
                // else (or an entry without the far end) needs the document.
                let edge: JSON
                if let linked = link.document(collection: name, projection: edgeProjection) {
                    edge = linked
                } else {
                    guard let read = try collection.document(link.key, projection: edgeProjection) else { continue }
                    edge = read
                }
                let from = edge["_from"].stringValue ?? ""
                let to = edge["_to"].stringValue ?? ""
                let other: String = switch direction {
                case .outbound: to
                case .inbound: from
                case .any: from == vertexId ? to : from
                }
                result.append((edge, other))
            }
        }
        return result
    }

    func vertex(_ id: String) throws(C8Error) -> JSON {
        try context.document(id, projection: vertexProjection) ?? .null
    }

    /// The vertices `ids` name (null for a missing one), read together.
    func vertices(_ ids: [String]) throws(C8Error) -> [JSON] {
        try context.documents(ids, projection: vertexProjection).map { $0 ?? .null }
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
