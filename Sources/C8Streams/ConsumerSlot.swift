/// A connected consumer as its subscription sees it. Lives inside the
/// stream's lock, like everything a ``Topic`` keeps.
final class ConsumerSlot {
    let id: UInt64
    let name: String
    let channel: DeliveryChannel
    /// Messages it may still receive (flow control).
    var permits: Int
    /// Ms after a delivery before an unacked message goes back for
    /// redelivery; nil: never.
    let ackTimeout: UInt64?
    /// Deliveries waiting for their ack timeout, oldest first (one timeout
    /// per consumer, so deadlines arrive in order).
    var deadlines: [(deadline: UInt64, entry: UInt64, token: UInt64)] = []
    var deadlineStart = 0
    let connectedSince: UInt64
    var outMeter = RateMeter()

    init(id: UInt64, name: String, channel: DeliveryChannel, permits: Int, ackTimeout: UInt64?, connectedSince: UInt64) {
        self.id = id
        self.name = name
        self.channel = channel
        self.permits = permits
        self.ackTimeout = ackTimeout
        self.connectedSince = connectedSince
    }
}

/// A connected reader: a private, non-durable position in the log.
final class ReaderSlot {
    let id: UInt64
    let name: String
    let channel: DeliveryChannel
    var permits: Int
    /// The next entry to hand over.
    var position: UInt64
    let connectedSince: UInt64
    var outMeter = RateMeter()
    /// The platform's own reader (replication across regions): it does not
    /// keep a stream from being deleted.
    var isInternal = false

    init(id: UInt64, name: String, channel: DeliveryChannel, permits: Int, position: UInt64, connectedSince: UInt64) {
        self.id = id
        self.name = name
        self.channel = channel
        self.permits = permits
        self.position = position
        self.connectedSince = connectedSince
    }
}

/// A connected producer.
final class ProducerSlot {
    let id: UInt64
    let name: String
    /// Set when the producer gave an initial sequence id: it numbers its
    /// own messages from there; otherwise a message's sequence id is its
    /// position in the stream.
    var nextSequenceId: UInt64?
    let connectedSince: UInt64
    let closeSignal: CloseSignal
    var inMeter = RateMeter()

    init(id: UInt64, name: String, nextSequenceId: UInt64?, connectedSince: UInt64, closeSignal: CloseSignal) {
        self.id = id
        self.name = name
        self.nextSequenceId = nextSequenceId
        self.connectedSince = connectedSince
        self.closeSignal = closeSignal
    }
}
