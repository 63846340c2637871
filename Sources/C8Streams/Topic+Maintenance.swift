import C8Core
import C8Storage

/// Timers (negative-ack delays, ack timeouts), expiry, retention and the
/// administrative changes of a stream.
extension Topic {
    // MARK: - Timers

    /// Brings back negatively acknowledged entries whose delay is over and
    /// unacknowledged deliveries past their consumer's ack timeout.
    func tick(monotonic now: UInt64) {
        guard persistent else { return }
        let clockNow = options.clock.milliseconds()
        state.withLock { s in
            guard !s.deleted else { return }
            for subscription in s.subscriptions.values {
                var changed = false
                if !subscription.delayed.isEmpty {
                    let due = subscription.delayed.filter { $0.due <= now }
                    if !due.isEmpty {
                        subscription.delayed.removeAll { $0.due <= now }
                        for item in due where !subscription.isAcked(item.entry) && subscription.pending[item.entry] == nil {
                            subscription.redeliveries[item.entry, default: 0] += 1
                            subscription.insertReplay(item.entry)
                            changed = true
                        }
                    }
                }
                for consumer in subscription.consumers where consumer.ackTimeout != nil {
                    while consumer.deadlineStart < consumer.deadlines.count,
                          consumer.deadlines[consumer.deadlineStart].deadline <= now {
                        let expired = consumer.deadlines[consumer.deadlineStart]
                        consumer.deadlineStart += 1
                        if subscription.pending[expired.entry]?.token == expired.token {
                            subscription.requeue(expired.entry)
                            changed = true
                        }
                    }
                    if consumer.deadlineStart > 256, consumer.deadlineStart * 2 > consumer.deadlines.count {
                        consumer.deadlines.removeFirst(consumer.deadlineStart)
                        consumer.deadlineStart = 0
                    }
                }
                if changed, !subscription.consumers.isEmpty { dispatch(subscription, &s, now: clockNow) }
            }
        }
    }

    // MARK: - Expiry and retention

    /// The fabric's message TTL, then retention: messages older than
    /// `ttlSeconds` count as acknowledged by every subscription (and, on a
    /// stream without subscriptions, are deleted); messages every
    /// subscription has acknowledged are deleted from the log.
    func applyRetention(ttlSeconds: Int) {
        guard persistent else { return }
        let now = options.clock.milliseconds()
        cursorLock.withLock { _ in state.withLock { s in
            guard !s.deleted else { return }
            writeAckBatch(&s)
            var trimThrough: UInt64 = 0
            if ttlSeconds > 0, let expired = lastEntry(publishedBefore: now, minus: ttlSeconds, s) {
                if s.subscriptions.isEmpty {
                    trimThrough = expired
                } else {
                    for subscription in s.subscriptions.values { expire(subscription, through: expired, s, now: now) }
                }
            }
            trim(through: max(trimThrough, acknowledgedByAll(s)), &s)
        } }
    }

    /// `expiry`: messages older than `seconds` count as acknowledged by
    /// every subscription; then retention deletes what nobody needs.
    func expireMessages(olderThanSeconds seconds: Int) throws(C8Error) {
        guard persistent else { return }
        let now = options.clock.milliseconds()
        try cursorLock.withLock { _ throws(C8Error) in try state.withLock { s throws(C8Error) in
            guard !s.deleted else { throw Topic.notFound(name) }
            writeAckBatch(&s)
            if let expired = lastEntry(publishedBefore: now, minus: seconds, s) {
                for subscription in s.subscriptions.values { expire(subscription, through: expired, s, now: now) }
            }
            trim(through: acknowledgedByAll(s), &s)
        } }
    }

    /// Marks everything published so far as acknowledged, for one
    /// subscription or (nil) all of them.
    func clearBacklog(subscription name: String?) {
        guard persistent else { return }
        cursorLock.withLock { _ in state.withLock { s in
            guard !s.deleted else { return }
            writeAckBatch(&s)
            for subscription in s.subscriptions.values where name == nil || subscription.name == name {
                let batch = subscription.acknowledge(through: s.lastEntry, stream: id)
                if !batch.isEmpty { try? storage.write(batch, sync: options.syncWrites) }
            }
            trim(through: acknowledgedByAll(s), &s)
        } }
    }

    private func expire(_ subscription: SubscriptionState, through entry: UInt64, _ s: borrowing TopicState, now: UInt64) {
        guard entry > subscription.markDelete else { return }
        let before = subscription.backlog(last: s.lastEntry)
        let batch = subscription.acknowledge(through: entry, stream: id)
        subscription.expiredMeter.record(messages: before - subscription.backlog(last: s.lastEntry), bytes: 0, now: now)
        if !batch.isEmpty { try? storage.write(batch, sync: options.syncWrites) }
    }

    /// The highest entry every subscription has acknowledged; 0 when there
    /// is no subscription (then only the TTL removes messages, so readers
    /// can still replay them).
    private func acknowledgedByAll(_ s: borrowing TopicState) -> UInt64 {
        s.subscriptions.values.map(\.markDelete).min() ?? 0
    }

    /// The newest entry published before `now - seconds`, if any. Publish
    /// times never decrease along the log, so the scan stops at the first
    /// younger message.
    private func lastEntry(publishedBefore now: UInt64, minus seconds: Int, _ s: borrowing TopicState) -> UInt64? {
        let age = UInt64(max(0, seconds)) * 1000
        guard now > age, s.firstEntry < s.nextEntry else { return nil }
        let cutoff = now - age
        var found: UInt64?
        storage.scan(StreamKeys.messages(of: id, from: s.firstEntry, through: s.lastEntry)) { key, value in
            guard let published = MessageRecord.publishTime(value), published <= cutoff else { return false }
            found = StreamKeys.entry(ofMessageKey: key)
            return true
        }
        return found
    }

