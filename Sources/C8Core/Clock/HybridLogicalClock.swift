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
///
/// The clocks of a federation's regions never issue the same timestamp:
/// each owns a ``ClockSite`` — a residue of the low bits of the logical
/// counter — and issues only timestamps with that residue. Equal
/// physical time and counter are thereby broken by the region, the same
/// way everywhere, and last-writer-wins needs nothing but `<`.
public final class HybridLogicalClock: Sendable {
    private let physicalClock: any PhysicalClock
    private let last: Atomic<UInt64>
    /// The timestamps this clock may issue (also how the region's key
    /// generators keep their numbers apart from other regions').
    public let site: ClockSite

    /// A clock reading `physicalClock`, starting above `initial` — pass the
    /// last timestamp persisted before a restart to stay monotonic across it.
    public init(physicalClock: any PhysicalClock = SystemClock(), initial: HybridTimestamp = .zero, site: ClockSite = .only) {
        self.physicalClock = physicalClock
        self.site = site
        last = Atomic(initial.rawValue)
    }

    /// A clock whose physical time comes from a closure (milliseconds since the epoch).
    public convenience init(milliseconds: @escaping @Sendable () -> UInt64, initial: HybridTimestamp = .zero, site: ClockSite = .only) {
        self.init(physicalClock: ClosureClock(milliseconds), initial: initial, site: site)
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
            let physical = HybridTimestamp(milliseconds: physicalClock.milliseconds()).rawValue | site.residue
            let new = max(physical, site.successor(old), site.successor(floor))
            let (exchanged, original) = last.compareExchange(
                expected: old, desired: new, successOrdering: .acquiringAndReleasing, failureOrdering: .relaxed)
            if exchanged { return HybridTimestamp(rawValue: new) }
            old = original
        }
    }
}

/// Which timestamps a clock may issue: those whose low `bits` bits equal
/// `residue`. One region alone owns every timestamp (``only``).
public struct ClockSite: Sendable, Hashable {
    /// Low bits of the logical counter that name the site.
    public let bits: Int
    public let residue: UInt64

    public static let only = ClockSite(bits: 0, residue: 0)

    /// Bits enough for a federation of up to 32 regions; 2^15 timestamps per
    /// millisecond remain for each.
    public static let federationBits = 5

    /// The site of region `index` (0-based) of a federation.
    public static func region(_ index: Int) -> ClockSite {
        precondition(index >= 0 && index < 1 << federationBits, "a federation has at most 32 regions")
        return ClockSite(bits: federationBits, residue: UInt64(index))
    }

    public init(bits: Int, residue: UInt64) {
        precondition(bits >= 0 && bits < HybridTimestamp.logicalBits && residue < 1 << UInt64(bits))
        self.bits = bits
        self.residue = residue
    }

    /// The region index a timestamp was issued by, under this width.
    public func owner(of timestamp: HybridTimestamp) -> Int {
        Int(timestamp.rawValue & mask)
    }

    private var mask: UInt64 { (1 << UInt64(bits)) - 1 }

    /// The least timestamp of this site greater than `value`; `value`
    /// itself when none is left (the clock is saturated).
    func successor(_ value: UInt64) -> UInt64 {
        let next = (value & ~mask) | residue
        if next > value { return next }
        let (bumped, overflow) = next.addingReportingOverflow(mask + 1)
        return overflow ? value : bumped
    }
}
