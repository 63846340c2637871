/// One system under test of `c8 bench streams`: c8 over its WebSocket API,
/// or Redis Streams over RESP. The workloads (`StreamLoad`) drive both
/// through these calls, so both sides run the same client code: one
/// message per write, receipts and deliveries read in bulk, one ack per
/// message.
protocol StreamBenchSide: Sendable {
    /// "c8" or "Redis", for the table.
    var name: String { get }
    /// A fresh, empty stream for one run; with `group`, its subscription
    /// (consumer group) exists before anything is published, at the end
    /// of the stream.
    func makeStream(run: String, group: String?) throws -> String
    /// Deletes the stream and everything in it.
    func dropStream(_ stream: String) throws
    func producer(on stream: String, index: Int) throws -> any StreamBenchProducer
    /// A consumer of `group`; `window` messages may be delivered and not
    /// yet acknowledged (c8: receiverQueueSize; Redis: XREADGROUP COUNT).
    func consumer(on stream: String, group: String, index: Int, consumers: Int, window: Int) throws -> any StreamBenchConsumer
}

/// Publishes: `send` on one thread, `awaitReceipt` on another.
protocol StreamBenchProducer: AnyObject, Sendable {
    /// Writes one message carrying `payload`.
    func send(_ payload: [UInt8]) throws
    /// Blocks until the next publish receipt (the id the stream gave the
    /// message); throws if the message was refused.
    func awaitReceipt() throws
    func close()
}

/// Receives and acknowledges on one thread.
protocol StreamBenchConsumer: AnyObject {
    /// The next message's payload, or nil when nothing came within `timeout`.
    /// `wantPayload` false lets a side skip decoding what the caller ignores.
    func receive(timeout: Duration, wantPayload: Bool) throws -> [UInt8]?
    /// Acknowledges the message `receive` returned last.
    func acknowledgeLast() throws
    func close()
}
