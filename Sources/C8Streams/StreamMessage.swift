/// A message as consumers and readers receive it: the seed's message
/// table (payload, key, properties, producer name, sequence id, publish
/// time, event time) plus its id and how often it was delivered before.
public struct StreamMessage: Sendable, Equatable {
    public var id: MessageID
    public var payload: [UInt8]
    public var key: String?
    public var properties: [String: String]
    /// Given by the producer, or generated (`<stream>-<n>`).
    public var producerName: String
    /// The message's place in its sequence: by default its 0-based position
    /// in the stream; a producer opened with an initial sequence id numbers
    /// its own messages from there.
    public var sequenceId: UInt64
    /// When the stream accepted the message, ms since the epoch; never
    /// decreasing along one stream.
    public var publishTime: UInt64
    /// The producer's event time, 0 when unset.
    public var eventTime: UInt64
    /// Earlier deliveries of this message to this subscription since the
    /// service started (0 on first delivery; not kept across restarts,
    /// as in Pulsar).
    public var redeliveryCount: Int

    public init(id: MessageID, payload: [UInt8], key: String?, properties: [String: String], producerName: String,
                sequenceId: UInt64, publishTime: UInt64, eventTime: UInt64, redeliveryCount: Int = 0) {
        self.id = id
        self.payload = payload
        self.key = key
        self.properties = properties
        self.producerName = producerName
        self.sequenceId = sequenceId
        self.publishTime = publishTime
        self.eventTime = eventTime
        self.redeliveryCount = redeliveryCount
    }

    /// The payload as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: payload, as: UTF8.self) }
}
