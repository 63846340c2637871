/// The last messages of a persistent stream, kept in memory so consumers
/// a little behind the producer are served without a storage read.
/// Entries are consecutive, so evicting `entry - capacity` on each insert
/// keeps it bounded.
struct TailCache {
    let capacity: Int
    private var messages: [UInt64: StreamMessage] = [:]

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    subscript(entry: UInt64) -> StreamMessage? { messages[entry] }

    mutating func insert(_ message: StreamMessage) {
        guard capacity > 0 else { return }
        let entry = message.id.entry
        messages[entry] = message
        if entry >= UInt64(capacity) { messages[entry - UInt64(capacity)] = nil }
    }

    /// Forgets entries `..<first` (trimmed from the log).
    mutating func evict(below first: UInt64) {
        guard !messages.isEmpty else { return }
        messages = messages.filter { $0.key >= first }
    }

    mutating func removeAll() { messages = [:] }
}
