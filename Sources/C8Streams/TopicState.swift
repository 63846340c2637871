import C8Storage

/// Everything one stream keeps in memory, guarded by the ``Topic``'s lock.
struct TopicState {
    /// One past the newest entry in storage, visible to everyone (entries
    /// start at 1). Entries from here to `nextAssigned` are queued for the
    /// next group write (``PendingPublish``) and seen by nobody yet.
    var nextEntry: UInt64 {
        didSet { if nextAssigned < nextEntry { nextAssigned = nextEntry } }
    }
    /// The number the next publish gets.
    var nextAssigned: UInt64 = 0
    /// Publishes waiting for the next group write, in entry order.
    var queued: [PendingPublish] = []
    /// Whether some thread is writing groups (it takes `queued` when done).
    var committing = false
    /// Subscriptions acked since the last ack batch (the batch; see
    /// Topic+AckBatch.swift): their cursor key is written with it, once, at
    /// its newest value, with a record of their acks out of order.
    var dirtyCursors: Set<String> = []
    /// Whether an ack-batch write is scheduled and has not taken the batch yet.
    var cursorFlushScheduled = false
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

    init(nextEntry: UInt64, firstEntry: UInt64, lastPublishTime: UInt64, storedBytes: Int, cache: TailCache) {
        self.nextEntry = nextEntry
        nextAssigned = nextEntry
        self.firstEntry = firstEntry
        self.lastPublishTime = lastPublishTime
        self.storedBytes = storedBytes
        self.cache = cache
    }

    /// The newest entry (0 when nothing was ever published).
    var lastEntry: UInt64 { nextEntry - 1 }

    var hasConnections: Bool {
        !producers.isEmpty || readers.values.contains { !$0.isInternal } || subscriptions.values.contains { !$0.consumers.isEmpty }
    }

    mutating func connectionId() -> UInt64 {
        nextConnectionId += 1
        return nextConnectionId
    }
}
