import C8Core
import C8Engine
import C8Streams
import Dispatch
import Foundation

/// (d) of `c8 bench streams`: a `StreamService` in process over a RocksDB
/// engine (as `c8 serve` opens it), no network, no JSON, no base64 — what
/// the stream engine itself sustains.
struct EmbeddedStreamBenchmark {
    let messages: Int
    let window: Int

    struct Figures {
        /// One producer, `send` in a loop, no subscription.
        let publish: Double
        /// One consumer reading that backlog from the earliest message,
        /// acknowledging each (and granting a permit back, as the WebSocket
        /// layer does).
        let consumeBacklog: Double
        /// Publishing and consuming at once: first publish to last delivery.
        let endToEnd: Double
    }

    /// Ack, permit and count each delivery; signal once `target` arrived.
    private final class Sink: @unchecked Sendable {
        let target: Int
        let done = DispatchSemaphore(value: 0)
        let ready = DispatchSemaphore(value: 0)
        var consumer: StreamConsumer?
        var count = 0
        var last: UInt64 = 0

        init(target: Int) { self.target = target }

        /// Runs on the consumer's serial queue.
        func deliver(_ message: StreamMessage) {
            if consumer == nil { ready.wait() }
            consumer?.acknowledge(message.id)
            consumer?.grantPermits(1)
            count += 1
            if count == target {
                last = StreamBenchPayload.now()
                done.signal()
            }
        }

        func attach(_ consumer: StreamConsumer) {
            self.consumer = consumer
            ready.signal()
        }
    }

    func run(directory: String) throws -> Figures {
        let engine = try Engine.open(directory: directory)
        defer { engine.close() }
        let service = try StreamService(engine: engine)
        defer { service.close() }
        let payload = OutgoingMessage(payload: StreamBenchPayload.stamped())
        func stream(_ label: String) throws -> StreamName {
            let name = StreamName(tenant: engine.defaultTenantName, fabric: "_system", kind: .global,
                                  name: "embedded-\(label)-\(UInt32.random(in: 0...UInt32.max))")
            try service.createStream(name)
            return name
        }

        // Publish, then read the backlog from the earliest message.
        let backlog = try stream("backlog")
        let producer = try service.producer(on: backlog, name: nil)
        var start = StreamBenchPayload.now()
        for _ in 0..<messages { try producer.send(payload) }
        let publishSeconds = Self.seconds(since: start)
        producer.close()
        let reader = Sink(target: messages)
        start = StreamBenchPayload.now()
        let backlogConsumer = try service.subscribe(backlog, subscription: "bench", type: .exclusive,
                                                    initialPosition: .earliest, receiverQueueSize: window,
                                                    deliver: reader.deliver)
        reader.attach(backlogConsumer)
        reader.done.wait()
        let consumeSeconds = Double(reader.last - start) / 1e9
        backlogConsumer.close()
        try service.deleteStream(backlog, force: true)

        // Both at once.
        let live = try stream("live")
        let sink = Sink(target: messages)
        let consumer = try service.subscribe(live, subscription: "bench", type: .exclusive, receiverQueueSize: window,
                                             deliver: sink.deliver)
        sink.attach(consumer)
        let liveProducer = try service.producer(on: live, name: nil)
        start = StreamBenchPayload.now()
        for _ in 0..<messages { try liveProducer.send(payload) }
        sink.done.wait()
        let endToEndSeconds = Double(sink.last - start) / 1e9
        liveProducer.close()
        consumer.close()
        try service.deleteStream(live, force: true)

        return Figures(publish: Double(messages) / publishSeconds, consumeBacklog: Double(messages) / consumeSeconds,
                       endToEnd: Double(messages) / endToEndSeconds)
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(StreamBenchPayload.now() - start) / 1e9
    }
}
