import Synchronization

/// Principals of recently seen credentials, so that a client sending the
/// same key or token with every request pays for the storage reads and
/// the signature check once.
///
/// An entry is good for one ``AccessControl/generation``: any change to
/// users, keys, grants or tenants makes every entry stale, so a removed key
/// or a lowered grant takes effect with the next request, as without the
/// cache. Token entries also end at the token's expiry.
final class PrincipalCache: Sendable {
    private struct Entry {
        let principal: Principal
        let generation: UInt64
        /// Seconds since 1970; nil for API keys, which do not expire.
        let expiresAt: Int64?
    }

    /// Beyond this many entries the cache starts over: simpler than LRU,
    /// and a server with more live credentials than this pays only the
    /// uncached cost.
    let capacity: Int
    private let entries = Mutex<[[UInt8]: Entry]>([:])

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The principal cached under `key` if it is of `generation` and has
    /// not expired by `now`.
    func principal(for key: [UInt8], generation: UInt64, now: Int64) -> Principal? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.generation == generation, entry.expiresAt.map({ now < $0 }) ?? true else {
                entries[key] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: Principal, for key: [UInt8], generation: UInt64, expiresAt: Int64?) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(principal: principal, generation: generation, expiresAt: expiresAt)
        }
    }
}
