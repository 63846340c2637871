/// How a subscription hands messages to its consumers (Pulsar's types;
/// raw values are the names the WebSocket API's `subscriptionType` takes).
public enum SubscriptionType: String, Sendable, CaseIterable {
    /// One consumer at a time; another is refused while it is connected.
    case exclusive = "Exclusive"
    /// Round-robin among the consumers with permits; per-message acks.
    case shared = "Shared"
    /// One active consumer (the first connected); the next takes over when
    /// it leaves.
    case failover = "Failover"
    /// Shared, but all messages with one key go to the same consumer.
    case keyShared = "Key_Shared"

    /// Whether one consumer receives everything in order, which is what
    /// makes cumulative acks meaningful.
    public var hasSingleActiveConsumer: Bool { self == .exclusive || self == .failover }
}
