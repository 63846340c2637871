import C8Core
import C8Storage
import Synchronization

/// Options of a geo fabric: the regions it spans and its spot region.
public struct FabricOptions: Sendable {
    /// Regions the fabric's data lives in (empty: all regions).
    public var dcList: [String] = []
    /// The region spot collections are served from ("" = none).
    public var spotDc: String = ""
    public var metadata: JSON = .object(JSONObject())

    public init(dcList: [String] = [], spotDc: String = "", metadata: JSON = .object(JSONObject())) {
        self.dcList = dcList
        self.spotDc = spotDc
        self.metadata = metadata
    }

    /// The catalog form, read back by ``init(catalog:)``.
    public var json: JSON {
        ["dcList": .string(dcList.joined(separator: ",")), "spotDc": .string(spotDc), "metadata": metadata]
    }

    public init(catalog json: JSON) {
        dcList = (json["dcList"].stringValue ?? "").split(separator: ",").map(String.init)
        spotDc = json["spotDc"].stringValue ?? ""
        metadata = json["metadata"].isNull ? .object(JSONObject()) : json["metadata"]
    }
}

/// A geo fabric: a named, isolated set of collections (a database).
public final class Fabric: Sendable {
    public let name: String
    public let tenant: String
    let context: EngineContext
    private let state: Mutex<State>
    /// Serializes changes to graph definitions.
    let graphLock = Mutex<Void>(())

    struct State {
        var options: FabricOptions
        var collections: [String: DocumentCollection] = [:]
        var dropped = false
    }

    init(name: String, tenant: String, options: FabricOptions, context: EngineContext) {
        self.name = name
        self.tenant = tenant
        self.context = context
        state = Mutex(State(options: options))
    }

    public var isSystem: Bool { name == "_system" }
    public var options: FabricOptions { state.withLock { $0.options } }

    /// The API form of `GET …/database/current`.
    public func json() -> JSON {
        let options = self.options
        return [
            "name": .string(name), "id": .string(tenant + "." + name), "isSystem": .bool(isSystem),
            "tenant": .string(tenant), "options": options.json,
        ]
    }

    // MARK: - Collections

    /// Collections sorted by name.
    public func collections(excludeSystem: Bool = false) -> [DocumentCollection] {
        state.withLock { s in
            s.collections.values.filter { !excludeSystem || !$0.properties.isSystem }
        }.sorted { $0.name.utf8Compare($1.name) < 0 }
    }

    /// - Throws: 1203 when there is no such collection.
    public func collection(_ name: String) throws(C8Error) -> DocumentCollection {
        guard let collection = state.withLock({ $0.collections[name] }) else {
            throw C8Error(.collectionNotFound, detail: name)
        }
        return collection
    }

    public func hasCollection(_ name: String) -> Bool {
        state.withLock { $0.collections[name] != nil }
    }

    /// Creates a collection.
    /// - Throws: 1208 illegal name, 1207 duplicate name, key option errors.
    @discardableResult
    public func createCollection(_ name: String, options: CollectionOptions = CollectionOptions()) throws(C8Error) -> DocumentCollection {
        try Names.validateCollection(name, isSystem: options.isSystem)
        if options.isSpot, context.region != nil, self.options.spotDc.isEmpty, !ReplicationApply.isActive {
            throw C8Error(.badParameter, "fabric \(self.name) has no spot region: a spot (strongly consistent) collection needs one — "
                + "create the fabric with a spot region, or set one with PUT /_fabric/\(self.name)/database/{dc}")
        }
        let collection = try state.withLock { s throws(C8Error) in
            if s.dropped { throw C8Error(.databaseNotFound, detail: self.name) }
            if s.collections[name] != nil { throw C8Error(.duplicateName, detail: name) }
            var batch = WriteBatch()
            let objectId = context.allocateObjectId(in: &batch)
            let properties = CollectionProperties(objectId: objectId, name: name, options: options)
            var builtin: [IndexDefinition] = []
            if properties.type == .edge {
                builtin.append(EdgeIndex.definition(objectId: context.allocateObjectId(in: &batch)))
            }
            let collection = DocumentCollection(
                properties: properties, tenant: tenant, fabric: self.name, context: context,
                indexes: builtin.map(IndexFactory.make), keyGeneratorLastValue: 0,
                shardCounts: Array(repeating: 0, count: Sharding.shardCount))
            batch.put(Catalog.collectionKey(objectId), Catalog.encode(collection.catalogEntry(properties)))
            for definition in builtin {
                batch.put(Catalog.indexKey(collection: objectId, localId: definition.localId), Catalog.encode(IndexCatalog.json(definition)))
            }
            try context.storage.write(batch, sync: true)
            s.collections[name] = collection
            return collection
        }
        notify(.collectionCreated(name: name, options: options), isLocal: options.isLocal)
        return collection
    }

