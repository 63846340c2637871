import Dispatch
import Foundation
import Synchronization

/// The network workloads of `c8 bench streams`, written once against
/// ``StreamBenchSide`` and run against c8 and Redis alike.
///
/// Every producer is two threads: one writes messages, one reads publish
/// receipts; at most `window` messages per producer are written and not
/// yet confirmed. Every consumer is one thread that reads a delivery and
/// acknowledges it (one ack per message) before reading the next.
struct StreamLoad {
    let side: any StreamBenchSide
    let window: Int

    struct Throughput {
        let messages: Int
        let seconds: Double
        var perSecond: Double { Double(messages) / seconds }
    }

    struct Latency {
        let messages: Int
        let p50: Double, p99: Double, max: Double
        /// Messages per second actually sent.
        let rate: Double
    }

    private final class Counters: Sendable {
        let delivered = Atomic<Int>(0)
        let lastDelivery = Atomic<UInt64>(0)
        let lastReceipt = Atomic<UInt64>(0)
    }

    static let group = "bench"
    private static let poll: Duration = .milliseconds(200)

    private static func runName(_ label: String) -> String {
        "\(label)-\(UInt64(Date().timeIntervalSince1970 * 1000))-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Splits `total` over `parts` as evenly as it goes.
    private static func share(_ total: Int, _ parts: Int, _ index: Int) -> Int {
        total / parts + (index < total % parts ? 1 : 0)
    }

    /// The two threads of a producer sending `count` messages made by `payload(i)`, paced by `due(i)`.
    private func producerBodies(
        _ producer: any StreamBenchProducer, count: Int, counters: Counters,
        due: (@Sendable (Int) -> UInt64)? = nil, payload: @escaping @Sendable (Int) -> [UInt8]
    ) -> [@Sendable () throws -> Void] {
        let slots = DispatchSemaphore(value: window)
        let sender: @Sendable () throws -> Void = {
            for i in 0..<count {
                if let due {
                    let wait = Int64(due(i)) - Int64(StreamBenchPayload.now())
                    if wait > 20_000 { Self.sleep(nanoseconds: wait) }
                }
                slots.wait()
                try producer.send(payload(i))
            }
        }
        let receiver: @Sendable () throws -> Void = {
            for _ in 0..<count {
                try producer.awaitReceipt()
                slots.signal()
            }
            counters.lastReceipt.max(StreamBenchPayload.now(), ordering: .relaxed)
        }
        return [sender, receiver]
    }

    private static func sleep(nanoseconds: Int64) {
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        nanosleep(&request, nil)
    }

    /// (a) `producers` producers publish `messages` messages of 100 bytes
    /// as fast as the window allows; from the first write to the last receipt.
    func publish(messages: Int, producers: Int) throws -> Throughput {
        let stream = try side.makeStream(run: Self.runName("pub"), group: nil)
        defer { try? side.dropStream(stream) }
        let clients = try (0..<producers).map { try side.producer(on: stream, index: $0) }
        defer { clients.forEach { $0.close() } }
        let payload = StreamBenchPayload.stamped()
        let counters = Counters()
        let start = StreamBenchPayload.now()
        try BenchThreads.run(clients.enumerated().flatMap { index, producer in
            producerBodies(producer, count: Self.share(messages, producers, index), counters: counters) { _ in payload }
        })
        return Throughput(messages: messages, seconds: Self.seconds(from: start, to: counters.lastReceipt.load(ordering: .relaxed)))
    }

    /// (b) `clients` producers and as many consumers of one subscription
    /// at once; every message acknowledged; from the first write to the
    /// last delivery.
    func endToEnd(messages: Int, clients: Int) throws -> Throughput {
        let stream = try side.makeStream(run: Self.runName("e2e"), group: Self.group)
        defer { try? side.dropStream(stream) }
        let consumers = try (0..<clients).map {
            try side.consumer(on: stream, group: Self.group, index: $0, consumers: clients, window: window)
        }
        defer { consumers.forEach { $0.close() } }
        let producers = try (0..<clients).map { try side.producer(on: stream, index: $0) }
        defer { producers.forEach { $0.close() } }
        let payload = StreamBenchPayload.stamped()
        let counters = Counters()
        let start = StreamBenchPayload.now()
        var bodies = producers.enumerated().flatMap { index, producer in
            producerBodies(producer, count: Self.share(messages, clients, index), counters: counters) { _ in payload }
        }
        for consumer in consumers {
            let box = UncheckedBox(consumer)
            bodies.append {
                let consumer = box.value
                var idle = ContinuousClock.now
                while counters.delivered.load(ordering: .relaxed) < messages {
                    guard try consumer.receive(timeout: Self.poll, wantPayload: false) != nil else {
                        if idle.duration(to: .now) > .seconds(30) { throw StreamBenchFailure("\(side.name): no delivery for 30 s") }
                        continue
                    }
                    idle = .now
                    if counters.delivered.add(1, ordering: .relaxed).newValue == messages {
                        counters.lastDelivery.store(StreamBenchPayload.now(), ordering: .relaxed)
                    }
                    try consumer.acknowledgeLast()
                }
            }
        }
        try BenchThreads.run(bodies)
        return Throughput(messages: messages, seconds: Self.seconds(from: start, to: counters.lastDelivery.load(ordering: .relaxed)))
    }

    /// (c) One producer paced at `rate` messages/s for `seconds`, one
    /// consumer; each payload carries its send time; publish→deliver
    /// latency of every message, in ms.
    func latency(rate: Int, seconds: Double) throws -> Latency {
        let messages = max(1, Int(Double(rate) * seconds))
        let stream = try side.makeStream(run: Self.runName("lat"), group: Self.group)
        defer { try? side.dropStream(stream) }
        let consumer = try side.consumer(on: stream, group: Self.group, index: 0, consumers: 1, window: window)
        defer { consumer.close() }
        let producer = try side.producer(on: stream, index: 0)
        defer { producer.close() }
        let counters = Counters()
        let samples = UncheckedBox([Double]())
        let start = StreamBenchPayload.now() + 1_000_000
        let interval = 1e9 / Double(rate)
        var bodies = producerBodies(producer, count: messages, counters: counters,
                                    due: { start + UInt64(Double($0) * interval) }) { _ in StreamBenchPayload.stamped() }
        let consumerBox = UncheckedBox(consumer)
        bodies.append {
            let consumer = consumerBox.value
            var latencies: [Double] = []
            latencies.reserveCapacity(messages)
            var idle = ContinuousClock.now
            while latencies.count < messages {
                guard let payload = try consumer.receive(timeout: Self.poll, wantPayload: true) else {
                    if idle.duration(to: .now) > .seconds(30) { throw StreamBenchFailure("\(side.name): no delivery for 30 s") }
                    continue
                }
                idle = .now
                let arrived = StreamBenchPayload.now()
                guard let sent = StreamBenchPayload.sendTime(of: payload) else { throw StreamBenchFailure("payload without a send time") }
                latencies.append(Double(arrived &- sent) / 1e6)
                try consumer.acknowledgeLast()
            }
            counters.lastDelivery.store(StreamBenchPayload.now(), ordering: .relaxed)
            samples.value = latencies
        }
        try BenchThreads.run(bodies)
        let sorted = samples.value.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        let sendSeconds = Self.seconds(from: start, to: counters.lastReceipt.load(ordering: .relaxed))
        return Latency(messages: sorted.count, p50: percentile(0.50), p99: percentile(0.99), max: sorted.last ?? 0,
                       rate: Double(messages) / sendSeconds)
    }

    private static func seconds(from start: UInt64, to end: UInt64) -> Double {
        Double(end &- start) / 1e9
    }
}

/// Hands a value to one other thread, which alone uses it from then on.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
