import C8Core

/// A change to a global stream, replicated like a document change: the
/// stream created or deleted in a region, or a message a producer there
/// published on it.
public struct StreamChange: Sendable {
    public enum Kind: Sendable {
        case created(persistent: Bool)
        case deleted
        case message(StreamChangeMessage)
    }

    public let tenant: String
    public let fabric: String
    /// The stream's name (its topic is `c8globals.<name>`).
    public let stream: String
    public let kind: Kind
}

/// A message as a producer published it; the region applying it publishes
/// the same payload, key, properties and producer name on its copy of the
/// stream, marked with the region it came from.
public struct StreamChangeMessage: Sendable {
    public let payload: [UInt8]
    public let key: String?
    public let properties: [String: String]
    public let producerName: String
    public let eventTime: UInt64

    /// The property that marks a message replicated from another region
    /// (its value: that region), so no region sends it on again.
    public static let originProperty = "c8-origin-region"
}
