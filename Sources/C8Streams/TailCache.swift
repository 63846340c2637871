/// The last messages of a persistent stream, kept in memory so consumers
/// a little behind the producer are served without a storage read.
///
/// Entries are consecutive, so a ring of `capacity` slots indexed by entry
/// holds the newest `capacity` of them: an insert overwrites the slot of
/// `entry - capacity`. (A dictionary cost a hash insert and a hash delete
/// per published message, under the stream's lock.) Slots are allocated on
/// first use, so a quiet stream costs nothing.
struct TailCache {
    let capacity: Int
    private var slots: [StreamMessage?] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    subscript(entry: UInt64) -> StreamMessage? {
        guard !slots.isEmpty, let message = slots[slot(entry)], message.id.entry == entry else { return nil }
        return message
    }

    /// Puts `message` in its slot by moving it: it comes back holding the
    /// message the slot held before, if any (else unchanged). A copy
    /// retained the message's four references, and the one it replaced was
    /// freed under the stream's lock.
    mutating func insert(swapping message: inout StreamMessage) {
        guard capacity > 0 else { return }
        if slots.isEmpty { slots = Array(repeating: nil, count: capacity) }
        let index = slot(message.id.entry)
        // Tested through the id: `slots[index] == nil` copied the whole
        // message to compare it (four retains and releases).
        if slots[index]?.id == nil {
            slots[index] = message
        } else {
            swap(&slots[index]!, &message)
        }
    }

    /// Forgets entries `..<first` (trimmed from the log).
    mutating func evict(below first: UInt64) {
        for index in slots.indices {
            if let message = slots[index], message.id.entry < first { slots[index] = nil }
        }
    }

    mutating func removeAll() { slots = [] }

    private func slot(_ entry: UInt64) -> Int { Int(entry % UInt64(capacity)) }
}
