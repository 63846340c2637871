import C8Core

/// The named graphs of a fabric (ArangoDB's "gharial" semantics), stored as
/// documents of the system collection `_graphs`.
///
/// Vertex and edge writes through a graph are checked against its
/// definitions; removing a vertex removes its edges in the graph's edge
/// collections.
public struct GraphStore: Sendable {
    public let fabric: Fabric
    static let collectionName = "_graphs"

    public init(fabric: Fabric) {
        self.fabric = fabric
    }

    // MARK: - Definitions

    public func graphs() throws(C8Error) -> [GraphDefinition] {
        guard fabric.hasCollection(Self.collectionName) else { return [] }
        var result: [GraphDefinition] = []
        let scanner = try fabric.collection(Self.collectionName).scan()
        while let document = try scanner.next() { result.append(try GraphDefinition(json: document)) }
        return result
    }

    /// - Throws: 1924 when there is no such graph.
    public func graph(_ name: String) throws(C8Error) -> GraphDefinition {
        guard fabric.hasCollection(Self.collectionName),
              let document = try fabric.collection(Self.collectionName).document(name) else {
            throw C8Error(.graphNotFound, detail: name)
        }
        return try GraphDefinition(json: document)
    }

    /// Creates a graph and any collection it names that does not exist yet.
    @discardableResult
    public func create(_ definition: GraphDefinition) throws(C8Error) -> GraphDefinition {
        try fabric.graphLock.withLock { _ throws(C8Error) in
            if (try? graph(definition.name)) != nil { throw C8Error(.graphDuplicate, detail: definition.name) }
            try Names.validateCollection(definition.name)
            let names = definition.edgeCollections
            if Set(names).count != names.count { throw C8Error(.graphCollectionMultiUse, detail: "an edge collection appears twice") }
            for edge in definition.edgeDefinitions { try checkNotUsedDifferently(edge, exceptGraph: nil) }
            if let orphan = definition.orphanCollections.first(where: { o in definition.edgeDefinitions.contains { $0.vertexCollections.contains(o) } }) {
                throw C8Error(.graphCollectionUsedInEdgeDefinition, detail: orphan)
            }
            try ensureCollections(definition)
            return try save(definition, replacing: false)
        }
    }

    /// Removes a graph; with `dropCollections`, also its collections that no
    /// other graph uses.
    public func drop(_ name: String, dropCollections: Bool = false) throws(C8Error) {
        try fabric.graphLock.withLock { _ throws(C8Error) in
            let definition = try graph(name)
            try fabric.collection(Self.collectionName).remove(DocumentSelector(key: name))
            guard dropCollections else { return }
            let stillUsed = Set(try graphs().flatMap { $0.vertexCollections + $0.edgeCollections })
            for collection in definition.edgeCollections + definition.vertexCollections where !stillUsed.contains(collection) {
                if fabric.hasCollection(collection) { try fabric.dropCollection(collection) }
            }
        }
    }

    public func addEdgeDefinition(_ graphName: String, _ edge: EdgeDefinition) throws(C8Error) -> GraphDefinition {
        try change(graphName) { definition throws(C8Error) in
            if definition.edgeDefinition(edge.collection) != nil { throw C8Error(.graphCollectionMultiUse, detail: edge.collection) }
            try checkNotUsedDifferently(edge, exceptGraph: graphName)
            definition.edgeDefinitions.append(edge)
            definition.orphanCollections.removeAll { edge.vertexCollections.contains($0) }
        }
    }

    public func replaceEdgeDefinition(_ graphName: String, _ edge: EdgeDefinition) throws(C8Error) -> GraphDefinition {
        try change(graphName) { definition throws(C8Error) in
            guard let i = definition.edgeDefinitions.firstIndex(where: { $0.collection == edge.collection }) else {
                throw C8Error(.graphEdgeCollectionNotUsed, detail: edge.collection)
            }
            try checkNotUsedDifferently(edge, exceptGraph: graphName)
            let replaced = definition.edgeDefinitions[i]
            definition.edgeDefinitions[i] = edge
            definition.orphanCollections.removeAll { edge.vertexCollections.contains($0) }
            Self.orphanUnusedVertexCollections(of: replaced, in: &definition)
        }
    }

    /// Vertex collections of `previous` (an edge definition just removed
    /// or replaced) that no edge definition uses any more stay in the graph
    /// as orphans, as in ArangoDB.
    private static func orphanUnusedVertexCollections(of previous: EdgeDefinition, in definition: inout GraphDefinition) {
        let stillUsed = Set(definition.edgeDefinitions.flatMap(\.vertexCollections))
        for vertex in previous.vertexCollections where !stillUsed.contains(vertex) && !definition.orphanCollections.contains(vertex) {
            definition.orphanCollections.append(vertex)
        }
    }

