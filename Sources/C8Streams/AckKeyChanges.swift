import C8Storage

/// The ack-key changes of one ack batch (``StreamKeys/ackKey(subscription:entry:)``),
/// with an ack key that is put and deleted within the batch left out.
///
/// On a Shared subscription nearly every ack comes out of order: its entry
/// gets an ack key, and the key is deleted again moments later when the
/// mark-delete position passes it. Written as they came, that was two
/// memtable inserts per message on top of the message's own — the largest
/// storage cost of consuming. A key is put at most once (only on an
/// entry's first ack), so a put and a delete in the same batch mean the
/// key never reached storage: neither is written. The batch still writes
/// the moved cursor, atomically with the rest, so nothing acked is lost.
struct AckKeyChanges {
    private struct Key: Hashable {
        let subscription: UInt64
        let entry: UInt64
    }

    private var puts: Set<Key> = []
    private var deletes: Set<Key> = []

    var isEmpty: Bool { puts.isEmpty && deletes.isEmpty }

    mutating func put(subscription: UInt64, entry: UInt64) {
        let key = Key(subscription: subscription, entry: entry)
        deletes.remove(key)
        puts.insert(key)
    }

    mutating func delete(subscription: UInt64, entry: UInt64) {
        let key = Key(subscription: subscription, entry: entry)
        if puts.remove(key) == nil { deletes.insert(key) }
    }

    /// Adds the changes to `batch` (one operation per key, so their order
    /// does not matter).
    func write(into batch: inout WriteBatch) {
        for key in deletes { batch.delete(StreamKeys.ackKey(subscription: key.subscription, entry: key.entry)) }
        for key in puts { batch.put(StreamKeys.ackKey(subscription: key.subscription, entry: key.entry), []) }
    }
}
