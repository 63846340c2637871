import C8Core
import C8Storage

extension DocumentCollection {
    /// Changes stored properties (rename, waitForSync, hasStream,
    /// cacheEnabled) and persists them. Cached documents of the collection
    /// are dropped: a rename changes every `_id`.
    func updateProperties(_ change: (inout CollectionProperties) -> Void) throws(C8Error) {
        try writer.withLock { () throws(C8Error) in
            context.beginCollectionChange(objectId)
            defer { context.endCollectionChange(objectId) }
            let properties = meta.withLock { m in
                change(&m.properties)
                return m.properties
            }
            cacheEnabled.store(properties.cacheEnabled, ordering: .relaxed)
            try storage.put(Catalog.collectionKey(objectId), Catalog.encode(catalogEntry(properties)), sync: true)
        }
    }

    /// The catalog form: the API form plus the owning tenant and fabric.
    func catalogEntry(_ properties: CollectionProperties) -> JSON {
        var object = properties.json().objectValue ?? JSONObject()
        object["tenant"] = .string(tenant)
        object["fabric"] = .string(fabric)
        return .object(object)
    }

    /// Sets the mutable properties of `PUT …/properties`.
    public func setProperties(waitForSync: Bool? = nil, hasStream: Bool? = nil, cacheEnabled: Bool? = nil) throws(C8Error) {
        try updateProperties { p in
            if let waitForSync { p.waitForSync = waitForSync }
            if let hasStream { p.hasStream = hasStream }
            if let cacheEnabled { p.cacheEnabled = cacheEnabled }
        }
        notifyCatalog(.collectionPropertiesChanged(name: name, waitForSync: waitForSync, hasStream: hasStream, cacheEnabled: cacheEnabled))
    }

    /// Tells the catalog listeners about a change to this collection.
    func notifyCatalog(_ kind: CatalogChange.Kind) {
        let isLocal = meta.withLock { $0.properties.isLocal }
        context.catalogListeners.notify(CatalogChange(tenant: tenant, fabric: fabric, kind: kind, isLocal: isLocal))
    }

    /// Removes the collection's catalog entry, documents, index entries and
    /// counters in one batch; later operations fail with 1203.
    func drop() throws(C8Error) {
        try writer.withLock { () throws(C8Error) in
            context.beginCollectionChange(objectId)
            defer { context.endCollectionChange(objectId) }
            let definitions = meta.withLock { m in
                m.dropped = true
                return m.indexes.map(\.definition)
            }
            var batch = WriteBatch()
            batch.delete(Catalog.collectionKey(objectId))
            batch.deleteRange(KeyRange(prefix: Catalog.indexPrefix(collection: objectId)))
            batch.deleteRange(KeySpace.documents(of: objectId))
            batch.deleteRange(KeySpace.counters(of: objectId))
            batch.deleteRange(KeySpace.tombstones(of: objectId))
            batch.delete(KeySpace.keyGeneratorKey(collection: objectId))
            for definition in definitions { batch.deleteRange(KeySpace.indexEntries(of: definition.objectId)) }
            try storage.write(batch, sync: true)
        }
    }
}