    /// Removes an edge definition; vertex collections no longer used by the
    /// graph's edges become orphans.
    public func removeEdgeDefinition(_ graphName: String, _ collection: String, dropCollection: Bool = false) throws(C8Error) -> GraphDefinition {
        let updated = try change(graphName) { definition throws(C8Error) in
            guard let i = definition.edgeDefinitions.firstIndex(where: { $0.collection == collection }) else {
                throw C8Error(.graphEdgeCollectionNotUsed, detail: collection)
            }
            Self.orphanUnusedVertexCollections(of: definition.edgeDefinitions.remove(at: i), in: &definition)
        }
        if dropCollection, fabric.hasCollection(collection) { try fabric.dropCollection(collection) }
        return updated
    }

    public func addVertexCollection(_ graphName: String, _ collection: String) throws(C8Error) -> GraphDefinition {
        try change(graphName) { definition throws(C8Error) in
            if definition.orphanCollections.contains(collection) { throw C8Error(.graphCollectionUsedInOrphans, detail: collection) }
            if definition.edgeDefinitions.contains(where: { $0.vertexCollections.contains(collection) }) {
                throw C8Error(.graphCollectionUsedInEdgeDefinition, detail: collection)
            }
            definition.orphanCollections.append(collection)
        }
    }

    public func removeVertexCollection(_ graphName: String, _ collection: String, dropCollection: Bool = false) throws(C8Error) -> GraphDefinition {
        let updated = try change(graphName) { definition throws(C8Error) in
            guard let i = definition.orphanCollections.firstIndex(of: collection) else {
                throw C8Error(.graphNotInOrphanCollection, detail: collection)
            }
            definition.orphanCollections.remove(at: i)
        }
        if dropCollection, fabric.hasCollection(collection) { try fabric.dropCollection(collection) }
        return updated
    }

    // MARK: - Vertices and edges

    /// Inserts a vertex into one of the graph's vertex collections.
    public func insertVertex(_ graphName: String, collection: String, _ body: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try vertexCollection(graphName, collection).insert(body, options: options)
    }

    public func vertex(_ graphName: String, collection: String, key: String) throws(C8Error) -> JSON {
        guard let document = try vertexCollection(graphName, collection).document(key) else {
            throw C8Error(.documentNotFound, detail: "\(collection)/\(key)")
        }
        return document
    }

    public func updateVertex(_ graphName: String, collection: String, key: String, _ patch: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try vertexCollection(graphName, collection).update(DocumentSelector(key: key), with: patch, options: options)
    }

    public func replaceVertex(_ graphName: String, collection: String, key: String, _ body: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try vertexCollection(graphName, collection).replace(DocumentSelector(key: key), with: body, options: options)
    }

    /// Removes a vertex and every edge of the graph that touches it.
    public func removeVertex(_ graphName: String, collection: String, key: String, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        let definition = try graph(graphName)
        let vertices = try vertexCollection(definition, collection)
        let result = try vertices.remove(DocumentSelector(key: key), options: options)
        let id = "\(collection)/\(key)"
        for edgeName in definition.edgeCollections where fabric.hasCollection(edgeName) {
            let edges = try fabric.collection(edgeName)
            let keys = try edges.edgeKeys(of: id, direction: .any)
            if !keys.isEmpty { _ = try edges.remove(many: keys.map { .string($0) }) }
        }
        return result
    }

    /// Inserts an edge whose endpoints fit the edge definition and exist.
    public func insertEdge(_ graphName: String, collection: String, _ body: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        let definition = try graph(graphName)
        let edges = try edgeCollection(definition, collection)
        try checkEndpoints(body, definition: definition, collection: collection)
        return try edges.insert(body, options: options)
    }

    public func edge(_ graphName: String, collection: String, key: String) throws(C8Error) -> JSON {
        guard let document = try edgeCollection(try graph(graphName), collection).document(key) else {
            throw C8Error(.documentNotFound, detail: "\(collection)/\(key)")
        }
        return document
    }

    public func updateEdge(_ graphName: String, collection: String, key: String, _ patch: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        let definition = try graph(graphName)
        let edges = try edgeCollection(definition, collection)
        if patch["_from"] != .null || patch["_to"] != .null {
            guard let current = try edges.document(key) else { throw C8Error(.documentNotFound, detail: "\(collection)/\(key)") }
            var merged = current.objectValue ?? JSONObject()
            if patch["_from"] != .null { merged["_from"] = patch["_from"] }
            if patch["_to"] != .null { merged["_to"] = patch["_to"] }
            try checkEndpoints(.object(merged), definition: definition, collection: collection)
        }
        return try edges.update(DocumentSelector(key: key), with: patch, options: options)
    }