    /// Deletes entries up to `entry` from the log in one range delete, and
    /// records how far it went (the next entry number must survive an
    /// empty log).
    private func trim(through entry: UInt64, _ s: inout TopicState) {
        let last = min(entry, s.lastEntry)
        guard last >= s.firstEntry else { return }
        let range = StreamKeys.messages(of: id, from: s.firstEntry, through: last)
        var bytes = 0
        storage.scan(range) { key, value in
            bytes += key.count + value.count
            return true
        }
        var batch = WriteBatch()
        batch.deleteRange(range)
        batch.put(StreamKeys.trimmedKey(stream: id), StreamKeys.encodeNumber(last))
        do { try storage.write(batch, sync: options.syncWrites) } catch { return }
        s.firstEntry = last + 1
        s.storedBytes = max(0, s.storedBytes - bytes)
        s.cache.evict(below: s.firstEntry)
    }

    // MARK: - Subscriptions and the stream itself

    var subscriptionNames: [String] {
        state.withLock { s in s.subscriptions.keys.sorted() }
    }

    func backlogs() -> [String: Int] {
        state.withLock { s in
            var result: [String: Int] = [:]
            for (name, subscription) in s.subscriptions {
                result[name] = persistent ? subscription.backlog(last: s.lastEntry) : 0
            }
            return result
        }
    }

    func hasConsumers(subscription: String) -> Bool {
        state.withLock { s in !(s.subscriptions[subscription]?.consumers.isEmpty ?? true) }
    }

    /// Removes a subscription and its cursor.
    /// - Throws: 404 when there is no such subscription; 412 while
    ///   consumers are connected, unless `force` (which disconnects them).
    func deleteSubscription(_ name: String, force: Bool) throws(C8Error) {
        try cursorLock.withLock { _ throws(C8Error) in try state.withLock { s throws(C8Error) in
            guard let subscription = s.subscriptions[name] else {
                throw C8Error(.httpNotFound, "subscription \(name) not found on stream \(self.name.topic)")
            }
            if !subscription.consumers.isEmpty && !force {
                throw C8Error(.httpPreconditionFailed, "subscription \(name) has connected consumers")
            }
            for consumer in subscription.consumers { consumer.channel.close() }
            subscription.consumers = []
            if persistent {
                // Its pending acks first: written after the delete they
                // would bring the cursor back.
                writeAckBatch(&s)
                var batch = WriteBatch()
                batch.delete(StreamKeys.cursorKey(stream: id, subscription: name))
                StreamKeys.deleteAcks(of: subscription.id, in: &batch)
                try storage.write(batch, sync: options.syncWrites)
            }
            s.subscriptions[name] = nil
        } }
    }

    /// Deletes the stream: its log, cursors and catalog entry.
    /// - Throws: 412 while producers, consumers or readers are connected,
    ///   unless `force` (which disconnects them).
    func destroy(force: Bool) throws(C8Error) {
        // Under commitLock: no group write is in flight, so none can land
        // after the range delete and leave orphans.
        let (signals, dropped) = try commitLock.withLock { _ throws(C8Error) -> ([CloseSignal], [PendingPublish]) in
            try cursorLock.withLock { _ throws(C8Error) -> ([CloseSignal], [PendingPublish]) in
                try state.withLock { s throws(C8Error) -> ([CloseSignal], [PendingPublish]) in
                    guard !s.deleted else { throw Topic.notFound(name) }
                    if s.hasConnections && !force {
                        throw C8Error(.httpPreconditionFailed, "stream \(name.topic) has connected producers, consumers or readers")
                    }
                    if persistent {
                        var batch = takeAckBatch(&s)
                        batch.delete(StreamKeys.streamKey(tenant: name.tenant, fabric: name.fabric, topic: name.topic))
                        batch.deleteRange(StreamKeys.messages(of: id))
                        batch.deleteRange(StreamKeys.cursors(of: id))
                        for subscription in s.subscriptions.values { StreamKeys.deleteAcks(of: subscription.id, in: &batch) }
                        batch.delete(StreamKeys.trimmedKey(stream: id))
                        try storage.write(batch, sync: true)
                    }
                    return (disconnectAll(&s), dropQueued(&s))
                }
            }
        }
        for pending in dropped { pending.answer(.failure(Topic.notFound(name))) }
        for signal in signals { signal.fire() }
    }

    /// Disconnects everyone and makes the stream unusable (service
    /// shutdown), after the write in flight and the pending acks are in
    /// storage; publishes still queued fail (their publishers had no
    /// receipt).
    func shutDown() {
        let (signals, dropped) = commitLock.withLock { _ -> ([CloseSignal], [PendingPublish]) in
            cursorLock.withLock { _ -> ([CloseSignal], [PendingPublish]) in
                state.withLock { s -> ([CloseSignal], [PendingPublish]) in
                    if persistent { writeAckBatch(&s) }
                    return (disconnectAll(&s), dropQueued(&s))
                }
            }
        }
        let closing = C8Error(.httpGone, "the stream service is closing")
        for pending in dropped { pending.answer(.failure(closing)) }
        for signal in signals { signal.fire() }
    }

    private func disconnectAll(_ s: inout TopicState) -> [CloseSignal] {
        s.deleted = true
        for subscription in s.subscriptions.values {
            for consumer in subscription.consumers { consumer.channel.close() }
            subscription.consumers = []
            subscription.type = nil
        }
        for reader in s.readers.values { reader.channel.close() }
        s.readers = [:]
        let signals = s.producers.values.map(\.closeSignal)
        s.producers = [:]
        s.cache.removeAll()
        return signals
    }
}
