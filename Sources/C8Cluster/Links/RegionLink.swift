/// The changes on their way from one region to another: a FIFO queue of
/// their sequence numbers — the changes themselves stay in the origin's
/// replication log until delivered, so a long partition or a large import
/// costs a few bytes of memory per change, and a restart resends by number.
///
/// A change is sent when its origin commits it and becomes deliverable a
/// latency (plus jitter) later, never before the change sent ahead of it.
/// While the link is cut, or either end is down, nothing is delivered and
/// nothing is dropped; when it heals, what waits is sent again and arrives
/// a latency after the heal. That is what "partitions delay replication,
/// never lose it" means here.
struct RegionLink {
    struct InFlight {
        let sequence: UInt64
        var deliverableMicros: UInt64
        let sentMicros: UInt64
    }

    let from: Int
    let to: Int
    var profile: LinkProfile
    private(set) var queue: [InFlight] = []
    /// Index of the first undelivered change in `queue` (delivered ones are
    /// dropped in chunks, not one by one).
    private var head = 0
    /// When the last delivered change had been sent and delivered (µs):
    /// the link's most recent lag.
    private(set) var lastLagMicros: UInt64 = 0

    init(from: Int, to: Int, profile: LinkProfile) {
        self.from = from
        self.to = to
        self.profile = profile
    }

    var pendingCount: Int { queue.count - head }

    /// When the first waiting change becomes deliverable, if any waits.
    var nextDeliverableMicros: UInt64? { head < queue.count ? queue[head].deliverableMicros : nil }

    /// The oldest waiting change's send time.
    var oldestPendingSentMicros: UInt64? { head < queue.count ? queue[head].sentMicros : nil }

    mutating func send(_ sequence: UInt64, at now: UInt64, jitterMicros: UInt64) {
        let arrival = now + Self.micros(profile.latencyMs) + jitterMicros
        let floor = queue.last.map(\.deliverableMicros) ?? 0
        queue.append(InFlight(sequence: sequence, deliverableMicros: max(arrival, floor), sentMicros: now))
    }

    /// Takes the changes deliverable at `now`: a run of consecutive
    /// sequence numbers, nil when none is due.
    mutating func takeDeliverable(at now: UInt64, limit: Int = .max) -> ClosedRange<UInt64>? {
        guard head < queue.count, queue[head].deliverableMicros <= now else { return nil }
        let first = queue[head].sequence
        var last = first
        var taken = 0
        while head < queue.count, queue[head].deliverableMicros <= now, taken < limit {
            taken += 1
            last = queue[head].sequence
            lastLagMicros = now - queue[head].sentMicros
            head += 1
        }
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return first...last
    }

    /// The link came back at `now`: what waits is sent again and arrives a
    /// latency from now at the earliest.
    mutating func resend(at now: UInt64) {
        let earliest = now + Self.micros(profile.latencyMs)
        for index in head..<queue.count where queue[index].deliverableMicros < earliest {
            queue[index].deliverableMicros = earliest
        }
    }

    static func micros(_ milliseconds: Double) -> UInt64 {
        UInt64(max(0, milliseconds * 1000))
    }
}
