import Synchronization

/// The increasing number behind traditional and padded keys: each value is
/// above every value handed out or tracked before, and at least the tick
/// source's reading when there is one.
///
/// In a federation each region hands out only numbers of its own residue
/// (its ``ClockSite``), so keys generated in different regions of one
/// global collection never collide.
final class MonotonicCounter: Sendable {
    private let last: Mutex<UInt64>
    private let tickSource: KeyTickSource?
    private let site: ClockSite

    init(lastValue: UInt64, tickSource: KeyTickSource?, site: ClockSite = .only) {
        last = Mutex(lastValue)
        self.tickSource = tickSource
        self.site = site
    }

    var value: UInt64 { last.withLock { $0 } }

    /// The next value; nil once `UInt64.max` has been used.
    func next() -> UInt64? {
        let tick = tickSource?() ?? 0
        return last.withLock { last -> UInt64? in
            let value = max(site.successor(last), tick > 0 ? site.successor(tick - 1) : 0)
            guard value > last else { return nil }
            last = value
            return value
        }
    }

    /// Raises the counter to `value` if it is higher.
    func track(_ value: UInt64) {
        last.withLock { last in last = max(last, value) }
    }
}

extension DocumentKey {
    /// The key as a decimal number, if it is only digits and fits 64 bits.
    var decimalValue: UInt64? {
        let bytes = rawValue.utf8
        guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(rawValue)
    }
}
