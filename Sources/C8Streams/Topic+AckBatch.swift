import C8Core
import C8Storage
import Dispatch

/// Acks in batches.
///
/// Writing each ack's cursor under the stream's lock cost a storage write
/// per message and stalled publishers meanwhile. Now an ack is applied in
/// memory at once (so it is never delivered again while the service runs)
/// and its storage changes join the stream's *ack batch*; the batch is
/// written `ackBatchDelay` after its first ack, outside the lock, one writer
/// at a time. Acks that arrive meanwhile — the rest of a read burst, the
/// other consumers' acks — go into it. A subscription's cursor key is
/// written once per batch, at its newest mark-delete position, and an ack
/// key put and deleted within the batch is not written at all
/// (``AckKeyChanges``).
///
/// What holds after a restart: an ack whose batch was written is never
/// redelivered; an ack whose batch had not been written when the process
/// died may be (at-least-once; the window is the delay plus one write). Closing the service writes the batch, so a
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
                let moved = state.acknowledge(entry, last: s.lastEntry, keys: &s.ackKeys)
                if moved { s.dirtyCursors.insert(subscription) }
            }
            return scheduleFlush(&s)
        }
        if schedule { scheduleFlushWrite() }
    }

    func acknowledgeCumulative(_ entry: UInt64, subscription: String) {
        guard persistent else { return }
        let schedule = state.withLock { s -> Bool in
            guard !s.deleted, let state = s.subscriptions[subscription] else { return false }
            if state.acknowledge(through: min(entry, s.lastEntry), keys: &s.ackKeys) { s.dirtyCursors.insert(subscription) }
            return scheduleFlush(&s)
        }
        if schedule { scheduleFlushWrite() }
    }

    /// Writes the ack batch once `ackBatchDelay` has passed, so the acks of
    /// that window share one write — and acks out of order that the
    /// mark-delete position passes within it cost none (``AckKeyChanges``).
    private func scheduleFlushWrite() {
        let (seconds, attoseconds) = options.ackBatchDelay.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        guard nanoseconds > 0 else {
            DispatchQueue.global().async { self.flushCursors() }
            return
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { self.flushCursors() }
    }

    /// Whether the caller must schedule a writer for the ack batch.
    private func scheduleFlush(_ s: inout TopicState) -> Bool {
        guard !s.cursorFlushScheduled, !s.ackKeys.isEmpty || !s.dirtyCursors.isEmpty else { return false }
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

    /// Empties the ack batch: its ack-key changes, then each moved cursor
    /// at its current value.
    func takeAckBatch(_ s: inout TopicState) -> WriteBatch {
        var batch = WriteBatch()
        s.ackKeys.write(into: &batch)
        s.ackKeys = AckKeyChanges()
        for name in s.dirtyCursors {
            guard let subscription = s.subscriptions[name] else { continue }
            batch.put(StreamKeys.cursorKey(stream: id, subscription: name), subscription.cursorValue)
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
