/// Everything one stream keeps in memory, guarded by the ``Topic``'s lock.
struct TopicState {
    /// The number the next message gets (entries start at 1).
    var nextEntry: UInt64
    /// The oldest entry still in the log (`nextEntry` when it is empty).
    var firstEntry: UInt64
    /// Publish times never decrease along a stream, so the log is ordered
    /// by time too and TTL expiry stops at the first young message.
    var lastPublishTime: UInt64
    /// Bytes of the log in storage (keys and values), for stats.
    var storedBytes: Int
    var cache: TailCache
    var subscriptions: [String: SubscriptionState] = [:]
    var readers: [UInt64: ReaderSlot] = [:]
    var producers: [UInt64: ProducerSlot] = [:]
    var inMeter = RateMeter()
    var nextConnectionId: UInt64 = 0
    /// Set by delete: every later call fails with 404.
    var deleted = false

    /// The newest entry (0 when nothing was ever published).
    var lastEntry: UInt64 { nextEntry - 1 }

    var hasConnections: Bool {
        !producers.isEmpty || !readers.isEmpty || subscriptions.values.contains { !$0.consumers.isEmpty }
    }

    mutating func connectionId() -> UInt64 {
        nextConnectionId += 1
        return nextConnectionId
    }
}
