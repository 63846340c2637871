import C8Core
import C8Storage
import Synchronization

/// A collection of one fabric in one region: its documents, indexes,
/// key generator and per-shard counts.
///
/// Writers are serialized per collection (so unique checks and counts are
/// exact); readers never wait for them — they read storage directly.
public final class DocumentCollection: Sendable {
    public let objectId: UInt64
    public let tenant: String
    public let fabric: String
    let context: EngineContext
    var storage: any StorageEngine { context.storage }
    /// The storage the collection lives in (index lookups read it directly).
    public var storageEngine: any StorageEngine { context.storage }
    var clock: HybridLogicalClock { context.clock }
    var limits: EngineLimits { context.limits }
    /// Held for the whole of a write, index build or truncate.
    let writer = WriterLock()
    let meta: Mutex<Meta>
    /// `properties.cacheEnabled`, readable without the meta lock.
    let cacheEnabled: Atomic<Bool>

    struct Meta {
        var properties: CollectionProperties
        var indexes: [any DocumentIndex]
        var keyGenerator: any KeyGenerator
        var shardCounts: [Int]
        var dropped = false
    }

    init(properties: CollectionProperties, tenant: String, fabric: String, context: EngineContext,
         indexes: [any DocumentIndex], keyGeneratorLastValue: UInt64, shardCounts: [Int]) {
        objectId = properties.objectId
        self.tenant = tenant
        self.fabric = fabric
        self.context = context
        let generator = properties.keyOptions.with(lastValue: max(properties.keyOptions.lastValue, keyGeneratorLastValue)).makeGenerator(site: context.clock.site)
        meta = Mutex(Meta(properties: properties, indexes: indexes, keyGenerator: generator, shardCounts: shardCounts))
        cacheEnabled = Atomic(properties.cacheEnabled)
    }

    public var properties: CollectionProperties {
        meta.withLock { m in
            var p = m.properties
            p.keyOptions = m.keyGenerator.options
            return p
        }
    }

    public var name: String { meta.withLock { $0.properties.name } }
    public var type: CollectionType { meta.withLock { $0.properties.type } }

    /// Documents in the collection.
    public var count: Int { meta.withLock { $0.shardCounts.reduce(0, +) } }

    /// Documents per shard (64 entries).
    public var shardCounts: [Int] { meta.withLock { $0.shardCounts } }

    var indexes: [any DocumentIndex] { meta.withLock { $0.indexes } }

    // MARK: - Reads

    /// The document stored under `key` as users see it (with `_id`), or nil.
    ///
    /// Served from the engine's document cache when the collection has
    /// `cacheEnabled`; a miss reads storage and fills the cache. See
    /// ``DocumentCache`` for why a cached document is never stale.
    public func document(_ key: String) throws(C8Error) -> JSON? {
        try readPresented(key) { bytes throws(C8Error) in try StoredDocument.decodePresented(bytes, key: key) }
    }

    /// Only the attributes of `projection` of the document under `key`
    /// (see ``DocumentProjection``), or nil when there is no such document.
    public func document(_ key: String, projection: DocumentProjection?) throws(C8Error) -> JSON? {
        guard let projection else { return try document(key) }
        return try readPresented(key) { bytes throws(C8Error) in try bytes.withBytes(projection.decode(presented:)) }
    }

    /// The document under `key` in its presented binary form, turned into
    /// what the caller hands out by `decode`: the one read path, through
    /// the document cache, for every form a document leaves the engine in
    /// (a `JSON` tree, JSON text). `decode` gets a slice of the array the
    /// cache holds (or, on a miss, of the array it will hold): keeping it
    /// copies nothing.
    func readPresented<Value: Sendable>(
        _ key: String, decode: (ArraySlice<UInt8>) throws(C8Error) -> Value
    ) throws(C8Error) -> Value? {
        guard DocumentKey.isValid(key) else { return nil }
        guard let cache = context.documentCache, cacheEnabled.load(ordering: .relaxed) else {
            guard let stored = try storage.get(KeySpace.documentKey(collection: objectId, key: key)) else { return nil }
            return try decode(try StoredDocument.presentedBytes(stored, key: key, collection: name)[...])
        }
        switch try cache.lookup(collection: objectId, key: key, decode: decode) {
        case .hit(let value):
            return value
        case .miss(let ticket):
            // The ticket was taken before the name and storage are read.
            guard let stored = try storage.get(KeySpace.documentKey(collection: objectId, key: key)) else { return nil }
            let block = try stored.withUnsafeBufferPointer { (bytes) throws(C8Error) in try presented(bytes, key: key, caching: ticket, in: cache) }
            return try decode(block)
        case .bypass:
            guard let stored = try storage.get(KeySpace.documentKey(collection: objectId, key: key)) else { return nil }
            return try decode(try StoredDocument.presentedBytes(stored, key: key, collection: name)[...])
        }
    }

