/// Who receives what: the rules of the subscription types, flow control
/// by permits, redelivery before new messages. Everything here runs under
/// the topic's lock and only *pushes* onto delivery channels.
extension Topic {
    /// How far a Key_Shared pass looks past messages whose consumer has no
    /// permits (they wait in the replay list) before it gives up for now.
    static let keySharedSkipLimit = 1000

    enum Choice {
        case deliver(ConsumerSlot)
        /// This message's consumer has no permits, others do (Key_Shared).
        case skip
        /// Nobody can take anything now.
        case stop
    }

    /// Gives every subscription and reader what its permits allow.
    func dispatchAll(_ s: inout TopicState, now: UInt64) {
        for subscription in s.subscriptions.values where !subscription.consumers.isEmpty {
            dispatch(subscription, &s, now: now)
        }
        for reader in s.readers.values where reader.permits > 0 {
            dispatch(reader, &s, now: now)
        }
    }

    /// The consumer `message` goes to under the subscription's type.
    func choose(for message: StreamMessage, in subscription: SubscriptionState) -> Choice {
        let consumers = subscription.consumers
        guard let type = subscription.type, !consumers.isEmpty else { return .stop }
        switch type {
        case .exclusive, .failover:
            // The first connected consumer is the active one.
            return consumers[0].permits > 0 ? .deliver(consumers[0]) : .stop
        case .shared:
            let count = consumers.count
            for step in 0..<count {
                let index = (subscription.roundRobin + step) % count
                if consumers[index].permits > 0 {
                    subscription.roundRobin = (index + 1) % count
                    return .deliver(consumers[index])
                }
            }
            return .stop
        case .keyShared:
            let owner = consumers[StickyKeyHash.consumerIndex(for: message.key, consumers: consumers.count)]
            if owner.permits > 0 { return .deliver(owner) }
            return consumers.contains { $0.permits > 0 } ? .skip : .stop
        }
    }

    /// Delivers a persistent subscription's replay list, then new entries
    /// from its read position, while its consumers have permits.
    func dispatch(_ subscription: SubscriptionState, _ s: inout TopicState, now: UInt64) {
        var index = 0
        while index < subscription.replay.count {
            let entry = subscription.replay[index]
            guard !subscription.isAcked(entry), subscription.pending[entry] == nil, entry >= s.firstEntry,
                  let message = message(entry, s) else {
                subscription.replay.remove(at: index)
                continue
            }
            switch choose(for: message, in: subscription) {
            case .stop: return
            case .skip: index += 1
            case .deliver(let consumer):
                subscription.replay.remove(at: index)
                deliver(message, to: consumer, in: subscription, now: now)
            }
        }
        var skipped = 0
        while subscription.readPosition < s.nextEntry {
            let entry = max(subscription.readPosition, s.firstEntry)
            guard entry < s.nextEntry else {
                subscription.readPosition = entry
                return
            }
            if subscription.isAcked(entry) || subscription.pending[entry] != nil {
                subscription.readPosition = entry + 1
                continue
            }
            guard let message = message(entry, s) else {
                subscription.readPosition = entry + 1
                continue
            }
            switch choose(for: message, in: subscription) {
            case .stop:
                subscription.readPosition = entry
                return
            case .skip:
                // Its key's consumer is full: it waits in the replay list
                // (after every entry there, so the list stays sorted).
                subscription.insertReplay(entry)
                subscription.readPosition = entry + 1
                skipped += 1
                if skipped >= Self.keySharedSkipLimit { return }
            case .deliver(let consumer):
                subscription.readPosition = entry + 1
                deliver(message, to: consumer, in: subscription, now: now)
            }
        }
    }

    /// Takes the message it is handed (the caller's copy from the log or
    /// cache): copying it to set the redelivery count retained and
    /// released its four references once more per delivery.
    private func deliver(_ message: consuming StreamMessage, to consumer: ConsumerSlot, in subscription: SubscriptionState,
                         now: UInt64) {
        let entry = message.id.entry
        let bytes = message.payload.count
        consumer.permits -= 1
        subscription.nextToken += 1
        let token = subscription.nextToken
        subscription.pending[entry] = SubscriptionState.Pending(consumer: consumer.id, token: token)
        message.redeliveryCount = subscription.redeliveries[entry] ?? 0
        if message.redeliveryCount > 0 { subscription.redeliverMeter.record(bytes: bytes, now: now) }
        subscription.outMeter.record(bytes: bytes, now: now)
        consumer.outMeter.record(bytes: bytes, now: now)
        if let timeout = consumer.ackTimeout {
            consumer.deadlines.append((MonotonicTime.milliseconds() + timeout, entry, token))
        }
        consumer.channel.push(message)
    }

    /// Hands a reader the entries its permits allow, from its position.
    func dispatch(_ reader: ReaderSlot, _ s: inout TopicState, now: UInt64) {
        while reader.permits > 0 {
            if reader.position < s.firstEntry { reader.position = s.firstEntry }
            guard reader.position < s.nextEntry else { return }
            let entry = reader.position
            reader.position += 1
            guard let message = message(entry, s) else { continue }
            reader.permits -= 1
            reader.outMeter.record(bytes: message.payload.count, now: now)
            reader.channel.push(message)
        }
    }

    /// Non-persistent streams: each subscription's chosen consumer and
    /// each reader gets the message if it has a permit; otherwise it is
    /// dropped for them. Nothing is tracked, nothing is redelivered.
    func fanOut(_ message: StreamMessage, _ s: inout TopicState, now: UInt64) {
        for subscription in s.subscriptions.values {
            switch choose(for: message, in: subscription) {
            case .deliver(let consumer):
                consumer.permits -= 1
                consumer.outMeter.record(bytes: message.payload.count, now: now)
                subscription.outMeter.record(bytes: message.payload.count, now: now)
                consumer.channel.push(message)
            case .skip, .stop:
                subscription.dropped += 1
            }
        }
        for reader in s.readers.values where reader.permits > 0 {
            reader.permits -= 1
            reader.outMeter.record(bytes: message.payload.count, now: now)
            reader.channel.push(message)
        }
    }
}
