import C8Storage

/// How one subscription's individual acks above its mark-delete position
/// reach storage: one *ack record* per ack batch, listing the entries
/// acknowledged out of order since the previous one
/// (``StreamKeys/ackRecordKey(subscription:sequence:)``), deleted once the
/// mark-delete position has passed every entry in it.
///
/// On a Shared subscription nearly every ack is out of order. A key per
/// acked entry, deleted again when the mark-delete position passed it, was
/// two memtable inserts per consumed message — the largest storage cost of
/// consuming; now an ack batch writes one record (and deletes the records
/// it made obsolete) per subscription, with the cursor, atomically.
///
/// After a restart, the entries of the stored records above the stored
/// mark-delete position are exactly the individually acked ones: a record
/// is deleted only in a batch whose cursor covers all its entries.
struct AckRecordLog {
    /// Entries acked out of order since the last record was made.
    private var unrecorded: [UInt64] = []
    /// Records in storage, each with its highest entry: deleted once the
    /// mark-delete position reaches it.
    private var stored: [(sequence: UInt64, highest: UInt64)] = []
    private var nextSequence: UInt64 = 0

    /// `entry` was acked out of order.
    mutating func note(_ entry: UInt64) { unrecorded.append(entry) }

    /// A record read back from storage.
    mutating func loaded(sequence: UInt64, highest: UInt64) {
        stored.append((sequence, highest))
        nextSequence = max(nextSequence, sequence &+ 1)
    }

    /// The next record (of the entries noted since the last, those still
    /// above `markDelete`) and the deletion of every record `markDelete`
    /// has passed, added to `batch`.
    mutating func persist(subscription: UInt64, markDelete: UInt64, into batch: inout WriteBatch) {
        let entries = unrecorded.filter { $0 > markDelete }.sorted()
        unrecorded = []
        if let highest = entries.last {
            batch.put(StreamKeys.ackRecordKey(subscription: subscription, sequence: nextSequence), Self.encode(entries))
            stored.append((nextSequence, highest))
            nextSequence += 1
        }
        stored.removeAll { record in
            guard record.highest <= markDelete else { return false }
            batch.delete(StreamKeys.ackRecordKey(subscription: subscription, sequence: record.sequence))
            return true
        }
    }

    static func encode(_ entries: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 8)
        for entry in entries { StreamKeys.appendBigEndian(entry, to: &bytes) }
        return bytes
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        stride(from: 0, to: bytes.count - bytes.count % 8, by: 8).map { StreamKeys.readBigEndian(bytes, at: $0) }
    }
}
