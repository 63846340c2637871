import C8Core
import C8Storage
import Dispatch

/// Publishing with group commit.
///
/// One RocksDB write per message, under the stream's lock, made publishers
/// and acks take turns on the lock and paid a write-ahead-log append per
/// message. Now a publish takes the lock only to number its message and
/// queue it; one writer at a time takes everything queued and writes it
/// as one `WriteBatch` (one log append, one fsync with `syncWrites`)
/// outside the lock, then makes the group visible and answers its
/// publishers in entry order. Messages published while a write is in
/// flight go together in the next one.
///
/// Durability does not change: a publisher hears of its message id only
/// after the batch holding it is in storage. A failed write fails every
/// publish of its batch and every one queued behind it, and hands their
/// entry numbers out again — nothing of it was ever visible, and the log
/// keeps no gap.
extension Topic {
    /// What a publisher hears once its message is in storage (or failed).
    typealias PublishCompletion = @Sendable (Result<MessageID, C8Error>) -> Void

    /// Publishes one message and waits until it is in storage.
    /// - Parameters:
    ///   - producer: the connected producer sending it, or nil for a
    ///     one-shot publish named `producerName`.
    func publish(_ outgoing: OutgoingMessage, producer: UInt64?, producerName: String) throws(C8Error) -> MessageID {
        let waiter = PublishWaiter()
        if enqueue([(outgoing, waiter.completion)], producer: producer, producerName: producerName, whenAnswered: nil) {
            // No write was in flight: this caller writes the group itself —
            // a lone publisher pays no thread hop — and leaves whatever
            // queued meanwhile to a background writer.
            if commitGroup() { scheduleCommits() }
        }
        return try waiter.wait()
    }

    /// Publishes messages without waiting: each completion gets its
    /// message's id once it is in storage (or the error), on the writer's
    /// thread, in entry order with the other publishes of the stream. The
    /// messages of one call take consecutive entries, numbered under one
    /// turn of the stream's lock (a WebSocket producer hands over every
    /// frame of one read at once: a lock round per frame made the event
    /// loops and the writer take turns).
    ///
    /// `whenAnswered` runs once, after every completion of the batch has
    /// run (a WebSocket producer then sends the batch's receipts at once).
    func publish(_ batch: [(OutgoingMessage, PublishCompletion)], producer: UInt64?, producerName: String,
                 whenAnswered: (@Sendable () -> Void)? = nil) {
        guard !batch.isEmpty else {
            whenAnswered?()
            return
        }
        let now = DispatchTime.now().uptimeNanoseconds
        let previous = lastPublish.exchange(now, ordering: .relaxed)
        guard enqueue(batch, producer: producer, producerName: producerName, whenAnswered: whenAnswered) else { return }
        // In a burst (several frames at once, or the previous publish came
        // moments ago: more frames follow) the group is written on another
        // thread, so the caller — an event loop — goes on reading frames,
        // which join the next group. A lone message is written right here:
        // a thread hop per message cost more latency than it saved (p99 at
        // 10 k msgs/s went from ~1 ms to ~10 ms on 2 cores).
        if batch.count > 1 || now &- previous < Self.burstGap {
            scheduleCommits()
        } else if commitGroup() {
            scheduleCommits()
        }
    }

    /// Publishes closer together than this count as one burst.
    static let burstGap: UInt64 = 50_000

    private func scheduleCommits() {
        DispatchQueue.global().async { while self.commitGroup() {} }
    }

    /// Numbers the messages and queues them (non-persistent streams: hands
    /// them out at once); messages refused (too large, the stream or
    /// producer gone) are answered at once, outside the lock.
    /// `whenAnswered` goes with the last message queued, or runs here after
    /// the answers given at once when none was queued.
    /// - Returns: whether the caller must start the writer (none was running).
    private func enqueue(_ batch: [(OutgoingMessage, PublishCompletion)], producer: UInt64?,
                         producerName: String, whenAnswered: (@Sendable () -> Void)?) -> Bool {
        let now = options.clock.milliseconds()
        let maximumSize = options.maximumMessageSize
        let (start, immediate) = state.withLock { s -> (Bool, [(PublishCompletion, Result<MessageID, C8Error>)]) in
            var immediate: [(PublishCompletion, Result<MessageID, C8Error>)] = []
            var queued = false
            for (outgoing, completion) in batch {
                guard outgoing.payload.count <= maximumSize else {
                    immediate.append((completion, .failure(C8Error(
                        .resourceLimit, "a message payload may have at most \(maximumSize) bytes"))))
                    continue
                }
                switch enqueue(outgoing, producer: producer, producerName: producerName, completion: completion, &s, now: now) {
                case .queued: queued = true
                case .answered(let result): immediate.append((completion, result))
                }
            }
            if queued, whenAnswered != nil { s.queued[s.queued.count - 1].whenAnswered = whenAnswered }
            guard queued, !s.committing else { return (false, immediate) }
            s.committing = true
            return (true, immediate)
        }
        for (completion, result) in immediate { completion(result) }
        if immediate.count == batch.count { whenAnswered?() }
        return start
    }

    private enum Enqueued {
        case queued
        case answered(Result<MessageID, C8Error>)
    }

