import C8Core
import C8Engine
import C8Storage
import Synchronization

/// One stream: its log (persistent: in storage, with a tail in memory;
/// non-persistent: nothing kept), its subscriptions, readers and producers.
///
/// All of it sits behind one lock, but storage is written outside it:
/// publishing numbers a message under the lock and queues it; one writer
/// at a time puts everything queued into one `WriteBatch` (group commit,
/// Topic+GroupCommit.swift), then, under the lock again, makes the group
/// visible and hands each message to the consumers due to receive it —
/// pushing it onto their ``DeliveryChannel``s, which call `deliver` later
/// on their own queues — so one stream's messages are ordered and no
/// callback ever runs under the lock. Acks are applied at once and
/// written in batches (Topic+AckBatch.swift).
final class Topic: Sendable {
    let name: StreamName
    /// Storage id of the log (0 for non-persistent streams).
    let id: UInt64
    let persistent: Bool
    let storage: any StorageEngine
    let options: StreamServiceOptions
    let ids: IdAllocator
    let state: Mutex<TopicState>
    /// Held by whoever writes a group of publishes (outside `state`), so
    /// one group is written at a time, in entry order, and delete and
    /// shutdown wait for a write in flight. Order: `commitLock`, then
    /// `cursorLock`, then `state`.
    let commitLock = Mutex<Void>(())
    /// Held by whoever writes cursors and ack keys, so those writes reach
    /// storage in the order they were made in memory (an older cursor
    /// value never overwrites a newer one).
    let cursorLock = Mutex<Void>(())
    /// When the last non-blocking publish started (uptime ns), to tell a
    /// burst of frames from a lone message (Topic+GroupCommit.swift).
    let lastPublish = Atomic<UInt64>(0)

    private init(name: StreamName, id: UInt64, persistent: Bool, storage: any StorageEngine,
                 options: StreamServiceOptions, ids: IdAllocator, state: sending TopicState) {
        self.name = name
        self.id = id
        self.persistent = persistent
        self.storage = storage
        self.options = options
        self.ids = ids
        self.state = Mutex(state)
    }

    /// A stream that has never held a message.
    static func new(name: StreamName, id: UInt64, persistent: Bool, storage: any StorageEngine,
                    options: StreamServiceOptions, ids: IdAllocator) -> Topic {
        Topic(name: name, id: id, persistent: persistent, storage: storage, options: options, ids: ids,
              state: TopicState(nextEntry: 1, firstEntry: 1, lastPublishTime: 0, storedBytes: 0,
                                cache: TailCache(capacity: options.tailCacheSize)))
    }

    /// A persistent stream as storage has it: the bounds of its log and its
    /// subscriptions' cursors.
    static func load(name: StreamName, id: UInt64, storage: any StorageEngine,
                     options: StreamServiceOptions, ids: IdAllocator) throws(C8Error) -> Topic {
        let log = StreamKeys.messages(of: id)
        var first: UInt64?
        var last: UInt64?
        var lastPublishTime: UInt64 = 0
        let forward = storage.makeIterator(log, reverse: false)
        if forward.next() { first = StreamKeys.entry(ofMessageKey: forward.key) }
        let backward = storage.makeIterator(log, reverse: true)
        if backward.next() {
            last = StreamKeys.entry(ofMessageKey: backward.key)
            lastPublishTime = MessageRecord.publishTime(backward.value) ?? 0
        }
        let trimmed = try storage.get(StreamKeys.trimmedKey(stream: id)).map { StreamKeys.readBigEndian($0, at: 0) } ?? 0
        let nextEntry = max(last ?? 0, trimmed) + 1
        var state = TopicState(
            nextEntry: nextEntry, firstEntry: first ?? nextEntry, lastPublishTime: lastPublishTime,
            storedBytes: storage.approximateSize(log), cache: TailCache(capacity: options.tailCacheSize))

        var cursors: [(String, JSON)] = []
        let iterator = storage.makeIterator(StreamKeys.cursors(of: id), reverse: false)
        let prefixLength = StreamKeys.cursors(of: id).lowerBound.count
        while iterator.next() {
            let subscription = String(decoding: UnsafeBufferPointer(rebasing: iterator.key[prefixLength...]), as: UTF8.self)
            let value: JSON
            do { value = try BinaryJSON.decode(buffer: iterator.value) } catch { throw C8Error(error) }
            cursors.append((subscription, value))
        }
        for (subscription, value) in cursors {
            guard let subscriptionId = value["id"].intValue, let markDelete = value["markDelete"].intValue else {
                throw C8Error(.internalError, "corrupt cursor of subscription \(subscription) on \(name)")
            }
            let loaded = SubscriptionState(name: subscription, id: UInt64(subscriptionId), markDelete: UInt64(markDelete))
            try loadAcks(of: loaded, storage: storage, sync: options.syncWrites)
            state.subscriptions[subscription] = loaded
        }
        return Topic(name: name, id: id, persistent: true, storage: storage, options: options, ids: ids, state: state)
    }

    /// The entries a subscription acknowledged individually, from its ack
    /// records; ack keys of data dirs from before ack records are folded
    /// into one record here (and deleted), in one write.
    private static func loadAcks(of subscription: SubscriptionState, storage: any StorageEngine,
                                 sync: Bool) throws(C8Error) {
        let markDelete = subscription.markDelete
        let records = storage.makeIterator(StreamKeys.ackRecords(of: subscription.id), reverse: false)
        while records.next() {
            let entries = AckRecordLog.decode(records.value)
            subscription.ackLog.loaded(sequence: StreamKeys.entry(ofMessageKey: records.key), highest: entries.max() ?? 0)
            for entry in entries where entry > markDelete { subscription.acked.insert(entry) }
        }
        var legacy: [UInt64] = []
        let keys = storage.makeIterator(StreamKeys.acks(of: subscription.id), reverse: false)
        while keys.next() { legacy.append(StreamKeys.entry(ofMessageKey: keys.key)) }
        guard !legacy.isEmpty else { return }
        for entry in legacy where entry > markDelete {
            if subscription.acked.insert(entry).inserted { subscription.ackLog.note(entry) }
        }
        var batch = WriteBatch()
        batch.deleteRange(StreamKeys.acks(of: subscription.id))
        subscription.ackLog.persist(subscription: subscription.id, markDelete: markDelete, into: &batch)
        try storage.write(batch, sync: sync)
    }

    var info: StreamInfo { StreamInfo(name: name, persistent: persistent) }

    static func notFound(_ name: StreamName) -> C8Error {
        C8Error(.httpNotFound, "stream \(name.topic) not found")
    }

    /// Entry `entry` of the log: from the tail cache, else from storage;
    /// nil once trimmed.
    func message(_ entry: UInt64, _ s: borrowing TopicState) -> StreamMessage? {
        if let cached = s.cache[entry] { return cached }
        guard persistent, let bytes = try? storage.get(StreamKeys.messageKey(stream: id, entry: entry)) else { return nil }
        return try? MessageRecord.decode(bytes, entry: entry)
    }
}
