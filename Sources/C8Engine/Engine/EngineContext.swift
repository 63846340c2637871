import C8Core
import C8Storage
import Synchronization

/// What every part of one region's engine shares: its storage, its clock,
/// its limits and the allocator of storage object ids.
final class EngineContext: Sendable {
    let storage: any StorageEngine
    let clock: HybridLogicalClock
    let limits: EngineLimits
    /// Documents as readers see them; nil when ``EngineLimits/documentCacheBytes`` is 0.
    let documentCache: DocumentCache?
    /// Edge lists as ``EdgeLinkReader`` reads them, keyed by edge collection
    /// object id and direction + vertex `_id`; nil when
    /// ``EngineLimits/edgeCacheBytes`` is 0.
    let edgeCache: DocumentCache?
    /// Listeners to committed changes of `hasStream` collections.
    let changeListeners = ChangeListeners()
    /// Listeners to catalog changes (a federation's replicator).
    let catalogListeners = CatalogListeners()
    private let nextObjectId: Mutex<UInt64>

    static let objectIdKey = KeySpace.catalogKey(Catalog.Kind.objectIds, "")

    /// The region this engine is, in a federation; nil for a lone engine.
    let region: String?
    /// How a collection's fabric is looked up by name (set by the engine
    /// once its tenants exist): spot collections check their fabric's spot
    /// region on every write.
    let fabricLookup = Mutex<(@Sendable (String, String) -> Fabric?)?>(nil)

    init(storage: any StorageEngine, clock: HybridLogicalClock, limits: EngineLimits, region: String? = nil) throws(C8Error) {
        self.region = region
        self.storage = storage
        self.clock = clock
        self.limits = limits
        documentCache = DocumentCache(capacity: limits.documentCacheBytes)
        edgeCache = DocumentCache(capacity: limits.edgeCacheBytes)
        let stored = try storage.get(Self.objectIdKey).map { KeySpace.decodeCount($0) } ?? 0
        nextObjectId = Mutex(max(stored, 100))
    }

    /// Step 1 of a change to every document of collection `objectId` as
    /// readers see them (truncate, drop, rename, properties, bulk loads):
    /// both caches stop serving it (``DocumentCache``).
    func beginCollectionChange(_ objectId: UInt64) {
        documentCache?.beginWrite(collection: objectId)
        edgeCache?.beginWrite(collection: objectId)
    }

    /// Step 3 of a whole-collection change: both caches drop its entries.
    func endCollectionChange(_ objectId: UInt64) {
        documentCache?.endWrite(collection: objectId)
        edgeCache?.endWrite(collection: objectId)
    }

    /// A fresh object id; `batch` records the new high-water mark so ids
    /// are never reused after a restart.
    func allocateObjectId(in batch: inout WriteBatch) -> UInt64 {
        let id = nextObjectId.withLock { next in
            next += 1
            return next
        }
        batch.put(Self.objectIdKey, KeySpace.encodeCount(id))
        return id
    }
}

/// Kinds of catalog entries (the byte after ``KeySpace/catalog``).
enum Catalog {
    enum Kind {
        static let objectIds: UInt8 = UInt8(ascii: "n")
        static let tenant: UInt8 = UInt8(ascii: "t")
        static let fabric: UInt8 = UInt8(ascii: "f")
        static let collection: UInt8 = UInt8(ascii: "c")
        static let index: UInt8 = UInt8(ascii: "x")
    }

    static func collectionKey(_ objectId: UInt64) -> [UInt8] {
        var key: [UInt8] = [KeySpace.catalog, Kind.collection]
        var big = objectId.bigEndian
        withUnsafeBytes(of: &big) { key.append(contentsOf: $0) }
        return key
    }

    static func indexKey(collection: UInt64, localId: Int) -> [UInt8] {
        var key = indexPrefix(collection: collection)
        var big = UInt64(localId).bigEndian
        withUnsafeBytes(of: &big) { key.append(contentsOf: $0) }
        return key
    }

    static func indexPrefix(collection: UInt64) -> [UInt8] {
        var key: [UInt8] = [KeySpace.catalog, Kind.index]
        var big = collection.bigEndian
        withUnsafeBytes(of: &big) { key.append(contentsOf: $0) }
        return key
    }

    static func fabricKey(tenant: String, fabric: String) -> [UInt8] {
        KeySpace.catalogKey(Kind.fabric, tenant + "\u{0}" + fabric)
    }

    static func encode(_ json: JSON) -> [UInt8] { BinaryJSON.encode(json) }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(C8Error) -> JSON {
        do { return try BinaryJSON.decode(buffer: bytes) } catch { throw C8Error(error) }
    }
}
