import C8Core
import Foundation

/// A stream as lists show it.
public struct StreamSummary: Sendable, Equatable {
    /// The topic: `c8globals.X`, `c8locals.X`, or a collection's name for
    /// its change stream.
    public var topic: String
    public var isLocal: Bool
    public var isPersistent: Bool

    public init(topic: String, isLocal: Bool, isPersistent: Bool = true) {
        self.topic = topic
        self.isLocal = isLocal
        self.isPersistent = isPersistent
    }

    /// From an item of `GET /_api/streams`.
    public init(json: JSON) {
        topic = json["topic"].stringValue ?? json["name"].stringValue ?? ""
        isLocal = json["local"].boolValue ?? false
        isPersistent = json["persistent"].boolValue ?? true
    }

    static let globalPrefix = "c8globals."
    static let localPrefix = "c8locals."

    /// The name users gave it (`X` of `c8globals.X`).
    public var name: String {
        for prefix in [Self.globalPrefix, Self.localPrefix] where topic.hasPrefix(prefix) {
            return String(topic.dropFirst(prefix.count))
        }
        return topic
    }

    /// Whether it is a collection's change stream.
    public var isCollectionStream: Bool {
        !topic.hasPrefix(Self.globalPrefix) && !topic.hasPrefix(Self.localPrefix)
    }

    /// Its namespace on the wire: `c8global.<fabric>` or `c8local.<fabric>`.
    public func namespace(in fabric: String) -> String {
        (topic.hasPrefix(Self.globalPrefix) ? "c8global." : "c8local.") + fabric
    }

    /// The topic of stream `name` (already a topic when it carries a prefix).
    public static func topic(of name: String, local: Bool) -> String {
        if name.hasPrefix(globalPrefix) || name.hasPrefix(localPrefix) { return name }
        return (local ? localPrefix : globalPrefix) + name
    }
}

/// A message as a tail shows it: the consumer frame of Pulsar's
/// WebSocket API, decoded.
public struct StreamMessageView: Sendable, Equatable {
    public var id: String
    public var payload: [UInt8]
    public var key: String?
    public var properties: [String: String]
    /// Milliseconds since 1970 (UTC).
    public var publishTime: UInt64
    public var redeliveryCount: Int

    public init(id: String, payload: [UInt8], key: String? = nil, properties: [String: String] = [:],
                publishTime: UInt64, redeliveryCount: Int = 0) {
        self.id = id
        self.payload = payload
        self.key = key
        self.properties = properties
        self.publishTime = publishTime
        self.redeliveryCount = redeliveryCount
    }

    /// From a consumer or reader frame; nil for a frame that is not a message.
    public init?(frame: JSON) {
        guard let id = frame["messageId"].stringValue, let encoded = frame["payload"].stringValue,
              let payload = Data(base64Encoded: encoded) else { return nil }
        self.id = id
        self.payload = Array(payload)
        key = frame["key"].stringValue
        var properties: [String: String] = [:]
        if case .object(let members) = frame["properties"] {
            for member in members.members { properties[member.key] = member.value.stringValue ?? member.value.jsonString() }
        }
        self.properties = properties
        publishTime = frame["publishTime"].stringValue.flatMap(CivilDate.milliseconds(iso8601:)) ?? 0
        redeliveryCount = Int(frame["redeliveryCount"].intValue ?? 0)
    }

    /// The payload as text (lossy for bytes that are not UTF-8).
    public var text: String { String(decoding: payload, as: UTF8.self) }
}

/// A message to publish.
public struct OutgoingStreamMessage: Sendable, Equatable {
    public var payload: [UInt8]
    public var key: String?
    public var properties: [String: String]

    public init(payload: [UInt8], key: String? = nil, properties: [String: String] = [:]) {
        self.payload = payload
        self.key = key
        self.properties = properties
    }

    public init(text: String, key: String? = nil, properties: [String: String] = [:]) {
        self.init(payload: Array(text.utf8), key: key, properties: properties)
    }
}

/// Where a tail starts and whether it reads (no subscription, nothing
/// acknowledged) or consumes as a member of a subscription.
public struct StreamTailOptions: Sendable, Equatable {
    public enum Start: Sendable, Equatable {
        case latest, earliest
    }

    public var start: Start
    /// Consume as this subscription instead of reading.
    public var subscription: String?
    /// `Exclusive`, `Shared`, `Failover` or `Key_Shared` (with a subscription).
    public var subscriptionType: String

    public init(start: Start = .latest, subscription: String? = nil, subscriptionType: String = "Exclusive") {
        self.start = start
        self.subscription = subscription
        self.subscriptionType = subscriptionType
    }
}

/// A live tail of a stream: messages as they arrive, in order.
public protocol StreamTail: AnyObject, Sendable {
    /// Ends when the tail is closed or its connection fails.
    var messages: AsyncStream<StreamMessageView> { get }
    /// Acknowledges a message to the tail's subscription (nothing for a reader).
    func acknowledge(_ id: String)
    func close()
}

/// A producer on one stream.
public protocol StreamPublisher: AnyObject, Sendable {
    /// Publishes and returns the message id.
    func send(_ message: OutgoingStreamMessage) async throws(C8Error) -> String
    func close()
}

extension C8Connection {
    /// Publishes one message on a producer of its own.
    @discardableResult
    public func publish(_ message: OutgoingStreamMessage, to topic: String, in fabric: String) async throws(C8Error) -> String {
        let publisher = try await openPublisher(on: topic, in: fabric)
        defer { publisher.close() }
        return try await publisher.send(message)
    }
}
