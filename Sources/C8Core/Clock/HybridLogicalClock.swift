import Synchronization

/// A hybrid logical clock (Kulkarni et al.): timestamps that stay close to
/// wall-clock time yet never repeat or go back, and that order causally
/// related events across regions.
///
/// Each region stamps its writes with ``now()``; when it applies a change
/// replicated from another region it calls ``update(received:)`` first, so
/// everything it does afterwards is stamped later than the change it saw.
/// Last-writer-wins conflict resolution compares these stamps.
///
/// Lock-free: the last timestamp is one `Atomic<UInt64>` advanced by
/// compare-and-swap, so concurrent writers each get a distinct value.
public final class HybridLogicalClock: Sendable {
    private let physicalClock: any PhysicalClock
    private let last: Atomic<UInt64>

    /// A clock reading `physicalClock`, starting above `initial` — pass the
    /// last timestamp persisted before a restart to stay monotonic across it.
    public init(physicalClock: any PhysicalClock = SystemClock(), initial: HybridTimestamp = .zero) {
        self.physicalClock = physicalClock
        last = Atomic(initial.rawValue)
    }

    /// A clock whose physical time comes from a closure (milliseconds since the epoch).
    public convenience init(milliseconds: @escaping @Sendable () -> UInt64, initial: HybridTimestamp = .zero) {
        self.init(physicalClock: ClosureClock(milliseconds), initial: initial)
    }

    /// The latest timestamp issued or merged, without advancing the clock.
    public var current: HybridTimestamp { HybridTimestamp(rawValue: last.load(ordering: .acquiring)) }

    /// A timestamp greater than every one this clock issued or merged before.
    ///
    /// It is the wall-clock time with counter 0 when the wall clock has moved
    /// past the last timestamp; otherwise the last timestamp plus one, which
    /// bumps the counter while the wall clock stalls or runs backwards (and
    /// carries into the next millisecond when the counter is full).
    public func now() -> HybridTimestamp {
        advance(past: 0)
    }

    /// Merges a timestamp received from another region and returns a local
    /// timestamp greater than both it and everything issued here before —
    /// the receive rule of the HLC, which makes "A happened before B" imply
    /// "stamp(A) < stamp(B)" across regions.
    ///
    /// A remote clock far ahead drags this one forward with it; a timestamp
    /// of `UInt64.max` leaves the clock saturated, where it can no longer
    /// increase.
    @discardableResult
    public func update(received: HybridTimestamp) -> HybridTimestamp {
        advance(past: received.rawValue)
    }

    private func advance(past floor: UInt64) -> HybridTimestamp {
        var old = last.load(ordering: .relaxed)
        while true {
            let physical = HybridTimestamp(milliseconds: physicalClock.milliseconds()).rawValue
            let new = max(physical, Self.successor(old), Self.successor(floor))
            let (exchanged, original) = last.compareExchange(
                expected: old, desired: new, successOrdering: .acquiringAndReleasing, failureOrdering: .relaxed)
            if exchanged { return HybridTimestamp(rawValue: new) }
            old = original
        }
    }

    private static func successor(_ value: UInt64) -> UInt64 {
        value == UInt64.max ? value : value + 1
    }
}
