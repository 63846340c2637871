import C8Core
import Synchronization

/// A connected producer: its messages carry its name, and the stream
/// cannot be deleted without `force` while it is connected.
public final class StreamProducer: Sendable {
    public let name: String
    public let stream: StreamName
    private let topic: Topic
    private let id: UInt64
    private let signal: CloseSignal

    init(name: String, stream: StreamName, topic: Topic, id: UInt64, signal: CloseSignal) {
        self.name = name
        self.stream = stream
        self.topic = topic
        self.id = id
        self.signal = signal
    }

    /// Publishes one message.
    /// - Throws: 410 once the producer is closed; 404 once the stream is
    ///   deleted; storage errors.
    @discardableResult
    public func send(_ message: OutgoingMessage) throws(C8Error) -> MessageID {
        try topic.publish(message, producer: id, producerName: name)
    }

    /// Publishes one message without waiting: `completion` gets its id
    /// once it is in storage (or the error) — on a writer thread, in the
    /// stream's order — so the caller can go on sending and its messages
    /// are written in groups (one storage write for all the messages sent
    /// while the previous write was in flight).
    public func send(_ message: OutgoingMessage, completion: @escaping @Sendable (Result<MessageID, C8Error>) -> Void) {
        topic.publish([(message, completion)], producer: id, producerName: name)
    }

    /// ``send(_:completion:)`` for several messages at once: they take
    /// consecutive entries, in order, under one turn of the stream's lock
    /// (the WebSocket layer hands over every frame of one read this way).
    /// `whenAnswered` runs once every message's completion has run.
    public func send(_ messages: [(OutgoingMessage, @Sendable (Result<MessageID, C8Error>) -> Void)],
                     whenAnswered: (@Sendable () -> Void)? = nil) {
        topic.publish(messages, producer: id, producerName: name, whenAnswered: whenAnswered)
    }

    public var isClosed: Bool { signal.isFired }

    /// Runs `handler` once when the producer is closed — by ``close()`` or
    /// by the service (a forced stream delete, shutdown).
    public func onClose(_ handler: @escaping @Sendable () -> Void) {
        signal.add(handler)
    }

    public func close() {
        topic.removeProducer(id)
        signal.fire()
    }
}
