import C8Core
import Synchronization

/// One change to the catalog — tenants, fabrics, collections, indexes —
/// as the region that made it reports it, so that a federation can make
/// the same change in the other regions. Objects are named, not numbered:
/// each region allocates its own object ids.
public struct CatalogChange: Sendable {
    public enum Kind: Sendable {
        case tenantCreated
        case tenantDropped
        case fabricCreated(FabricOptions)
        case fabricDropped
        case fabricOptionsChanged(FabricOptions)
        case collectionCreated(name: String, options: CollectionOptions)
        case collectionDropped(name: String)
        case collectionRenamed(from: String, to: String)
        case collectionPropertiesChanged(name: String, waitForSync: Bool?, hasStream: Bool?, cacheEnabled: Bool?)
        case collectionTruncated(name: String)
        case indexCreated(collection: String, request: JSON, type: IndexType?)
        case indexDropped(collection: String, name: String)
    }

    public let tenant: String
    /// The fabric the change is in; nil for tenant changes.
    public let fabric: String?
    public let kind: Kind
    /// The change concerns an `isLocal` collection: it stays in its region.
    public let isLocal: Bool
    /// Made on behalf of another region (``ReplicationApply``).
    public let isReplicated: Bool

    public init(tenant: String, fabric: String? = nil, kind: Kind, isLocal: Bool = false) {
        self.tenant = tenant
        self.fabric = fabric
        self.kind = kind
        self.isLocal = isLocal
        isReplicated = ReplicationApply.isActive
    }
}

/// Who hears about catalog changes (``Engine/addCatalogListener(_:)``).
/// Listeners run on the changing thread after the change is stored, with
/// no catalog lock held.
final class CatalogListeners: Sendable {
    private let listeners = Mutex<[UInt64: @Sendable (CatalogChange) -> Void]>([:])
    private let nextId = Atomic<UInt64>(0)

    func add(_ listener: @escaping @Sendable (CatalogChange) -> Void) -> UInt64 {
        let id = nextId.add(1, ordering: .relaxed).newValue
        listeners.withLock { $0[id] = listener }
        return id
    }

    func remove(_ id: UInt64) {
        listeners.withLock { $0[id] = nil }
    }

    func notify(_ change: CatalogChange) {
        let current = listeners.withLock { Array($0.values) }
        for listener in current { listener(change) }
    }
}
