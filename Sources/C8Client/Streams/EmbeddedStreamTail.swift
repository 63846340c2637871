import C8Core
import C8Streams
import Synchronization

/// A tail on the embedded stream service: deliveries go into ``messages``
/// and give their permit back at once. A tail is for watching live data,
/// so a reader that falls behind loses the oldest messages beyond the
/// buffer rather than holding the stream back.
final class EmbeddedStreamTail: StreamTail {
    enum Source: Sendable {
        case consumer(StreamConsumer)
        case reader(StreamReader)
    }

    let messages: AsyncStream<StreamMessageView>
    private let continuation: AsyncStream<StreamMessageView>.Continuation
    private let source = Mutex<Source?>(nil)

    init(bufferLimit: Int = 10_000) {
        (messages, continuation) = AsyncStream.makeStream(of: StreamMessageView.self,
                                                          bufferingPolicy: .bufferingNewest(bufferLimit))
    }

    func attach(_ source: Source) {
        self.source.withLock { $0 = source }
        switch source {
        case .consumer(let consumer): consumer.onClose { [continuation] in continuation.finish() }
        case .reader(let reader): reader.onClose { [continuation] in continuation.finish() }
        }
    }

    /// The service's delivery callback.
    var deliver: @Sendable (StreamMessage) -> Void {
        { [weak self] message in
            guard let self else { return }
            self.continuation.yield(StreamMessageView(
                id: message.id.text, payload: message.payload, key: message.key, properties: message.properties,
                publishTime: message.publishTime, redeliveryCount: message.redeliveryCount))
            switch self.source.withLock({ $0 }) {
            case .consumer(let consumer): consumer.grantPermits(1)
            case .reader(let reader): reader.grantPermits(1)
            case nil: break
            }
        }
    }

    func acknowledge(_ id: String) {
        guard case .consumer(let consumer)? = source.withLock({ $0 }), let messageID = MessageID(text: id) else { return }
        consumer.acknowledge(messageID)
    }

    func close() {
        switch source.withLock({ $0 }) {
        case .consumer(let consumer): consumer.close()
        case .reader(let reader): reader.close()
        case nil: break
        }
        continuation.finish()
    }
}