    /// The documents under `keys`, in their order (nil where there is none),
    /// only the attributes of `projection` when given: what
    /// ``document(_:projection:)`` answers for each key, but the keys the
    /// document cache does not hold are read from storage together
    /// (``StorageEngine/getMany(_:)``) — for the documents behind an index
    /// scan or a traversal step.
    public func documents(_ keys: [String], projection: DocumentProjection?) throws(C8Error) -> [JSON?] {
        if let projection {
            return try readPresented(keys) { bytes, _ throws(C8Error) in try bytes.withBytes(projection.decode(presented:)) }
        }
        return try readPresented(keys) { bytes, key throws(C8Error) in try StoredDocument.decodePresented(bytes, key: key) }
    }

    /// Whether a document is stored under each of `keys`, in their order:
    /// ``documents(_:projection:)`` without decoding anything — for a
    /// traversal that needs of its vertices only their `_id`/`_key`, which
    /// the edge index already holds, but must still tell a missing vertex.
    public func containsDocuments(_ keys: [String]) throws(C8Error) -> [Bool] {
        try readPresented(keys) { _, _ throws(C8Error) in true }.map { $0 != nil }
    }

    /// ``readPresented(_:decode:)`` for many keys: cache hits are decoded,
    /// misses read from storage in one batch and cached as a single read
    /// caches them (each ticket taken before storage is read). The single
    /// read stays its own path: a point lookup allocates no arrays.
    func readPresented<Value: Sendable>(
        _ keys: [String], decode: (ArraySlice<UInt8>, _ key: String) throws(C8Error) -> Value
    ) throws(C8Error) -> [Value?] {
        var results = [Value?](repeating: nil, count: keys.count)
        var pending: [(position: Int, ticket: DocumentCache.Ticket?)] = []
        let cache = cacheEnabled.load(ordering: .relaxed) ? context.documentCache : nil
        for (position, key) in keys.enumerated() where DocumentKey.isValid(key) {
            guard let cache else { pending.append((position, nil)); continue }
            switch try cache.lookup(collection: objectId, key: key, decode: { bytes throws(C8Error) in try decode(bytes, key) }) {
            case .hit(let value): results[position] = value
            case .miss(let ticket): pending.append((position, ticket))
            case .bypass: pending.append((position, nil))
            }
        }
        guard !pending.isEmpty else { return results }
        let storageKeys = pending.map { KeySpace.documentKey(collection: objectId, key: keys[$0.position]) }
        try storage.getMany(storageKeys) { (index, bytes) throws(C8Error) in
            let read = pending[index]
            let key = keys[read.position]
            let presented = if let cache, let ticket = read.ticket {
                try presented(bytes, key: key, caching: ticket, in: cache)
            } else {
                try StoredDocument.presentedBytes(bytes, key: key, collection: name)[...]
            }
            results[read.position] = try decode(presented, key)
        }
        return results
    }

    /// `stored` as users see it (``StoredDocument/presentedBytes(_:key:collection:after:)``),
    /// written once, as the cache entry of `ticket`: the slice returned
    /// shares the entry's array.
    private func presented(
        _ stored: UnsafeBufferPointer<UInt8>, key: String, caching ticket: DocumentCache.Ticket, in cache: DocumentCache
    ) throws(C8Error) -> ArraySlice<UInt8> {
        let (block, start) = try CachedDocument.withPrefix(collection: objectId, key: key) { (prefix) throws(C8Error) in
            (try StoredDocument.presentedBytes(stored, key: key, collection: name, after: prefix), prefix.count)
        }
        cache.insert(ticket, block: block)
        return block[start...]
    }

    /// All documents in `_key` byte order (or reverse), read lazily from a
    /// snapshot.
    public func scan(reverse: Bool = false, projection: DocumentProjection? = nil) -> DocumentScanner {
        DocumentScanner(iterator: storage.makeIterator(KeySpace.documents(of: objectId), reverse: reverse), collection: name,
                        projection: projection)
    }