    public func replaceEdge(_ graphName: String, collection: String, key: String, _ body: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        let definition = try graph(graphName)
        let edges = try edgeCollection(definition, collection)
        try checkEndpoints(body, definition: definition, collection: collection)
        return try edges.replace(DocumentSelector(key: key), with: body, options: options)
    }

    public func removeEdge(_ graphName: String, collection: String, key: String, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try edgeCollection(try graph(graphName), collection).remove(DocumentSelector(key: key), options: options)
    }

    // MARK: - Internals

    private func vertexCollection(_ graphName: String, _ collection: String) throws(C8Error) -> DocumentCollection {
        try vertexCollection(try graph(graphName), collection)
    }

    private func vertexCollection(_ definition: GraphDefinition, _ collection: String) throws(C8Error) -> DocumentCollection {
        guard definition.vertexCollections.contains(collection) else {
            throw C8Error(.graphVertexCollectionDoesNotExist, detail: "\(collection) is not a vertex collection of graph \(definition.name)")
        }
        return try fabric.collection(collection)
    }

    private func edgeCollection(_ definition: GraphDefinition, _ collection: String) throws(C8Error) -> DocumentCollection {
        guard definition.edgeDefinition(collection) != nil else {
            throw C8Error(.graphEdgeCollectionNotUsed, detail: "\(collection) is not an edge collection of graph \(definition.name)")
        }
        return try fabric.collection(collection)
    }

    private func checkEndpoints(_ body: JSON, definition: GraphDefinition, collection: String) throws(C8Error) {
        guard let edge = definition.edgeDefinition(collection) else { throw C8Error(.graphEdgeCollectionNotUsed, detail: collection) }
        guard let from = body["_from"].stringValue.flatMap(DocumentHandle.init(validating:)),
              let to = body["_to"].stringValue.flatMap(DocumentHandle.init(validating:)) else {
            throw C8Error(.invalidEdgeAttribute, detail: "_from and _to must be document handles like 'collection/key'")
        }
        guard edge.from.contains(from.collection), edge.to.contains(to.collection) else {
            throw C8Error(.graphInvalidEdge, detail: "edges of \(collection) go from \(edge.from) to \(edge.to), not \(from.collection) to \(to.collection)")
        }
        for handle in [from, to] {
            guard fabric.hasCollection(handle.collection), try fabric.collection(handle.collection).document(handle.key.rawValue) != nil else {
                throw C8Error(.documentNotFound, detail: "vertex \(handle) of the edge does not exist")
            }
        }
    }

    /// An edge collection may serve several graphs only with the same
    /// from/to collections (1921).
    private func checkNotUsedDifferently(_ edge: EdgeDefinition, exceptGraph: String?) throws(C8Error) {
        for other in try graphs() where other.name != exceptGraph {
            if let existing = other.edgeDefinition(edge.collection), existing != edge {
                throw C8Error(.graphCollectionUseInMultiGraphs, detail: "\(edge.collection) is used with other vertex collections in graph \(other.name)")
            }
        }
        if fabric.hasCollection(edge.collection), try fabric.collection(edge.collection).type != .edge {
            throw C8Error(.collectionTypeMismatch, detail: "\(edge.collection) is not an edge collection")
        }
    }

    private func ensureCollections(_ definition: GraphDefinition) throws(C8Error) {
        for name in definition.edgeCollections where !fabric.hasCollection(name) {
            try fabric.createCollection(name, options: CollectionOptions(type: .edge))
        }
        for name in definition.vertexCollections where !fabric.hasCollection(name) {
            try fabric.createCollection(name)
        }
    }

    private func change(_ graphName: String, _ body: (inout GraphDefinition) throws(C8Error) -> Void) throws(C8Error) -> GraphDefinition {
        try fabric.graphLock.withLock { _ throws(C8Error) in
            var definition = try graph(graphName)
            try body(&definition)
            try ensureCollections(definition)
            return try save(definition, replacing: true)
        }
    }

    private func save(_ definition: GraphDefinition, replacing: Bool) throws(C8Error) -> GraphDefinition {
        let graphs: DocumentCollection
        if fabric.hasCollection(Self.collectionName) {
            graphs = try fabric.collection(Self.collectionName)
        } else {
            var options = CollectionOptions()
            options.isSystem = true
            graphs = try fabric.createCollection(Self.collectionName, options: options)
        }
        let result = replacing
            ? try graphs.replace(DocumentSelector(key: definition.name), with: definition.document)
            : try graphs.insert(definition.document)
        var saved = definition
        saved.rev = result.rev
        return saved
    }
}
