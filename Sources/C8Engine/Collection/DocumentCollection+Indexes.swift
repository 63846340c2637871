import C8Core
import C8Storage

extension DocumentCollection {
    /// The definition of the implicit primary index (`collection/0` on `_key`).
    static let primaryIndex = IndexDefinition(
        objectId: 0, localId: 0, name: "primary", type: .primary,
        fields: [try! AttributePath(parsing: "_key")], unique: true)

    /// Every index: the primary index first, then the stored ones by id.
    public var indexDefinitions: [IndexDefinition] {
        [Self.primaryIndex] + indexes.map(\.definition)
    }

    /// The index with the given name, local id (`N`) or id (`collection/N`).
    public func index(_ nameOrId: String) throws(C8Error) -> IndexDefinition {
        let id = nameOrId.split(separator: "/").last.map(String.init) ?? nameOrId
        guard let definition = indexDefinitions.first(where: { $0.name == nameOrId || String($0.localId) == id }) else {
            throw C8Error(.indexNotFound, detail: "\(name)/\(nameOrId)")
        }
        return definition
    }

    /// The object maintaining a stored index (for lookups); nil for primary.
    public func indexObject(_ definition: IndexDefinition) -> (any DocumentIndex)? {
        indexes.first { $0.definition.objectId == definition.objectId && definition.type != .primary }
    }

    /// Creates an index from an API request body and fills it from the
    /// existing documents. Creating an index equal to an existing one
    /// returns that one with `created: false`.
    ///
    /// Fails with 1210 when a unique index would be violated by the data,
    /// leaving nothing behind.
    @discardableResult
    public func createIndex(_ body: JSON, type routeType: IndexType? = nil) throws(C8Error) -> (definition: IndexDefinition, created: Bool) {
        let result = try writer.withLock { () throws(C8Error) -> (definition: IndexDefinition, created: Bool) in
            let (properties, existing) = meta.withLock { ($0.properties, $0.indexes.map(\.definition)) }
            if meta.withLock({ $0.dropped }) { throw C8Error(.collectionNotFound, detail: properties.name) }
            var catalogBatch = WriteBatch()
            let objectId = context.allocateObjectId(in: &catalogBatch)
            let localId = (existing.map(\.localId) + [properties.type == .edge ? 2 : 0]).max()! + 1
            let definition = try IndexDefinition(
                request: body, type: routeType, objectId: objectId, localId: localId, defaultName: "idx_\(objectId)")
            if definition.unique { try definition.validateUnique(shardKeys: properties.shardKeys) }
            if let same = existing.first(where: { $0.isEquivalent(to: definition) }) { return (same, false) }
            // ArangoDB: "there can be at most one TTL index per collection"
            // (which of two would expire a document?).
            if definition.type == .ttl, existing.contains(where: { $0.type == .ttl }) {
                throw C8Error(.badParameter, "there can only be one ttl index per collection")
            }
            if existing.contains(where: { $0.name == definition.name }) || definition.name == "primary" {
                throw C8Error(.duplicateName, detail: "index name \(definition.name)")
            }
            let index = IndexFactory.make(definition)
            do throws(C8Error) {
                try fill(index)
            } catch {
                var cleanup = WriteBatch()
                cleanup.deleteRange(KeySpace.indexEntries(of: objectId))
                try? storage.write(cleanup, sync: false)
                throw error
            }
            catalogBatch.put(Catalog.indexKey(collection: self.objectId, localId: localId), Catalog.encode(IndexCatalog.json(definition)))
            try storage.write(catalogBatch, sync: true)
            meta.withLock { $0.indexes.append(index) }
            return (definition, true)
        }
        if result.created {
            // Named as created, so the other regions give it the same name.
            var request = body.objectValue ?? JSONObject()
            request["name"] = .string(result.definition.name)
            notifyCatalog(.indexCreated(collection: name, request: .object(request), type: routeType))
        }
        return result
    }

