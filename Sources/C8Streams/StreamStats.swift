import C8Core

/// A stream's figures, in the shape of Pulsar's topic stats (what C8's
/// `GET …/streams/{topic}/stats` returns). Rates are per second over the
/// last few seconds.
public struct StreamStats: Sendable {
    public struct Publisher: Sendable {
        public var producerName: String
        public var producerId: UInt64
        public var msgRateIn: Double
        public var msgThroughputIn: Double
        public var averageMsgSize: Double
        /// ms since the epoch.
        public var connectedSince: UInt64
    }

    public struct Consumer: Sendable {
        public var consumerName: String
        public var msgRateOut: Double
        public var msgThroughputOut: Double
        public var availablePermits: Int
        public var unackedMessages: Int
        public var connectedSince: UInt64
    }

    public struct Subscription: Sendable {
        public var name: String
        /// The type of the connected consumers; nil when none is connected.
        public var type: SubscriptionType?
        public var consumers: [Consumer]
        /// Messages not acknowledged yet (delivered or not).
        public var backlog: Int
        public var unackedMessages: Int
        public var msgRateOut: Double
        public var msgThroughputOut: Double
        public var msgRateRedeliver: Double
        public var msgRateExpired: Double
        /// Non-persistent streams: messages dropped for want of a consumer with permits.
        public var msgDropped: Int
        public var isDurable: Bool
    }

    public var msgRateIn: Double
    public var msgRateOut: Double
    public var msgThroughputIn: Double
    public var msgThroughputOut: Double
    public var averageMsgSize: Double
    /// Bytes of the log in storage (0 for non-persistent streams).
    public var storageSize: Int
    public var msgInCounter: Int
    public var bytesInCounter: Int
    public var msgOutCounter: Int
    public var bytesOutCounter: Int
    public var publishers: [Publisher]
    /// Sorted by name.
    public var subscriptions: [Subscription]
    public var readers: Int

    /// Backlog per subscription.
    public var backlog: [String: Int] {
        Dictionary(uniqueKeysWithValues: subscriptions.map { ($0.name, $0.backlog) })
    }

    /// Pulsar's `TopicStats` JSON.
    public var json: JSON {
        var subscriptionsObject = JSONObject()
        for subscription in subscriptions {
            subscriptionsObject.appendUnique(subscription.name, [
                "msgRateOut": .double(subscription.msgRateOut),
                "msgThroughputOut": .double(subscription.msgThroughputOut),
                "msgRateRedeliver": .double(subscription.msgRateRedeliver),
                "msgRateExpired": .double(subscription.msgRateExpired),
                "msgBacklog": .int(Int64(subscription.backlog)),
                "unackedMessages": .int(Int64(subscription.unackedMessages)),
                "msgDropRate": .double(0),
                "type": subscription.type.map { .string($0.rawValue) } ?? .null,
                "isDurable": .bool(subscription.isDurable),
                "consumers": .array(subscription.consumers.map { consumer in
                    [
                        "consumerName": .string(consumer.consumerName),
                        "msgRateOut": .double(consumer.msgRateOut),
                        "msgThroughputOut": .double(consumer.msgThroughputOut),
                        "availablePermits": .int(Int64(consumer.availablePermits)),
                        "unackedMessages": .int(Int64(consumer.unackedMessages)),
                        "connectedSince": .string(CivilDate.iso8601(milliseconds: consumer.connectedSince)),
                    ]
                }),
            ])
        }
        return [
            "msgRateIn": .double(msgRateIn),
            "msgThroughputIn": .double(msgThroughputIn),
            "msgRateOut": .double(msgRateOut),
            "msgThroughputOut": .double(msgThroughputOut),
            "msgInCounter": .int(Int64(msgInCounter)),
            "bytesInCounter": .int(Int64(bytesInCounter)),
            "msgOutCounter": .int(Int64(msgOutCounter)),
            "bytesOutCounter": .int(Int64(bytesOutCounter)),
            "averageMsgSize": .double(averageMsgSize),
            "storageSize": .int(Int64(storageSize)),
            "backlogSize": .int(Int64(subscriptions.map(\.backlog).max() ?? 0)),
            "publishers": .array(publishers.map { publisher in
                [
                    "producerName": .string(publisher.producerName),
                    "producerId": .int(Int64(publisher.producerId)),
                    "msgRateIn": .double(publisher.msgRateIn),
                    "msgThroughputIn": .double(publisher.msgThroughputIn),
                    "averageMsgSize": .double(publisher.averageMsgSize),
                    "connectedSince": .string(CivilDate.iso8601(milliseconds: publisher.connectedSince)),
                ]
            }),
            "subscriptions": .object(subscriptionsObject),
            "replication": .object(JSONObject()),
            "deduplicationStatus": "Disabled",
        ]
    }
}
