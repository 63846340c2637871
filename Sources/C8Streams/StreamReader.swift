/// A reader: walks the log from where it started, without a subscription
/// (nothing is acknowledged, nothing is kept for it).
public final class StreamReader: Sendable {
    public let stream: StreamName
    private let topic: Topic
    private let id: UInt64
    private let channel: DeliveryChannel

    init(stream: StreamName, topic: Topic, id: UInt64, channel: DeliveryChannel) {
        self.stream = stream
        self.topic = topic
        self.id = id
        self.channel = channel
    }

    public func grantPermits(_ n: Int) {
        topic.grantReaderPermits(n, reader: id)
    }

    public var isClosed: Bool { channel.isClosed }

    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        channel.onClose(handler)
    }

    public func close() {
        topic.closeReader(id)
        channel.close()
    }
}