    /// Documents with `_key` in a range (bytewise), in key order or reverse;
    /// nil bounds are open. Pages of a large collection start here.
    public func scan(
        from lower: (key: String, inclusive: Bool)?, to upper: (key: String, inclusive: Bool)?, reverse: Bool = false,
        projection: DocumentProjection? = nil
    ) -> DocumentScanner {
        let all = KeySpace.documents(of: objectId)
        var range = all
        if let lower {
            var start = KeySpace.documentKey(collection: objectId, key: lower.key)
            if !lower.inclusive { start.append(0) }
            range.lowerBound = start
        }
        if let upper {
            var end = KeySpace.documentKey(collection: objectId, key: upper.key)
            if upper.inclusive { end.append(0) }
            range.upperBound = end
        }
        return DocumentScanner(iterator: storage.makeIterator(range, reverse: reverse), collection: name, projection: projection)
    }

    /// Sizes and counts for `GET …/figures`.
    public func figures() -> JSON {
        let (properties, definitions, counts) = meta.withLock { m in
            (m.properties, m.indexes.map(\.definition), m.shardCounts)
        }
        let documentsSize = storage.approximateSize(KeySpace.documents(of: objectId))
        var indexSize = 0
        for definition in definitions { indexSize += storage.approximateSize(KeySpace.indexEntries(of: definition.objectId)) }
        var figures = JSONObject()
        figures["indexes"] = ["count": .int(Int64(definitions.count + 1)), "size": .int(Int64(indexSize))]
        figures["documentsSize"] = .int(Int64(documentsSize))
        figures["alive"] = ["count": .int(Int64(counts.reduce(0, +))), "size": .int(Int64(documentsSize))]
        figures["shards"] = .object(JSONObject(uniqueMembers: counts.enumerated().map { .init("s\($0.offset)", .int(Int64($0.element))) }))
        var result = properties.json().objectValue ?? JSONObject()
        result["count"] = .int(Int64(counts.reduce(0, +)))
        result["figures"] = .object(figures)
        return .object(result)
    }

    // MARK: - Writes

    /// Inserts one document.
    /// - Throws: 1227 not an object, 1221/1222/1466 key errors, 1233 bad
    ///   edge handles, 1216 too large, 1210 key or unique index taken.
    @discardableResult
    public func insert(_ body: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try single({ t throws(C8Error) in try t.insert(body, into: self, options: options) }, sync: options.waitForSync)
    }

    /// Inserts several documents: one result per item; a failing item
    /// writes nothing and does not stop the others.
    public func insert(many bodies: [JSON], options: WriteOptions = WriteOptions()) throws(C8Error) -> [Result<DocumentResult, C8Error>] {
        try many(bodies, options: options) { body, t throws(C8Error) in try t.insert(body, into: self, options: options) }
    }

    @discardableResult
    public func replace(_ selector: DocumentSelector, with body: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try single({ t throws(C8Error) in try t.replace(selector, with: body, in: self, options: options) }, sync: options.waitForSync)
    }

    /// Replaces several documents; each item carries its `_key`.
    public func replace(many bodies: [JSON], options: WriteOptions = WriteOptions()) throws(C8Error) -> [Result<DocumentResult, C8Error>] {
        let name = self.name
        return try many(bodies, options: options) { body, t throws(C8Error) in
            try t.replace(DocumentSelector(body, collection: name), with: body, in: self, options: options)
        }
    }

    @discardableResult
    public func update(_ selector: DocumentSelector, with patch: JSON, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try single({ t throws(C8Error) in try t.update(selector, with: patch, in: self, options: options) }, sync: options.waitForSync)
    }

    public func update(many patches: [JSON], options: WriteOptions = WriteOptions()) throws(C8Error) -> [Result<DocumentResult, C8Error>] {
        let name = self.name
        return try many(patches, options: options) { patch, t throws(C8Error) in
            try t.update(DocumentSelector(patch, collection: name), with: patch, in: self, options: options)
        }
    }

    @discardableResult
    public func remove(_ selector: DocumentSelector, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try single({ t throws(C8Error) in try t.remove(selector, from: self, options: options) }, sync: options.waitForSync)
    }

    /// Removes several documents given as keys, handles or `{_key, _rev}`.
    public func remove(many selectors: [JSON], options: WriteOptions = WriteOptions()) throws(C8Error) -> [Result<DocumentResult, C8Error>] {
        let name = self.name
        return try many(selectors, options: options) { item, t throws(C8Error) in
            try t.remove(DocumentSelector(item, collection: name), from: self, options: options)
        }
    }

    /// Removes every document, keeping the indexes and the key generator.
    public func truncate(waitForSync: Bool = false) throws(C8Error) {
        try writer.withLock { () throws(C8Error) in
            context.beginCollectionChange(objectId)
            defer { context.endCollectionChange(objectId) }
            let definitions = try checkedMeta().indexes.map(\.definition)
            var batch = WriteBatch()
            batch.deleteRange(KeySpace.documents(of: objectId))
            for definition in definitions { batch.deleteRange(KeySpace.indexEntries(of: definition.objectId)) }
            batch.deleteRange(KeySpace.counters(of: objectId))
            try storage.write(batch, sync: waitForSync || properties.waitForSync)
            meta.withLock { $0.shardCounts = Array(repeating: 0, count: Sharding.shardCount) }
        }
        notifyCatalog(.collectionTruncated(name: name))
    }

