import C8Core

/// Where the federation's time comes from and where its replication work
/// runs: real time on a background queue (``RealTimeScheduler``), or
/// virtual time stepped by a test on its own thread
/// (``DeterministicScheduler``), so that a failing schedule replays exactly.
///
/// Actions run one at a time, in the order of their due times (ties in the
/// order they were scheduled); every piece of replication state is touched
/// only by them or under the federation's lock.
public protocol ClusterScheduler: AnyObject, Sendable {
    /// Microseconds since the Unix epoch: what the regions' clocks read.
    var nowMicros: UInt64 { get }

    /// Runs `action` once `nowMicros` has reached `dueMicros`.
    func schedule(atMicros dueMicros: UInt64, _ action: @escaping @Sendable () -> Void)

    /// Waits on the calling thread until `condition` holds or `timeoutMicros`
    /// pass: in real time by sleeping between checks, in virtual time by
    /// running the simulation forward. Returns whether it holds.
    func wait(timeoutMicros: UInt64, until condition: () -> Bool) -> Bool
}

extension ClusterScheduler {
    /// Milliseconds since the Unix epoch, for the regions' hybrid clocks.
    public var nowMilliseconds: UInt64 { nowMicros / 1000 }

    /// A physical clock reading this scheduler's time.
    public var physicalClock: any PhysicalClock {
        ClosureClock { [unowned self] in self.nowMilliseconds }
    }
}
