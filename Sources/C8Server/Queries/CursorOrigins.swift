import C8Core
import Foundation
import Synchronization

/// Where each open cursor came from: the tenant that may read it, the
/// region that created it and holds it (continuations sent to another
/// region are served there and answered with `x-c8-request-forwarded-to`),
/// and its query for the slow query log once it finishes.
///
/// Each region's query engine numbers its cursors on its own, so clients
/// see a server-wide id instead, and the origin keeps the region's.
final class CursorOrigins: Sendable {
    struct Origin: Sendable {
        /// The cursor's id in its region's query engine.
        var cursorId: String
        var tenant: String
        var fabric: String
        var region: String
        var query: String
        var bindVariables: JSONObject
        var started: Date
        var lastUsed: Date
        var timeToLive: Double
    }

    private let origins = Mutex<[String: Origin]>([:])
    private let nextId = Atomic<Int>(1)

    /// Records an open cursor and returns the id clients continue it by.
    func record(_ origin: Origin) -> String {
        let id = String(nextId.wrappingAdd(1, ordering: .relaxed).oldValue)
        origins.withLock { all in
            // Cursors the query engine expired while nobody asked for them
            // leave their origins behind; drop those idle for twice their
            // time to live.
            let now = Date()
            all = all.filter { now.timeIntervalSince($0.value.lastUsed) < 2 * $0.value.timeToLive }
            all[id] = origin
        }
        return id
    }

    /// The origin of cursor `id`, marked as used now.
    func touch(_ id: String) -> Origin? {
        origins.withLock { all in
            all[id]?.lastUsed = Date()
            return all[id]
        }
    }

    @discardableResult
    func remove(_ id: String) -> Origin? {
        origins.withLock { $0.removeValue(forKey: id) }
    }
}
