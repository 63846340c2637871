/// A message as a producer hands it over; the stream adds the rest of
/// ``StreamMessage`` (id, producer name, sequence id, publish time).
public struct OutgoingMessage: Sendable, Equatable {
    /// Raw bytes: streams never look inside.
    public var payload: [UInt8]
    /// Routes the message in Key_Shared subscriptions (and would drive
    /// compaction).
    public var key: String?
    public var properties: [String: String]
    /// When the event happened, in ms since the epoch; 0 = not set.
    public var eventTime: UInt64

    public init(payload: [UInt8], key: String? = nil, properties: [String: String] = [:], eventTime: UInt64 = 0) {
        self.payload = payload
        self.key = key
        self.properties = properties
        self.eventTime = eventTime
    }

    /// A UTF-8 text payload.
    public init(text: String, key: String? = nil, properties: [String: String] = [:], eventTime: UInt64 = 0) {
        self.init(payload: Array(text.utf8), key: key, properties: properties, eventTime: eventTime)
    }
}
