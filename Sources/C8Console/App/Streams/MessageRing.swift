/// A bounded buffer of the newest `capacity` elements, each numbered by
/// its arrival (`seq`, 0, 1, 2, …), that counts what it had to drop.
///
/// A tail must not grow without limit while a stream runs for hours (k9s
/// caps its log view for the same reason), and users must see that old
/// messages went, hence the `dropped` count. Sequence numbers let views
/// keep their place by message rather than by position, which shifts as
/// the oldest elements fall out.
public struct MessageRing<Element: Sendable>: Sendable {
    public let capacity: Int
    private var storage: [Element] = []
    /// Where the oldest element is in `storage` (0 until the ring is full).
    private var head = 0
    /// The seq of the oldest element kept.
    public private(set) var firstSeq = 0
    /// The seq the next element will get.
    public private(set) var nextSeq = 0
    /// Elements pushed out to make room.
    public private(set) var dropped = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(min(self.capacity, 1024))
    }

    public var count: Int { nextSeq - firstSeq }
    public var isEmpty: Bool { count == 0 }
    /// The seqs kept, oldest first.
    public var seqs: Range<Int> { firstSeq..<nextSeq }

    /// Appends and returns the element's seq, dropping the oldest when full.
    @discardableResult
    public mutating func append(_ element: Element) -> Int {
        let seq = nextSeq
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
            firstSeq += 1
            dropped += 1
        }
        nextSeq += 1
        return seq
    }

    /// A burst of `count` elements that would only push each other out:
    /// they and every element kept count as dropped without being stored,
    /// so a replay of a million messages formats only the last `capacity`.
    /// Call it before appending the burst's last `capacity` elements.
    public mutating func discard(_ count: Int) {
        guard count > 0 else { return }
        dropped += self.count + count
        storage.removeAll(keepingCapacity: true)
        head = 0
        nextSeq += count
        firstSeq = nextSeq
    }

    public func contains(_ seq: Int) -> Bool { seqs.contains(seq) }

    private func slot(_ seq: Int) -> Int {
        precondition(contains(seq), "seq \(seq) is not in the ring (\(seqs))")
        return (head + seq - firstSeq) % storage.count
    }

    /// The element `seq`; it must still be kept.
    public subscript(seq: Int) -> Element {
        get { storage[slot(seq)] }
        set { storage[slot(seq)] = newValue }
    }

    /// The same elements in a ring of another size: the newest `capacity`
    /// are kept with their seqs; the rest count as dropped.
    public func resized(to capacity: Int) -> MessageRing {
        var ring = MessageRing(capacity: capacity)
        let kept = seqs.suffix(ring.capacity)
        ring.firstSeq = kept.lowerBound
        ring.nextSeq = kept.lowerBound
        ring.dropped = dropped + (count - kept.count)
        for seq in kept { ring.append(self[seq]) }
        return ring
    }
}
