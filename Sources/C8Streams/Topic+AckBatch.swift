import C8Core
import C8Storage
import Dispatch

/// Acks in batches.
///
/// Writing each ack's cursor under the stream's lock cost a storage write
/// per message and stalled publishers meanwhile. Now an ack is applied in
/// memory at once (so it is never delivered again while the service runs)
/// and its storage changes join the stream's *ack batch*; one writer at a
/// time takes the batch and writes it outside the lock. Acks that arrive
/// while a batch is being written — the rest of a read burst, the other
/// consumers' acks — go into the next one. A subscription's cursor key is
/// written once per batch, at its newest mark-delete position, with one
/// record of the batch's acks out of order (``AckRecordLog``).
///
/// What holds after a restart: an ack whose batch was written is never
/// redelivered; an ack whose batch had not been written when the process
/// died may be (at-least-once). Closing the service writes the batch, so a
/// clean restart loses no ack. Every other cursor write (subscribe,
/// expiry, clear backlog, delete) first writes the pending batch, under
/// `cursorLock`, so cursor values reach storage in the order they were made.
extension Topic {
    /// Acknowledges entries individually, under one turn of the lock (a
    /// consumer's socket hands over the acks of one read at once).
    func acknowledge(_ entries: some Sequence<UInt64>, subscription: String) {
        guard persistent else { return }
        let schedule = state.withLock { s -> Bool in
            guard !s.deleted, let state = s.subscriptions[subscription] else { return false }
            for entry in entries {
                let changed = state.acknowledge(entry, last: s.lastEntry)
                if changed { s.dirtyCursors.insert(subscription) }
            }
            return scheduleFlush(&s)
        }
        if schedule { DispatchQueue.global().async { self.flushCursors() } }
    }

    func acknowledgeCumulative(_ entry: UInt64, subscription: String) {
        guard persistent else { return }
        let schedule = state.withLock { s -> Bool in
            guard !s.deleted, let state = s.subscriptions[subscription] else { return false }
            if state.acknowledge(through: min(entry, s.lastEntry)) { s.dirtyCursors.insert(subscription) }
            return scheduleFlush(&s)
        }
        if schedule { DispatchQueue.global().async { self.flushCursors() } }
    }

    /// Whether the caller must schedule a writer for the ack batch.
    private func scheduleFlush(_ s: inout TopicState) -> Bool {
        guard !s.cursorFlushScheduled, !s.dirtyCursors.isEmpty else { return false }
        s.cursorFlushScheduled = true
        return true
    }

    /// Writes the ack batch as it stands. An ack batch that fails to write
    /// only risks redeliveries after a restart (at-least-once), never a loss.
    func flushCursors() {
        cursorLock.withLock { _ in
            let batch = state.withLock { s -> WriteBatch in
                s.cursorFlushScheduled = false
                return takeAckBatch(&s)
            }
            if !batch.isEmpty { try? storage.write(batch, sync: options.syncWrites) }
        }
    }

    /// Empties the ack batch: for each subscription acked since the last,
    /// its cursor at its current value and its ack record
    /// (``SubscriptionState/persistAcks(stream:into:)``).
    func takeAckBatch(_ s: inout TopicState) -> WriteBatch {
        var batch = WriteBatch()
        for name in s.dirtyCursors {
            s.subscriptions[name]?.persistAcks(stream: id, into: &batch)
        }
        s.dirtyCursors = []
        return batch
    }

    /// For writers of cursors outside the ack batch: call under
    /// `cursorLock` and the state lock, before writing — the pending acks
    /// reach storage first, so nothing older lands after something newer.
    func writeAckBatch(_ s: inout TopicState) {
        let batch = takeAckBatch(&s)
        if !batch.isEmpty { try? storage.write(batch, sync: options.syncWrites) }
    }
}
