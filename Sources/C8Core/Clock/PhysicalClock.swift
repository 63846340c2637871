import Foundation
import Synchronization

/// The wall clock a ``HybridLogicalClock`` reads: milliseconds since the Unix
/// epoch.
///
/// A protocol so that tests and the deterministic multi-region simulator can
/// stall it, step it backwards or skew one region against another.
public protocol PhysicalClock: Sendable {
    func milliseconds() -> UInt64
}

/// The real wall clock (`CLOCK_REALTIME`), which may jump either way.
public struct SystemClock: PhysicalClock {
    public init() {}

    public func milliseconds() -> UInt64 {
        let seconds = Date().timeIntervalSince1970
        return seconds <= 0 ? 0 : UInt64(seconds * 1000)
    }
}

/// A clock that moves only when told to: for tests and the simulator.
public final class ManualClock: PhysicalClock {
    private let now: Mutex<UInt64>

    public init(milliseconds: UInt64 = 0) {
        now = Mutex(milliseconds)
    }

    public func milliseconds() -> UInt64 { now.withLock { $0 } }

    /// Sets the time, backwards as well as forwards.
    public func set(milliseconds: UInt64) { now.withLock { $0 = milliseconds } }

    /// Moves the time by `delta` milliseconds (negative goes back, stopping at 0).
    public func advance(by delta: Int64) {
        now.withLock { now in
            now = delta >= 0 ? now &+ UInt64(delta) : now - min(now, delta.magnitude)
        }
    }
}

/// Adapts a closure, for callers that have a time source but no type for it.
public struct ClosureClock: PhysicalClock {
    private let read: @Sendable () -> UInt64

    public init(_ read: @escaping @Sendable () -> UInt64) {
        self.read = read
    }

    public func milliseconds() -> UInt64 { read() }
}
