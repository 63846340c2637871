import C8Core
import C8Storage

/// Consumers, readers and producers coming and going, and what consumers
/// say back (acks, negative acks, permits).
extension Topic {
    // MARK: - Consumers

    /// Connects a consumer, creating the subscription on first use.
    /// - Throws: 404 when the stream was deleted; 409 when an exclusive
    ///   consumer holds the subscription, or its consumers are of another type.
    func subscribe(_ subscription: String, type: SubscriptionType, consumerName: String?, initialPosition: InitialPosition,
                   permits: Int, ackTimeout: UInt64?, channel: DeliveryChannel) throws(C8Error) -> (id: UInt64, name: String) {
        let now = options.clock.milliseconds()
        return try state.withLock { s throws(C8Error) -> (id: UInt64, name: String) in
            guard !s.deleted else { throw Topic.notFound(name) }
            let state: SubscriptionState
            if let existing = s.subscriptions[subscription] {
                if let current = existing.type, !existing.consumers.isEmpty {
                    if current != type {
                        throw C8Error(.httpConflict, "Subscription \(subscription) is of different type: \(current.rawValue)")
                    }
                    if type == .exclusive {
                        throw C8Error(.httpConflict, "Exclusive consumer is already connected to subscription \(subscription)")
                    }
                }
                state = existing
            } else if persistent {
                var batch = WriteBatch()
                let subscriptionId = ids.next(in: &batch)
                let markDelete = initialPosition == .latest ? s.lastEntry : s.firstEntry - 1
                state = SubscriptionState(name: subscription, id: subscriptionId, markDelete: markDelete)
                batch.put(StreamKeys.cursorKey(stream: id, subscription: subscription), state.cursorValue)
                try storage.write(batch, sync: options.syncWrites)
                s.subscriptions[subscription] = state
            } else {
                state = SubscriptionState(name: subscription, id: 0, markDelete: s.lastEntry)
                s.subscriptions[subscription] = state
            }
            let consumerId = s.connectionId()
            let slot = ConsumerSlot(
                id: consumerId, name: consumerName ?? "\(subscription)-\(consumerId)", channel: channel,
                permits: max(0, permits), ackTimeout: ackTimeout, connectedSince: now)
            state.consumers.append(slot)
            state.type = type
            if persistent { dispatch(state, &s, now: now) }
            return (consumerId, slot.name)
        }
    }

    /// Disconnects a consumer: what it had not acknowledged goes back to
    /// the subscription, for the remaining consumers (or the next one).
    func closeConsumer(_ consumer: UInt64, subscription: String) {
        let now = options.clock.milliseconds()
        state.withLock { s in
            guard let state = s.subscriptions[subscription],
                  let index = state.consumers.firstIndex(where: { $0.id == consumer }) else { return }
            let slot = state.consumers.remove(at: index)
            slot.channel.close()
            for (entry, pending) in state.pending where pending.consumer == consumer { state.requeue(entry) }
            if state.consumers.isEmpty {
                state.type = nil
                // A non-persistent subscription is nothing but its consumers.
                if !persistent { s.subscriptions[subscription] = nil }
            } else if persistent {
                if index < state.roundRobin { state.roundRobin -= 1 }
                state.roundRobin = state.roundRobin % state.consumers.count
                dispatch(state, &s, now: now)
            }
        }
    }

    /// The consumer could not process `entry`: it comes back (to any
    /// consumer the type allows) after the configured delay.
    func negativeAcknowledge(_ entry: UInt64, consumer: UInt64, subscription: String) {
        guard persistent else { return }
        let due = MonotonicTime.milliseconds() + options.negativeAckRedeliveryDelay.milliseconds
        state.withLock { s in
            guard let state = s.subscriptions[subscription], state.pending[entry]?.consumer == consumer else { return }
            state.pending[entry] = nil
            state.delayed.append((due, entry))
        }
    }

    func grantPermits(_ count: Int, consumer: UInt64, subscription: String) {
        guard count > 0 else { return }
        let now = options.clock.milliseconds()
        state.withLock { s in
            guard !s.deleted, let state = s.subscriptions[subscription], let slot = state.consumer(consumer) else { return }
            slot.permits += count
            if persistent { dispatch(state, &s, now: now) }
        }
    }

    // MARK: - Readers

    func openReader(start: ReaderStart, permits: Int, channel: DeliveryChannel, isInternal: Bool = false) throws(C8Error) -> UInt64 {
        let now = options.clock.milliseconds()
        return try state.withLock { s throws(C8Error) -> UInt64 in
            guard !s.deleted else { throw Topic.notFound(name) }
            let position: UInt64
            switch start {
            case .earliest: position = s.firstEntry
            case .latest: position = s.nextEntry
            case .message(let id): position = id.entry == .max ? id.entry : id.entry + 1
            }
            let readerId = s.connectionId()
            let slot = ReaderSlot(id: readerId, name: "reader-\(readerId)", channel: channel, permits: max(0, permits),
                                  position: position, connectedSince: now)
            slot.isInternal = isInternal
            s.readers[readerId] = slot
            if persistent { dispatch(slot, &s, now: now) }
            return readerId
        }
    }

    func closeReader(_ reader: UInt64) {
        state.withLock { s in s.readers.removeValue(forKey: reader)?.channel.close() }
    }

    func grantReaderPermits(_ count: Int, reader: UInt64) {
        guard count > 0 else { return }
        let now = options.clock.milliseconds()
        state.withLock { s in
            guard !s.deleted, let slot = s.readers[reader] else { return }
            slot.permits += count
            if persistent { dispatch(slot, &s, now: now) }
        }
    }

    // MARK: - Producers

    /// - Throws: 404 when the stream was deleted; 409 when a producer of
    ///   that name is connected already (Pulsar refuses it too).
    func addProducer(name producerName: String?, initialSequenceId: UInt64?, signal: CloseSignal,
                     generatedName: () -> String) throws(C8Error) -> (id: UInt64, name: String) {
        let now = options.clock.milliseconds()
        return try state.withLock { s throws(C8Error) -> (id: UInt64, name: String) in
            guard !s.deleted else { throw Topic.notFound(name) }
            let chosen = producerName ?? generatedName()
            if s.producers.values.contains(where: { $0.name == chosen }) {
                throw C8Error(.httpConflict, "Producer with name '\(chosen)' is already connected to stream \(name.topic)")
            }
            let producerId = s.connectionId()
            s.producers[producerId] = ProducerSlot(
                id: producerId, name: chosen, nextSequenceId: initialSequenceId.map { $0 &+ 1 }, connectedSince: now,
                closeSignal: signal)
            return (producerId, chosen)
        }
    }

    func removeProducer(_ producer: UInt64) {
        let signal = state.withLock { s in s.producers.removeValue(forKey: producer)?.closeSignal }
        signal?.fire()
    }
}
