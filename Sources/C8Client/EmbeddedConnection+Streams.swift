import C8Core
import C8Streams
import Dispatch

/// Streams on the region's ``StreamService``, in the shapes the REST API
/// answers, so embedded and remote tails look alike.
extension EmbeddedConnection {
    /// Topics name their kind (`c8globals.`, `c8locals.`, or a collection's name).
    private func streamName(_ topic: String, _ fabric: String) throws(C8Error) -> StreamName {
        try StreamName.parse(topic, tenant: engine.defaultTenantName, fabric: fabric, bareKind: .collection)
    }

    private static func summary(_ info: StreamInfo) -> StreamSummary {
        StreamSummary(topic: info.topic, isLocal: info.isLocal, isPersistent: info.persistent)
    }

    public func streams(in fabric: String) async throws(C8Error) -> [StreamSummary] {
        try await work { [self] () throws(C8Error) in
            _ = try engine.defaultTenant.fabric(fabric)
            return try streamsService().streams(tenant: engine.defaultTenantName, fabric: fabric).map(Self.summary)
        }
    }

    public func createStream(_ name: String, local: Bool, in fabric: String) async throws(C8Error) -> StreamSummary {
        try await work { [self] () throws(C8Error) in
            let stream = try StreamName.parse(name, tenant: engine.defaultTenantName, fabric: fabric,
                                              bareKind: local ? .local : .global)
            return Self.summary(try streamsService().createStream(stream))
        }
    }

    public func deleteStream(_ topic: String, force: Bool, in fabric: String) async throws(C8Error) {
        try await work { [self] () throws(C8Error) in
            try streamsService().deleteStream(try streamName(topic, fabric), force: force)
        }
    }

    public func streamStats(_ topic: String, in fabric: String) async throws(C8Error) -> JSON {
        try await work { [self] () throws(C8Error) in
            try streamsService().stats(of: try streamName(topic, fabric)).json
        }
    }

    public func streamSubscriptions(_ topic: String, in fabric: String) async throws(C8Error) -> [String] {
        try await work { [self] () throws(C8Error) in
            try streamsService().subscriptions(of: try streamName(topic, fabric))
        }
    }

    public func openPublisher(on topic: String, in fabric: String) async throws(C8Error) -> any StreamPublisher {
        try await work { [self] () throws(C8Error) in
            EmbeddedStreamPublisher(try streamsService().producer(on: try streamName(topic, fabric), name: nil))
        }
    }

    public func tail(_ topic: String, in fabric: String, options: StreamTailOptions) async throws(C8Error) -> any StreamTail {
        try await work { [self] () throws(C8Error) in
            let service = try streamsService()
            let stream = try streamName(topic, fabric)
            let tail = EmbeddedStreamTail()
            if let subscription = options.subscription {
                guard let type = SubscriptionType.allCases.first(where: { $0.rawValue.lowercased() == options.subscriptionType.lowercased() }) else {
                    throw C8Error(.badParameter, "unknown subscription type '\(options.subscriptionType)': use Exclusive, Shared, Failover or Key_Shared")
                }
                tail.attach(.consumer(try service.subscribe(
                    stream, subscription: subscription, type: type,
                    initialPosition: options.start == .earliest ? .earliest : .latest, deliver: tail.deliver)))
            } else {
                tail.attach(.reader(try service.reader(on: stream, start: options.start == .earliest ? .earliest : .latest,
                                                       deliver: tail.deliver)))
            }
            return tail
        }
    }
}

/// A producer of the embedded stream service.
final class EmbeddedStreamPublisher: StreamPublisher {
    private let producer: StreamProducer

    init(_ producer: StreamProducer) {
        self.producer = producer
    }

    func send(_ message: OutgoingStreamMessage) async throws(C8Error) -> String {
        let outgoing = OutgoingMessage(payload: message.payload, key: message.key, properties: message.properties)
        return try producer.send(outgoing).text
    }

    func close() {
        producer.close()
    }
}