    // MARK: - The write path

    func checkedMeta() throws(C8Error) -> Meta {
        let m = meta.withLock { $0 }
        if m.dropped { throw C8Error(.collectionNotFound, detail: m.properties.name) }
        return m
    }

    private func single(_ body: (WriteTransaction) throws(C8Error) -> DocumentResult, sync: Bool) throws(C8Error) -> DocumentResult {
        let transaction = try WriteTransaction([self])
        let result = try body(transaction)
        try transaction.commit(sync: sync)
        return result
    }

    private func many(
        _ items: [JSON], options: WriteOptions,
        _ body: (JSON, WriteTransaction) throws(C8Error) -> DocumentResult
    ) throws(C8Error) -> [Result<DocumentResult, C8Error>] {
        let transaction = try WriteTransaction([self])
        var results: [Result<DocumentResult, C8Error>] = []
        results.reserveCapacity(items.count)
        for item in items {
            do throws(C8Error) {
                results.append(.success(try body(item, transaction)))
            } catch {
                results.append(.failure(error))
            }
        }
        try transaction.commit(sync: options.waitForSync)
        return results
    }

    func insert(_ body: JSON, options: WriteOptions, in write: CollectionWrite) throws(C8Error) -> DocumentResult {
        let input = try Self.insertObject(body)
        let m = meta.withLock { ($0.properties, $0.keyGenerator) }
        let (properties, generator) = m
        let (key, persistsGenerator) = try Self.insertKey(
            for: input, properties: properties, generator: generator, isRestore: options.isRestore)
        if persistsGenerator { write.stageKeyGenerator(lastValue: generator.lastValue) }
        let edge = try edgeEndpoints(input, properties: properties)
        let existing = try write.load(key)
        if let existing {
            switch options.overwriteMode {
            case .conflict:
                throw Self.primaryKeyConflict(key)
            case .ignore:
                var result = result(key: key, stored: existing, properties: properties)
                result.ignored = true
                return result
            case .replace, .update:
                let merged = options.overwriteMode == .update
                    ? DocumentMerge.merge(StoredDocument.body(of: existing), StoredDocument.body(of: input), keepNull: options.keepNull, mergeObjects: options.mergeObjects)
                    : input
                let newEdge = options.overwriteMode == .update ? try edgeEndpoints(input, properties: properties, existing: existing) : edge
                return try store(key: key, old: existing, body: merged, edge: newEdge, options: options, properties: properties,
                                 change: options.overwriteMode == .update ? .update : .replace, in: write)
            }
        }
        return try store(key: key, old: nil, body: input, edge: edge, options: options, properties: properties, change: .insert, in: write)
    }

    func modify(_ selector: DocumentSelector, _ body: JSON, options: WriteOptions, merge: Bool, in write: CollectionWrite) throws(C8Error) -> DocumentResult {
        guard case .object(let input) = body else {
            throw C8Error(.documentTypeInvalid, "a document must be a JSON object")
        }
        let properties = meta.withLock { $0.properties }
        guard let existing = try write.load(selector.key) else {
            throw C8Error(.documentNotFound, detail: "\(properties.name)/\(selector.key)")
        }
        try checkRevision(existing, selector: selector, body: input, options: options, properties: properties)
        let newBody = merge
            ? DocumentMerge.merge(StoredDocument.body(of: existing), input, keepNull: options.keepNull, mergeObjects: options.mergeObjects)
            : input
        let edge = try edgeEndpoints(input, properties: properties, existing: merge ? existing : nil)
        if !properties.hasDefaultShardKeys {
            for name in properties.shardKeys where JSON.object(existing)[name] != JSON.object(newBody)[name] {
                throw C8Error(.mustNotChangeShardingAttributes)
            }
        }
        return try store(key: selector.key, old: existing, body: newBody, edge: edge, options: options, properties: properties,
                         change: merge ? .update : .replace, in: write)
    }

