import C8Core
import Synchronization

/// One committed change to a document of a collection with `hasStream`:
/// what collection streams publish.
public struct CollectionChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case insert, update, replace, remove
    }

    public let tenant: String
    public let fabric: String
    public let collection: String
    public let kind: Kind
    /// The document's `_key`.
    public let key: String
    /// The document as users see it (with `_id`): the new revision, or the
    /// removed one for ``Kind/remove``.
    public let document: JSON

    public init(tenant: String, fabric: String, collection: String, kind: Kind, key: String, document: JSON) {
        self.tenant = tenant
        self.fabric = fabric
        self.collection = collection
        self.kind = kind
        self.key = key
        self.document = document
    }
}

/// Who hears about committed changes (``Engine/addChangeListener(_:)``).
///
/// Listeners run on the committing thread, after storage has the batch and
/// while the collections' writer locks are still held, so that two
/// transactions on one collection are reported in commit order. They must
/// be quick and must never write to a collection.
final class ChangeListeners: Sendable {
    private let listeners = Mutex<[UInt64: @Sendable ([CollectionChange]) -> Void]>([:])
    private let nextId = Atomic<UInt64>(0)
    /// Read on every write transaction: no listener, no change recorded.
    private let count = Atomic<Int>(0)

    var isEmpty: Bool { count.load(ordering: .relaxed) == 0 }

    func add(_ listener: @escaping @Sendable ([CollectionChange]) -> Void) -> UInt64 {
        let id = nextId.add(1, ordering: .relaxed).newValue
        listeners.withLock { all in
            all[id] = listener
            count.store(all.count, ordering: .relaxed)
        }
        return id
    }

    func remove(_ id: UInt64) {
        listeners.withLock { all in
            all[id] = nil
            count.store(all.count, ordering: .relaxed)
        }
    }

    func notify(_ changes: [CollectionChange]) {
        guard !changes.isEmpty else { return }
        let current = listeners.withLock { Array($0.values) }
        for listener in current { listener(changes) }
    }
}