    /// One message of ``enqueue(_:producer:producerName:)``, under the lock.
    private func enqueue(_ outgoing: OutgoingMessage, producer: UInt64?, producerName: String,
                         completion: @escaping PublishCompletion, _ s: inout TopicState, now: UInt64) -> Enqueued {
        guard !s.deleted else { return .answered(.failure(Topic.notFound(name))) }
        var sender = producerName
        var sequenceId: UInt64?
        if let producer {
            guard let slot = s.producers[producer] else {
                return .answered(.failure(C8Error(.httpGone, "the producer is closed")))
            }
            sender = slot.name
            if let next = slot.nextSequenceId {
                sequenceId = next
                slot.nextSequenceId = next &+ 1
            }
        }
        let entry = s.nextAssigned
        let publishTime = max(now, s.lastPublishTime)
        let message = StreamMessage(
            id: MessageID(entry: entry), payload: outgoing.payload, key: outgoing.key, properties: outgoing.properties,
            producerName: sender, sequenceId: sequenceId ?? entry - 1, publishTime: publishTime,
            eventTime: outgoing.eventTime)
        s.nextAssigned = entry + 1
        s.lastPublishTime = publishTime
        guard persistent else {
            s.nextEntry = entry + 1
            record(message, producer: producer, &s, now: now)
            fanOut(message, &s, now: now)
            return .answered(.success(message.id))
        }
        s.queued.append(PendingPublish(message: message, producer: producer, producerSequence: sequenceId != nil,
                                       completion: completion))
        return .queued
    }

    /// Writes every queued message as one batch, then makes the group
    /// visible, dispatches it and answers its publishers in entry order.
    /// - Returns: whether more messages queued during the write (the caller
    ///   writes again); false when the queue was empty and the writer role
    ///   is given up.
    func commitGroup() -> Bool {
        commitLock.withLock { _ -> Bool in
            var group = state.withLock { s -> [PendingPublish] in
                defer { s.queued = [] }
                if s.queued.isEmpty { s.committing = false }
                return s.queued
            }
            guard let lastEntry = group.last?.id.entry else { return false }
            // The loops go through the group's buffer: `for pending in
            // group` — and, as profiles showed, even `group[index]` passed
            // on — copied each publish (five references retained and
            // released) per loop; a buffer element is borrowed in place.
            var batch = WriteBatch()
            var bytes = 0
            group.withUnsafeBufferPointer { pending in
                for index in pending.indices {
                    let key = StreamKeys.messageKey(stream: id, entry: pending[index].message.id.entry)
                    let record = MessageRecord.encode(pending[index].message)
                    bytes += key.count + record.count
                    batch.put(key, record)
                }
            }
            var failure: C8Error?
            do throws(C8Error) { try storage.write(batch, sync: options.syncWrites) } catch { failure = error }
            let now = options.clock.milliseconds()
            let (answers, more) = state.withLock { s -> ([PendingPublish], Bool) in
                if let failure {
                    return (fail(group, with: failure, &s), false)
                }
                group.withUnsafeMutableBufferPointer { pending in
                    for index in pending.indices {
                        record(bytes: pending[index].message.payload.count, producer: pending[index].producer, &s, now: now)
                        s.cache.insert(swapping: &pending[index].message)
                    }
                }
                s.storedBytes += bytes
                s.nextEntry = lastEntry + 1
                dispatchAll(&s, now: now)
                let more = !s.queued.isEmpty
                if !more { s.committing = false }
                return (group, more)
            }
            answers.withUnsafeBufferPointer { pending in
                for index in pending.indices {
                    // The closures alone: calling a method of the element copied it whole.
                    let completion = pending[index].completion
                    completion(failure.map { .failure($0) } ?? .success(pending[index].id))
                    if let whenAnswered = pending[index].whenAnswered { whenAnswered() }
                }
            }
            return more
        }
    }

    /// A failed group write: the group and everything queued behind it
    /// fail (their numbers are handed out again, so the log has no gap),
    /// and producers' own sequence numbering goes back to the first
    /// failed message of each.
    /// - Returns: the publishes to answer with the failure, in entry order.
    private func fail(_ group: [PendingPublish], with error: C8Error, _ s: inout TopicState) -> [PendingPublish] {
        let failed = group + s.queued
        s.queued = []
        s.committing = false
        s.nextAssigned = s.nextEntry
        var rolledBack = Set<UInt64>()
        for pending in failed where pending.producerSequence {
            guard let producer = pending.producer, rolledBack.insert(producer).inserted,
                  let slot = s.producers[producer] else { continue }
            slot.nextSequenceId = pending.message.sequenceId
        }
        return failed
    }

    /// Takes every queued publish out (the stream is being deleted or shut
    /// down): the caller fails them. Under `commitLock`, so no group is in
    /// flight.
    func dropQueued(_ s: inout TopicState) -> [PendingPublish] {
        defer { s.queued = [] }
        s.nextAssigned = s.nextEntry
        return s.queued
    }

    /// Rates in, for stats: counted once a message is in the log.
    private func record(_ message: StreamMessage, producer: UInt64?, _ s: inout TopicState, now: UInt64) {
        record(bytes: message.payload.count, producer: producer, &s, now: now)
    }

    private func record(bytes: Int, producer: UInt64?, _ s: inout TopicState, now: UInt64) {
        s.inMeter.record(bytes: bytes, now: now)
        if let producer { s.producers[producer]?.inMeter.record(bytes: bytes, now: now) }
    }
}
