import C8Core
import C8Storage

/// One subscription of a stream: its durable cursor and the bookkeeping
/// of deliveries. Lives inside the stream's lock.
///
/// The cursor is Pulsar's: a mark-delete position (every entry up to it is
/// acknowledged) plus the entries above it acknowledged individually.
/// Both are persisted (``StreamKeys``), so after a restart delivery
/// resumes right after the mark-delete position and skips the individually
/// acknowledged entries: nothing acknowledged comes again, nothing
/// unacknowledged is lost.
final class SubscriptionState {
    struct Pending {
        var consumer: UInt64
        /// Tells this delivery from a later one of the same entry (ack timeouts).
        var token: UInt64
    }

    let name: String
    /// Storage id of the cursor (0 for non-persistent streams).
    let id: UInt64
    /// The type of the consumers connected now; nil when none is.
    var type: SubscriptionType?
    /// In connect order: the first is the active one of Exclusive/Failover.
    var consumers: [ConsumerSlot] = []
    var markDelete: UInt64
    /// Entries above `markDelete` acknowledged individually.
    var acked: Set<UInt64> = []
    /// How `acked` reaches storage.
    var ackLog = AckRecordLog()
    /// The next entry never delivered since the service started.
    var readPosition: UInt64
    var pending: [UInt64: Pending] = [:]
    /// Entries to deliver again, ascending; served before new ones.
    var replay: [UInt64] = []
    var redeliveries: [UInt64: Int] = [:]
    /// Negatively acknowledged entries and when they come back (monotonic ms).
    var delayed: [(due: UInt64, entry: UInt64)] = []
    var roundRobin = 0
    var nextToken: UInt64 = 0
    var outMeter = RateMeter()
    var redeliverMeter = RateMeter()
    var expiredMeter = RateMeter()
    /// Non-persistent streams: messages dropped for want of a consumer with permits.
    var dropped = 0

    init(name: String, id: UInt64, markDelete: UInt64) {
        self.name = name
        self.id = id
        self.markDelete = markDelete
        readPosition = markDelete + 1
    }

    func isAcked(_ entry: UInt64) -> Bool { entry <= markDelete || acked.contains(entry) }

    /// Unacknowledged entries up to `last` (the stream's newest).
    func backlog(last: UInt64) -> Int {
        last > markDelete ? Int(last - markDelete) - acked.count : 0
    }

    func consumer(_ id: UInt64) -> ConsumerSlot? { consumers.first { $0.id == id } }

    func unacked(by consumer: UInt64) -> Int { pending.values.count { $0.consumer == consumer } }

    /// Queues `entry` for redelivery, counting the delivery it replaces.
    func requeue(_ entry: UInt64) {
        pending[entry] = nil
        redeliveries[entry, default: 0] += 1
        insertReplay(entry)
    }

    func insertReplay(_ entry: UInt64) {
        let index = replay.partitioningIndex { $0 >= entry }
        if index < replay.count, replay[index] == entry { return }
        replay.insert(entry, at: index)
    }

    func removeReplay(_ entry: UInt64) {
        let index = replay.partitioningIndex { $0 >= entry }
        if index < replay.count, replay[index] == entry { replay.remove(at: index) }
    }

    // MARK: - Acknowledgement

    /// Acknowledges one entry (nothing when it was acknowledged already).
    /// - Returns: whether anything changed — then the subscription's acks
    ///   go into the next ack batch (``persistAcks(stream:into:)``).
    func acknowledge(_ entry: UInt64, last: UInt64) -> Bool {
        guard entry > markDelete, entry <= last, !acked.contains(entry) else { return false }
        forget(entry)
        if entry == markDelete + 1 {
            markDelete = entry
            absorbAcked()
        } else {
            acked.insert(entry)
            ackLog.note(entry)
        }
        return true
    }

    /// Acknowledges every entry up to `entry` (clear backlog, expiry);
    /// returns the storage changes.
    func acknowledge(through entry: UInt64, stream: UInt64) -> WriteBatch {
        var batch = WriteBatch()
        if acknowledge(through: entry) { persistAcks(stream: stream, into: &batch) }
        return batch
    }

    /// Acknowledges every entry up to `entry` (cumulative ack).
    /// - Returns: whether the mark-delete position moved (the acks go into
    ///   the next ack batch).
    func acknowledge(through entry: UInt64) -> Bool {
        guard entry > markDelete else { return false }
        acked = acked.filter { $0 > entry }
        pending = pending.filter { $0.key > entry }
        replay.removeAll { $0 <= entry }
        redeliveries = redeliveries.filter { $0.key > entry }
        delayed.removeAll { $0.entry <= entry }
        markDelete = entry
        readPosition = max(readPosition, entry + 1)
        absorbAcked()
        return true
    }

    /// The storage changes that persist the acks since the last call: the
    /// cursor at its current mark-delete position, an ack record of the
    /// entries acked out of order meanwhile, and the deletion of the ack
    /// records the position has passed — one atomic batch.
    func persistAcks(stream: UInt64, into batch: inout WriteBatch) {
        ackLog.persist(subscription: id, markDelete: markDelete, into: &batch)
        batch.put(StreamKeys.cursorKey(stream: stream, subscription: name), cursorValue)
    }

    /// What the cursor key holds.
    var cursorValue: [UInt8] {
        BinaryJSON.encode(["id": .int(Int64(id)), "markDelete": .int(Int64(markDelete))])
    }

    private func forget(_ entry: UInt64) {
        pending[entry] = nil
        removeReplay(entry)
        redeliveries[entry] = nil
    }

    /// Moves the mark-delete position over individually acked entries
    /// that now follow it (their ack records go once it has passed all of
    /// a record's entries).
    private func absorbAcked() {
        while acked.remove(markDelete + 1) != nil {
            markDelete += 1
        }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate
    /// that is false, then true, along the array (binary search).
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
