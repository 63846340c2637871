import C8Core
import C8Engine
import C8Storage

/// The administrative side (C8's `…/streams` REST endpoints): subscriptions,
/// backlog, stats, TTL, expiry, and cleaning up after a fabric.
extension StreamService {
    /// The stream's subscription names, sorted.
    public func subscriptions(of name: StreamName) throws(C8Error) -> [String] {
        try topic(name).subscriptionNames
    }

    /// Unacknowledged messages per subscription.
    public func backlog(of name: StreamName) throws(C8Error) -> [String: Int] {
        try topic(name).backlogs()
    }

    public func stats(of name: StreamName) throws(C8Error) -> StreamStats {
        try topic(name).stats()
    }

    /// Deletes a subscription and its cursor.
    /// - Throws: 404 when there is no such stream or subscription; 412
    ///   while consumers are connected.
    public func deleteSubscription(_ subscription: String, of name: StreamName) throws(C8Error) {
        try topic(name).deleteSubscription(subscription, force: false)
    }

    /// Deletes `subscription` from every stream of the fabric in one scope
    /// (`local`: local and collection streams; otherwise global ones).
    /// Streams without it are left alone.
    /// - Throws: 412, deleting nothing, while a consumer of it is connected anywhere.
    public func unsubscribe(_ subscription: String, tenant: String, fabric: String, local: Bool) throws(C8Error) {
        let topics = fabricTopics(tenant: tenant, fabric: fabric).filter { $0.name.isLocal == local }
        if let busy = topics.first(where: { $0.hasConsumers(subscription: subscription) }) {
            throw C8Error(.httpPreconditionFailed, "subscription \(subscription) has connected consumers on \(busy.name.topic)")
        }
        for topic in topics where topic.subscriptionNames.contains(subscription) {
            do {
                try topic.deleteSubscription(subscription, force: false)
            } catch where error.code == 404 {
                continue  // deleted meanwhile
            }
        }
    }

    /// Marks every message of every stream of the fabric as acknowledged,
    /// for one subscription or (nil) all.
    public func clearBacklog(tenant: String, fabric: String, subscription: String?) throws(C8Error) {
        _ = try engine.tenant(tenant).fabric(fabric)
        for topic in fabricTopics(tenant: tenant, fabric: fabric) { topic.clearBacklog(subscription: subscription) }
    }

    /// The fabric's message TTL in seconds (0 = messages never expire).
    public func messageTTL(tenant: String, fabric: String) -> Int {
        registry.withLock { $0.ttl[Self.fabricKey(tenant, fabric)] } ?? options.defaultMessageTTL
    }

    /// Sets the fabric's message TTL: unacknowledged messages older than
    /// this count as acknowledged by every subscription.
    /// - Throws: 400 for a negative TTL; 1228 for a missing fabric.
    public func setMessageTTL(_ seconds: Int, tenant: String, fabric: String) throws(C8Error) {
        guard seconds >= 0 else { throw C8Error(.badParameter, "the message TTL cannot be negative") }
        _ = try engine.tenant(tenant).fabric(fabric)
        try storage.put(StreamKeys.fabricSettingsKey(tenant: tenant, fabric: fabric),
                        BinaryJSON.encode(["ttl": .int(Int64(seconds))]), sync: true)
        registry.withLock { $0.ttl[Self.fabricKey(tenant, fabric)] = seconds }
    }

    /// Expires, for every subscription of the stream, the unacknowledged
    /// messages published more than `olderThanSeconds` ago.
    public func expireMessages(of name: StreamName, olderThanSeconds: Int) throws(C8Error) {
        guard olderThanSeconds >= 0 else { throw C8Error(.badParameter, "the expiry cannot be negative") }
        try topic(name).expireMessages(olderThanSeconds: olderThanSeconds)
    }

    /// Deletes every stream of the fabric, disconnecting their clients,
    /// and its stream settings. The server calls it when a fabric is dropped.
    public func dropFabric(tenant: String, fabric: String) {
        let topics = registry.withLock { r in
            let doomed = r.topics.filter { $0.key.tenant == tenant && $0.key.fabric == fabric }
            for name in doomed.keys { r.topics[name] = nil }
            r.ttl[Self.fabricKey(tenant, fabric)] = nil
            return Array(doomed.values)
        }
        for topic in topics { try? topic.destroy(force: true) }
        try? storage.delete(StreamKeys.fabricSettingsKey(tenant: tenant, fabric: fabric), sync: true)
    }

    /// Applies message TTLs and retention to every stream now (the timer
    /// does it every ``StreamServiceOptions/maintenanceInterval``).
    public func runMaintenance() {
        let (topics, ttls) = registry.withLock { r in (Array(r.topics.values), r.ttl) }
        for topic in topics where topic.persistent {
            let ttl = ttls[Self.fabricKey(topic.name.tenant, topic.name.fabric)] ?? options.defaultMessageTTL
            topic.applyRetention(ttlSeconds: ttl)
        }
    }

    // MARK: - Internals

    func fabricTopics(tenant: String, fabric: String) -> [Topic] {
        registry.withLock { r in
            r.topics.values.filter { $0.name.tenant == tenant && $0.name.fabric == fabric }
        }.sorted { $0.name.topic < $1.name.topic }
    }

    static func fabricKey(_ tenant: String, _ fabric: String) -> String { tenant + "\u{0}" + fabric }

    static func storedTTLs(_ storage: any StorageEngine) throws(C8Error) -> [String: Int] {
        var ttls: [String: Int] = [:]
        let range = KeyRange(prefix: [KeySpace.streams, StreamKeys.fabricSettings])
        let iterator = storage.makeIterator(range, reverse: false)
        while iterator.next() {
            let key = String(decoding: UnsafeBufferPointer(rebasing: iterator.key[2...]), as: UTF8.self)
            let value: JSON
            do { value = try BinaryJSON.decode(buffer: iterator.value) } catch { throw C8Error(error) }
            if let ttl = value["ttl"].intValue { ttls[key] = Int(ttl) }
        }
        return ttls
    }
}
