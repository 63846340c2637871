import C8Core
import Synchronization

/// One committed change to a document: what collection streams publish
/// (collections with `hasStream`) and what a federation replicates to the
/// other regions (global collections).
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
    /// When the change happened: the new `_rev` for writes, the removal's
    /// own stamp (its tombstone) for removes — what last-writer-wins compares.
    public let revision: HybridTimestamp
    /// True when the change was applied from another region's replication
    /// log rather than made here (``ReplicationApply``).
    public let isReplicated: Bool

    public init(tenant: String, fabric: String, collection: String, kind: Kind, key: String, document: JSON,
                revision: HybridTimestamp = .zero, isReplicated: Bool = false) {
        self.tenant = tenant
        self.fabric = fabric
        self.collection = collection
        self.kind = kind
        self.key = key
        self.document = document
        self.revision = revision
        self.isReplicated = isReplicated
    }
}

/// Which collections' changes a listener hears.
public struct ChangeScope: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Collections with `hasStream` (collection streams).
    public static let streamed = ChangeScope(rawValue: 1)
    /// Collections that are not `isLocal` (replication across regions).
    public static let replicated = ChangeScope(rawValue: 2)
}

/// Who hears about committed changes (``Engine/addChangeListener(_:)``).
///
/// Listeners run on the committing thread, after storage has the batch and
/// while the collections' writer locks are still held, so that two
/// transactions on one collection are reported in commit order. They must
/// be quick and must never write to a collection.
final class ChangeListeners: Sendable {
    private struct Listener {
        let scope: ChangeScope
        let call: @Sendable ([CollectionChange]) -> Void
    }

    private let listeners = Mutex<[UInt64: Listener]>([:])
    private let nextId = Atomic<UInt64>(0)
    /// The union of the listeners' scopes, read on every write transaction:
    /// a collection no listener hears records no change.
    private let scopes = Atomic<UInt8>(0)

    /// The scopes someone listens to.
    var listenedScopes: ChangeScope { ChangeScope(rawValue: scopes.load(ordering: .relaxed)) }

    func add(scope: ChangeScope, _ listener: @escaping @Sendable ([CollectionChange]) -> Void) -> UInt64 {
        let id = nextId.add(1, ordering: .relaxed).newValue
        listeners.withLock { all in
            all[id] = Listener(scope: scope, call: listener)
            scopes.store(Self.union(all), ordering: .relaxed)
        }
        return id
    }

    func remove(_ id: UInt64) {
        listeners.withLock { all in
            all[id] = nil
            scopes.store(Self.union(all), ordering: .relaxed)
        }
    }

    /// Hands `changes` of a collection in `scope` to the listeners of it.
    func notify(_ changes: [CollectionChange], scope: ChangeScope) {
        guard !changes.isEmpty else { return }
        let current = listeners.withLock { all in all.values.filter { !$0.scope.isDisjoint(with: scope) } }
        for listener in current { listener.call(changes) }
    }

    private static func union(_ all: [UInt64: Listener]) -> UInt8 {
        all.values.reduce(ChangeScope()) { $0.union($1.scope) }.rawValue
    }
}
