import C8Core
import Foundation
import Synchronization

/// Finished queries that ran longer than a threshold, newest last, as
/// `GET /_api/query/slow` lists them; tunable through
/// `/_api/query/properties` like ArangoDB's.
final class SlowQueryLog: Sendable {
    struct Properties: Sendable, Equatable {
        var enabled = true
        var threshold: Double
        var capacity: Int

        var json: JSON {
            [
                "enabled": .bool(enabled), "trackSlowQueries": .bool(enabled), "trackBindVars": true,
                "maxSlowQueries": .int(Int64(capacity)), "slowQueryThreshold": .double(threshold),
                "maxQueryStringLength": .int(Int64(SlowQueryLog.maximumQueryLength)),
            ]
        }
    }

    struct Entry: Sendable {
        var id: String
        var tenant: String
        var fabric: String
        var query: String
        var bindVariables: JSONObject
        var started: Date
        var runTime: Double

        var json: JSON {
            [
                "id": .string(id), "database": .string(fabric), "query": .string(query),
                "bindVars": .object(bindVariables), "started": .string(ISO8601DateFormatter().string(from: started)),
                "runTime": .double(runTime), "state": "finished", "stream": false,
            ]
        }
    }

    /// Longer query texts are cut, as ArangoDB cuts them.
    static let maximumQueryLength = 4096

    private let state: Mutex<(properties: Properties, entries: [Entry])>

    init(threshold: Double, capacity: Int) {
        state = Mutex((Properties(threshold: threshold, capacity: max(0, capacity)), []))
    }

    var properties: Properties { state.withLock { $0.properties } }

    func configure(_ change: (inout Properties) -> Void) {
        state.withLock { s in
            change(&s.properties)
            s.properties.capacity = max(0, s.properties.capacity)
            s.entries = Array(s.entries.suffix(s.properties.capacity))
        }
    }

    /// Keeps `entry` when logging is on and it ran at least the threshold.
    func record(_ entry: Entry) {
        state.withLock { s in
            guard s.properties.enabled, entry.runTime >= s.properties.threshold, s.properties.capacity > 0 else { return }
            var kept = entry
            if kept.query.utf8.count > Self.maximumQueryLength { kept.query = String(kept.query.prefix(Self.maximumQueryLength)) }
            s.entries.append(kept)
            if s.entries.count > s.properties.capacity { s.entries.removeFirst(s.entries.count - s.properties.capacity) }
        }
    }

    func entries(tenant: String, fabric: String) -> [Entry] {
        state.withLock { $0.entries.filter { $0.tenant == tenant && $0.fabric == fabric } }
    }

    func clear(tenant: String, fabric: String) {
        state.withLock { $0.entries.removeAll { $0.tenant == tenant && $0.fabric == fabric } }
    }
}