    func remove(_ selector: DocumentSelector, options: WriteOptions, in write: CollectionWrite) throws(C8Error) -> DocumentResult {
        let properties = meta.withLock { $0.properties }
        guard let existing = try write.load(selector.key) else {
            throw C8Error(.documentNotFound, detail: "\(properties.name)/\(selector.key)")
        }
        try checkRevision(existing, selector: selector, body: JSONObject(), options: options, properties: properties)
        try write.stage(key: selector.key, old: existing, new: nil, shardKeys: properties.shardKeys, change: .remove)
        if options.silent { return silentResult(key: selector.key, rev: StoredDocument.rev(of: existing), properties: properties) }
        var result = result(key: selector.key, stored: existing, properties: properties)
        if options.returnOld { result.old = StoredDocument.present(existing, collection: properties.name) }
        return result
    }

    /// Builds, checks and stages the stored form of a new revision.
    private func store(
        key: String, old: JSONObject?, body: JSONObject, edge: (from: String, to: String)?,
        options: WriteOptions, properties: CollectionProperties, change: CollectionChange.Kind, in write: CollectionWrite
    ) throws(C8Error) -> DocumentResult {
        let rev = Revision(clock.now()).string
        let stored = StoredDocument.make(key: key, rev: rev, edge: edge, body: body)
        try checkDocumentSize(BinaryJSON.encode(.object(stored)).count)
        try write.stage(key: key, old: old, new: stored, shardKeys: properties.shardKeys, change: change)
        if options.silent { return silentResult(key: key, rev: rev, properties: properties) }
        var result = DocumentResult(id: properties.name + "/" + key, key: key, rev: rev)
        if let old { result.oldRev = StoredDocument.rev(of: old) }
        if options.returnNew { result.new = StoredDocument.present(stored, collection: properties.name) }
        if options.returnOld, let old { result.old = StoredDocument.present(old, collection: properties.name) }
        return result
    }

    private func result(key: String, stored: JSONObject, properties: CollectionProperties) -> DocumentResult {
        DocumentResult(id: properties.name + "/" + key, key: key, rev: StoredDocument.rev(of: stored))
    }

    private func silentResult(key: String, rev: String, properties: CollectionProperties) -> DocumentResult {
        DocumentResult(id: properties.name + "/" + key, key: key, rev: rev)
    }

    private func checkRevision(_ existing: JSONObject, selector: DocumentSelector, body: JSONObject, options: WriteOptions, properties: CollectionProperties) throws(C8Error) {
        let current = StoredDocument.rev(of: existing)
        let expected = options.ifMatch ?? (options.ignoreRevs ? nil : selector.rev ?? body["_rev"]?.stringValue)
        if let expected, expected != current {
            throw C8Error(.conflict, "conflict, _rev values do not match; current _rev of \(properties.name)/\(selector.key) is \(current)", httpStatus: 412)
        }
    }

    /// The `_from`/`_to` of an edge write. For updates (`existing` given),
    /// an endpoint the patch omits keeps its stored value.
    func edgeEndpoints(_ input: JSONObject, properties: CollectionProperties, existing: JSONObject? = nil) throws(C8Error) -> (from: String, to: String)? {
        guard properties.type == .edge else { return nil }
        let from = input["_from"] ?? existing?["_from"]
        let to = input["_to"] ?? existing?["_to"]
        guard case .string(let f)? = from, DocumentHandle.isValid(f), case .string(let t)? = to, DocumentHandle.isValid(t) else {
            throw C8Error(.invalidEdgeAttribute, detail: "_from and _to must be document handles like 'collection/key'")
        }
        return (f, t)
    }
}

/// Documents of a collection in `_key` order, read lazily.
public final class DocumentScanner {
    private let iterator: any StorageIterator
    private let collection: String
    private let projection: DocumentProjection?

    init(iterator: any StorageIterator, collection: String, projection: DocumentProjection? = nil) {
        self.iterator = iterator
        self.collection = collection
        self.projection = projection
    }

    /// Moves past the next document without decoding it; false at the end.
    public func skip() -> Bool {
        iterator.next()
    }

    /// Moves to the next document and decodes the top-level attributes
    /// `names` of it into `values` (by position in `names`; null when
    /// absent), building no document; false at the end. The stored form has
    /// no `_id`, so `names` must not contain it (it would always read null).
    public func next(members names: BinaryMemberNames, into values: inout [JSON]) throws(C8Error) -> Bool {
        guard iterator.next() else { return false }
        do { try BinaryJSON.decodeMembers(names, ofObject: iterator.value, into: &values) } catch { throw C8Error(error) }
        return true
    }

    /// The next document as users see it (only the projection's attributes
    /// when the scan has one), or nil at the end.
    public func next() throws(C8Error) -> JSON? {
        guard iterator.next() else { return nil }
        if let projection { return try projection.decode(stored: iterator.value, collection: collection) }
        return try StoredDocument.presentedDocument(iterator.value, collection: collection)
    }
}
