import C8Client

/// The publish dialog (`p`): a payload and an optional key for one stream.
/// Tab moves between the two fields; enter publishes.
public struct PublishForm: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case payload, key }

    public var topic: String
    public var payload = ""
    public var key = ""
    public var field = Field.payload

    public init(topic: String) {
        self.topic = topic
    }

    /// The message the form describes (an empty key means none).
    public var message: OutgoingStreamMessage {
        OutgoingStreamMessage(text: payload, key: key.isEmpty ? nil : key)
    }

    /// The field being typed into.
    public var text: String {
        get { field == .payload ? payload : key }
        set { if field == .payload { payload = newValue } else { key = newValue } }
    }
}
