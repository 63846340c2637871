import C8Core

/// A consumer of a subscription. Messages arrive through the `deliver`
/// closure given to ``StreamService/subscribe(_:subscription:type:consumerName:initialPosition:receiverQueueSize:ackTimeout:deliver:)``:
/// in order, one at a time, on the consumer's own queue, one per permit.
public final class StreamConsumer: Sendable {
    public let name: String
    public let subscription: String
    public let type: SubscriptionType
    public let stream: StreamName
    private let topic: Topic
    private let id: UInt64
    private let channel: DeliveryChannel

    init(name: String, subscription: String, type: SubscriptionType, stream: StreamName, topic: Topic, id: UInt64,
         channel: DeliveryChannel) {
        self.name = name
        self.subscription = subscription
        self.type = type
        self.stream = stream
        self.topic = topic
        self.id = id
        self.channel = channel
    }

    /// Acknowledges one message: it is never delivered to this
    /// subscription again, not even after a restart.
    public func acknowledge(_ id: MessageID) {
        topic.acknowledge(CollectionOfOne(id.entry), subscription: subscription)
    }

    /// ``acknowledge(_:)`` for several messages at once (one turn of the
    /// stream's lock).
    public func acknowledge(_ ids: [MessageID]) {
        topic.acknowledge(ids.lazy.map(\.entry), subscription: subscription)
    }

    /// Acknowledges `id` and every message before it.
    /// - Throws: 400 on Shared and Key_Shared subscriptions, whose
    ///   consumers do not receive every message (Pulsar refuses it too).
    public func acknowledgeCumulative(_ id: MessageID) throws(C8Error) {
        guard type.hasSingleActiveConsumer else {
            throw C8Error(.badParameter, "cumulative acknowledgement is not allowed on \(type.rawValue) subscriptions")
        }
        topic.acknowledgeCumulative(id.entry, subscription: subscription)
    }

    /// Gives the message back: it is redelivered, with its redelivery count
    /// raised, after the service's negative-ack delay.
    public func negativeAcknowledge(_ id: MessageID) {
        topic.negativeAcknowledge(id.entry, consumer: self.id, subscription: subscription)
    }

    /// Allows `n` more deliveries.
    public func grantPermits(_ n: Int) {
        topic.grantPermits(n, consumer: id, subscription: subscription)
    }

    public var isClosed: Bool { channel.isClosed }

    /// Runs `handler` once when the consumer is closed — by ``close()`` or
    /// by the service (a forced delete, shutdown) — after any delivery in
    /// progress, on the consumer's queue.
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        channel.onClose(handler)
    }

    /// Disconnects: what it had not acknowledged goes to the other
    /// consumers of the subscription (or the next one to connect).
    public func close() {
        topic.closeConsumer(id, subscription: subscription)
        channel.close()
    }
}