    /// Drops an index by name or id. The primary and edge indexes stay.
    public func dropIndex(_ nameOrId: String) throws(C8Error) {
        let dropped = try writer.withLock { () throws(C8Error) -> IndexDefinition in
            let definition = try index(nameOrId)
            guard definition.type != .primary && definition.type != .edge else {
                throw C8Error(.forbidden, "the \(definition.type.rawValue) index cannot be dropped", httpStatus: 403)
            }
            var batch = WriteBatch()
            batch.delete(Catalog.indexKey(collection: objectId, localId: definition.localId))
            batch.deleteRange(KeySpace.indexEntries(of: definition.objectId))
            try storage.write(batch, sync: true)
            meta.withLock { $0.indexes.removeAll { $0.definition.objectId == definition.objectId } }
            return definition
        }
        notifyCatalog(.indexDropped(collection: name, name: dropped.name))
    }

    /// Writes the entries of every document for a new index, checking
    /// uniqueness against entries already written and those in the chunk.
    private func fill(_ index: any DocumentIndex) throws(C8Error) {
        let scanner = storage.makeIterator(KeySpace.documents(of: objectId), reverse: false)
        let keyOffset = KeySpace.documents(of: objectId).lowerBound.count
        var batch = WriteBatch()
        var pendingOwners: [[UInt8]: String] = [:]
        while scanner.next() {
            let key = String(decoding: UnsafeBufferPointer(rebasing: scanner.key[keyOffset...]), as: UTF8.self)
            let document: JSON
            do { document = try BinaryJSON.decode(buffer: scanner.value) } catch { throw C8Error(error) }
            for entry in index.entries(for: document, key: key) {
                if index.isUnique {
                    var owner = pendingOwners[entry.key]
                    if owner == nil, let stored = try storage.get(entry.key) { owner = String(decoding: stored, as: UTF8.self) }
                    if let owner, owner != key {
                        throw C8Error(
                            .uniqueConstraintViolated,
                            "unique constraint violated - documents \(owner) and \(key) have the same values for index \(index.definition.name) over '\(index.definition.fields.map(\.description).joined(separator: ", "))'")
                    }
                    pendingOwners[entry.key] = key
                }
                batch.put(entry.key, entry.value)
            }
            if batch.count >= 10_000 {
                try storage.write(batch, sync: false)
                batch = WriteBatch()
                pendingOwners.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try storage.write(batch, sync: false) }
    }

    /// The `_key`s of the edges of vertex `vertexId` (edge collections only).
    public func edgeKeys(of vertexId: String, direction: EdgeIndex.Direction) throws(C8Error) -> [String] {
        try edgeIndex().edges(of: vertexId, direction: direction, in: storage)
    }

    /// The edges of vertex `vertexId` as the edge index tells them: `_key`
    /// and, where the entry carries it, both ends (edge collections only).
    public func edgeLinks(of vertexId: String, direction: EdgeIndex.Direction) throws(C8Error) -> [EdgeLink] {
        try edgeIndex().links(of: vertexId, direction: direction, in: storage)
    }

    /// A reader of the edge links of many vertices, for one graph walk
    /// (``EdgeLinkReader``).
    public func edgeLinkReader() throws(C8Error) -> EdgeLinkReader {
        EdgeLinkReader(index: try edgeIndex(), storage: storage, cache: context.edgeCache, collection: objectId)
    }

    private func edgeIndex() throws(C8Error) -> EdgeIndex {
        guard let edgeIndex = indexes.lazy.compactMap({ $0 as? EdgeIndex }).first else {
            throw C8Error(.collectionTypeMismatch, "\(name) is not an edge collection")
        }
        return edgeIndex
    }

    /// The edges of vertex `vertexId` (for `GET /edges/{collection}`).
    public func edges(of vertexId: String, direction: EdgeIndex.Direction) throws(C8Error) -> [JSON] {
        try documents(try edgeKeys(of: vertexId, direction: direction), projection: nil).compactMap { $0 }
    }
}
