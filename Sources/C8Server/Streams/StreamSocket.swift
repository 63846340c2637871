import C8Core
import C8Net
import C8Streams
import Synchronization

/// The server side of one stream WebSocket: a producer, or a consumer or
/// reader that messages are pushed to.
///
/// Producers queue their messages on the event loop that received the
/// frame, so one socket's messages keep their order; the receipts of one
/// read's messages are sent together from the stream's writer once the
/// group holding them is in storage. Deliveries arrive on the stream
/// service's queue for that consumer, the messages that accumulated since
/// the last delivery framed into one write. (Delivering on the consumer
/// connection's event loop instead cost less CPU per message but was
/// slower end to end with 4 + 4 clients on 2 cores: Docs/BENCHMARKS.md,
/// streams, round 3.) Outside
/// pull mode each frame handed to the socket gives the consumer its permit
/// back, as Pulsar's proxy does; a reader slower than the stream is then
/// absorbed by the socket's outbox (known limit: TCP back-pressure does not
/// reach the subscription yet).
final class StreamSocket: WebSocketHandler {
    enum Endpoint: Sendable {
        case producer(StreamProducer)
        case consumer(StreamConsumer)
        case reader(StreamReader)
    }

    /// Whether the client hands out permits itself (`pullMode=true`).
    private let pullMode: Bool
    /// Outside pull mode, how many acknowledged messages give their permits
    /// back at once: half the receiver queue, as Pulsar's own client sends
    /// its flow permits. Granting per message took the stream's lock once
    /// per message, against its publishers and acks.
    private let permitBatch: Int
    /// Messages acknowledged (or negatively acknowledged) whose permits are
    /// not yet given back. A permit comes back on the ack, not when the
    /// frame is written: `receiverQueueSize` bounds what a client holds
    /// unacknowledged, as Pulsar's WebSocket proxy does, so a Shared
    /// subscription's busy worker stops getting its share.
    private let ungranted = Atomic<Int>(0)
    private let endpoint = Mutex<Endpoint?>(nil)
    /// What the frames of the current read ask for, handed to the stream at
    /// the end of the read (`didFinishReading`): one turn of the stream's
    /// lock per read instead of one per frame. Touched on the connection's
    /// loop only; the lock is never contended.
    private let gathered = Mutex(Gathered())

    /// Receipts of the stream's current group write for this producer,
    /// framed as they are answered and sent at once when the hand-over they
    /// belong to is answered (``StreamProducer/send(_:whenAnswered:)``): a
    /// frame sent per receipt cost three lock rounds and two allocations
    /// each. Sent under its lock, so receipts keep their order.
    private let receipts = Receipts()

    /// Held strongly by the answers: they reached it through a weak
    /// reference to the socket, and loading a weak reference (and
    /// releasing what it gave) took the runtime's slow path, twice per
    /// published message.
    private final class Receipts: Sendable {
        let batch = Mutex(WebSocketTextBatch())
    }

    private struct Gathered {
        var publishes: [(OutgoingMessage, Answer)] = []
        var acks: [MessageID] = []
        /// The answer of every publish without a context, made once: a
        /// closure per frame was an allocation per message.
        var plainAnswer: Answer?
    }

    private typealias Answer = @Sendable (Result<MessageID, C8Error>) -> Void

    /// - Parameter receiverQueueSize: the consumer's or reader's permits;
    ///   with fewer than half of them outstanding it always has the rest.
    init(pullMode: Bool = false, receiverQueueSize: Int = 1) {
        self.pullMode = pullMode
        permitBatch = max(1, receiverQueueSize / 2)
    }

    /// Connects the socket to what the stream service created for it. When
    /// the service ends that side first (the stream was deleted with
    /// force, the server is stopping), the socket closes with 1001.
    func attach(_ endpoint: Endpoint, closing connection: WebSocketConnection) {
        // Permits returned before this (an ack racing the attach) are
        // given now.
        let pending = self.endpoint.withLock { attached in
            attached = endpoint
            return ungranted.exchange(0, ordering: .relaxed)
        }
        if pending > 0 { grant(pending) }
        let close: @Sendable () -> Void = { [weak connection] in
            connection?.close(code: .goingAway, reason: "the stream or its server went away")
        }
        switch endpoint {
        case .producer(let producer): producer.onClose(close)
        case .consumer(let consumer): consumer.onClose(close)
        case .reader(let reader): reader.onClose(close)
        }
    }

    /// Messages larger than this go as frames of their own (fragmented as
    /// the connection's configuration says) rather than into a batch.
    private static let batchedPayloadLimit = 64 * 1024

    /// The delivery callback for a consumer or reader writing to
    /// `connection`: the messages of one hand-over are framed into one
    /// buffer and sent at once.
    func deliverer(to connection: WebSocketConnection) -> @Sendable ([StreamMessage]) -> Void {
        { [weak connection] messages in
            guard let connection else { return }
            var frames = WebSocketTextBatch()
            frames.reserveCapacity(messages.count * 256)
            // Through the buffer: `messages[index]` handed to the framing
            // closure copied each message (four references retained and
            // released); a buffer element is borrowed in place.
            let sent = messages.withUnsafeBufferPointer { messages -> Bool in
                for index in messages.indices {
                    if messages[index].payload.count > Self.batchedPayloadLimit {
                        guard connection.send(frames) else { return false }
                        frames = WebSocketTextBatch()
                        guard connection.send(textUTF8: StreamFrames.delivery(messages[index])) else { return false }
                    } else {
                        frames.appendText(expectedLength: messages[index].payload.count * 4 / 3 + 120) {
                            StreamFrames.delivery(messages[index], into: &$0)
                        }
                    }
                }
                return true
            }
            if sent { connection.send(frames) }
        }
    }

