import C8Core
import Foundation
import Synchronization

/// Where each open cursor came from: the tenant that may read it, the
/// region that created it (continuations sent to another region are
/// answered with `x-c8-request-forwarded-to`), and its query for the slow
/// query log once it finishes.
final class CursorOrigins: Sendable {
    struct Origin: Sendable {
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

    func record(_ id: String, _ origin: Origin) {
        origins.withLock { all in
            // Cursors the query engine expired while nobody asked for them
            // leave their origins behind; drop those idle for twice their
            // time to live.
            let now = Date()
            all = all.filter { now.timeIntervalSince($0.value.lastUsed) < 2 * $0.value.timeToLive }
            all[id] = origin
        }
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