    /// Creates a key/value collection; with `expiration`, pairs with an
    /// `expireAt` are removed once it passes (a TTL index on `expireAt`).
    @discardableResult
    public func createKeyValueCollection(_ name: String, expiration: Bool = false, options: CollectionOptions = CollectionOptions()) throws(C8Error) -> KeyValueStore {
        var options = options
        options.model = .keyValue
        options.expiration = expiration
        let collection = try createCollection(name, options: options)
        if expiration {
            try collection.createIndex(["type": "ttl", "fields": ["expireAt"], "expireAfter": 0, "name": "expiration"])
        }
        return try KeyValueStore(collection)
    }

    /// The key/value collections: name and whether pairs expire.
    public func keyValueCollections() -> [(name: String, expiration: Bool)] {
        collections().map(\.properties).filter { $0.model == .keyValue }.map { ($0.name, $0.expiration) }
    }

    /// Drops a collection and all its data.
    /// - Throws: 1203 when missing; 1228-style refusal for system
    ///   collections unless `isSystem` says the caller means it.
    public func dropCollection(_ name: String, isSystem: Bool = false) throws(C8Error) {
        let isLocal = try state.withLock { s throws(C8Error) in
            guard let collection = s.collections[name] else { throw C8Error(.collectionNotFound, detail: name) }
            let properties = collection.properties
            if properties.isSystem && !isSystem {
                throw C8Error(.forbidden, "system collection \(name) can only be dropped with isSystem=true", httpStatus: 403)
            }
            try collection.drop()
            s.collections[name] = nil
            return properties.isLocal
        }
        notify(.collectionDropped(name: name), isLocal: isLocal)
    }

    /// Renames a collection; documents keep their keys, `_id`s follow.
    public func renameCollection(_ name: String, to newName: String) throws(C8Error) {
        let isLocal = try state.withLock { s throws(C8Error) in
            guard let collection = s.collections[name] else { throw C8Error(.collectionNotFound, detail: name) }
            let properties = collection.properties
            try Names.validateCollection(newName, isSystem: properties.isSystem)
            if s.collections[newName] != nil { throw C8Error(.duplicateName, detail: newName) }
            try collection.updateProperties { $0.name = newName }
            s.collections[name] = nil
            s.collections[newName] = collection
            return properties.isLocal
        }
        notify(.collectionRenamed(from: name, to: newName), isLocal: isLocal)
    }

    /// The fabric's named graphs.
    public var graphs: GraphStore { GraphStore(fabric: self) }

    // MARK: - Engine internals

    /// Tells the catalog listeners about a change in this fabric.
    func notify(_ kind: CatalogChange.Kind, isLocal: Bool = false) {
        context.catalogListeners.notify(CatalogChange(tenant: tenant, fabric: name, kind: kind, isLocal: isLocal))
    }

    func attach(_ collection: DocumentCollection) {
        state.withLock { $0.collections[collection.name] = collection }
    }

    func updateOptions(_ change: (inout FabricOptions) -> Void) throws(C8Error) {
        let options = state.withLock { s in
            change(&s.options)
            return s.options
        }
        try context.storage.put(Catalog.fabricKey(tenant: tenant, fabric: name), Catalog.encode(catalogJSON(options)), sync: true)
    }

    func catalogJSON(_ options: FabricOptions) -> JSON {
        ["name": .string(name), "tenant": .string(tenant), "options": options.json]
    }

    /// Drops every collection (the fabric itself is removed by the tenant).
    func dropAll() throws(C8Error) {
        let collections = state.withLock { s in
            s.dropped = true
            let all = Array(s.collections.values)
            s.collections = [:]
            return all
        }
        for collection in collections { try collection.drop() }
    }
}