    /// Permits of `count` acknowledged messages, given back in batches of
    /// ``permitBatch`` (pull mode: the client's permit frames do that).
    private func returnPermits(_ count: Int) {
        guard !pullMode, count > 0 else { return }
        let total = ungranted.wrappingAdd(count, ordering: .relaxed).newValue
        if total >= permitBatch {
            let taken = ungranted.exchange(0, ordering: .relaxed)
            if taken > 0 { grant(taken) }
        }
    }

    /// Gives `permits` back to the consumer or reader; before ``attach``
    /// (deliveries begin as soon as the service subscribes) they wait in
    /// `ungranted` for it — dropping them stalled the consumer for good.
    private func grant(_ permits: Int) {
        let attached = endpoint.withLock { attached -> Endpoint? in
            if attached == nil { ungranted.wrappingAdd(permits, ordering: .relaxed) }
            return attached
        }
        switch attached {
        case .consumer(let consumer): consumer.grantPermits(permits)
        case .reader(let reader): reader.grantPermits(permits)
        case .producer, nil: break
        }
    }

    func didReceive(_ connection: WebSocketConnection, text: String) {
        switch endpoint.withLock({ $0 }) {
        case .producer(let producer): publish(text, with: producer, answering: connection)
        case .consumer(let consumer): reply(text, to: consumer, on: connection)
        case .reader(let reader):
            // Readers keep no cursor: acks only serve as flow control.
            switch try? StreamFrames.reply(text) {
            case .permit(let permits)?: reader.grantPermits(permits)
            case .acknowledge?, .negativeAcknowledge?: returnPermits(1)
            case nil: break
            }
        case nil: break
        }
    }

    /// Gathers the message; at the end of the read it is queued with the
    /// read's other messages and answered when it is in storage — the loop
    /// goes on reading meanwhile, and what it reads joins the stream's next
    /// group write. Receipts leave in publish order; a frame that cannot be
    /// read is refused at once.
    private func publish(_ text: String, with producer: StreamProducer, answering connection: WebSocketConnection) {
        let frame: StreamFrames.Publish
        do { frame = try StreamFrames.publish(text) } catch {
            connection.send(text: StreamFrames.sendError(error, context: .null))
            return
        }
        gathered.withLock { gathered in
            let answer: Answer
            if frame.context != .null {
                answer = self.answer(on: connection, context: frame.context)
            } else if let plain = gathered.plainAnswer {
                answer = plain
            } else {
                answer = self.answer(on: connection, context: .null)
                gathered.plainAnswer = answer
            }
            gathered.publishes.append((frame.message, answer))
        }
    }

    /// Answers a publish, echoing the frame's context: a receipt joins the
    /// hand-over's other receipts (sent by ``sendReceipts(on:)``); an error
    /// goes at once, after the receipts gathered before it.
    private func answer(on connection: WebSocketConnection, context: JSON) -> Answer {
        { [receipts, weak connection] result in
            switch result {
            case .success(let id):
                receipts.batch.withLock { batch in
                    batch.appendText { StreamFrames.receipt(id, context: context, into: &$0) }
                }
            case .failure(let error):
                guard let connection else { return }
                receipts.batch.withLock { batch in
                    connection.send(batch)
                    batch = WebSocketTextBatch()
                    connection.send(text: StreamFrames.sendError(error, context: context))
                }
            }
        }
    }

    /// Sends the receipts gathered so far.
    private func sendReceipts(on connection: WebSocketConnection) {
        receipts.batch.withLock { batch in
            guard !batch.isEmpty else { return }
            connection.send(batch)
            batch = WebSocketTextBatch()
        }
    }

    /// Acks are gathered until the end of the read; anything else is acted
    /// on at once, after the acks gathered so far (so they keep their order).
    private func reply(_ text: String, to consumer: StreamConsumer, on connection: WebSocketConnection) {
        let reply = Result(catching: { () throws(C8Error) in try StreamFrames.reply(text) })
        if case .success(.acknowledge(let id)) = reply {
            gathered.withLock { $0.acks.append(id) }
            return
        }
        handOver(to: endpoint.withLock { $0 }, connection: connection)
        switch reply {
        case .success(.acknowledge): break  // gathered above
        case .success(.negativeAcknowledge(let id)):
            consumer.negativeAcknowledge(id)
            returnPermits(1)
        case .success(.permit(let permits)): consumer.grantPermits(permits)
        case .failure(let error):
            connection.send(text: StreamFrames.sendError(error, context: .null))
        }
    }

    func didFinishReading(_ connection: WebSocketConnection) {
        handOver(to: endpoint.withLock { $0 }, connection: connection)
    }

    /// Hands what the read's frames asked for to the stream.
    private func handOver(to endpoint: Endpoint?, connection: WebSocketConnection) {
        let (publishes, acks) = gathered.withLock { gathered in
            defer {
                gathered.publishes = []
                gathered.acks = []
            }
            return (gathered.publishes, gathered.acks)
        }
        switch endpoint {
        case .producer(let producer) where !publishes.isEmpty:
            producer.send(publishes) { [weak self, weak connection] in
                guard let self, let connection else { return }
                self.sendReceipts(on: connection)
            }
        case .consumer(let consumer) where !acks.isEmpty:
            consumer.acknowledge(acks)
            returnPermits(acks.count)
        default: break
        }
    }

    func didClose(_ connection: WebSocketConnection, code: WebSocketCloseCode, reason: String) {
        let ended = endpoint.withLock { endpoint -> Endpoint? in
            defer { endpoint = nil }
            return endpoint
        }
        switch ended {
        case .producer(let producer): producer.close()
        case .consumer(let consumer): consumer.close()
        case .reader(let reader): reader.close()
        case nil: break
        }
    }
}
