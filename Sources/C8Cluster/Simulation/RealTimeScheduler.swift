import Dispatch
import Foundation

/// Wall-clock time; actions run on one serial background queue.
public final class RealTimeScheduler: ClusterScheduler {
    private let queue = DispatchQueue(label: "c8.cluster.replication")

    public init() {}

    public var nowMicros: UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
    }

    public func wait(timeoutMicros: UInt64, until condition: () -> Bool) -> Bool {
        let deadline = nowMicros + timeoutMicros
        while !condition() {
            guard nowMicros < deadline else { return false }
            usleep(500)
        }
        return true
    }

    public func schedule(atMicros dueMicros: UInt64, _ action: @escaping @Sendable () -> Void) {
        let now = nowMicros
        guard dueMicros > now else {
            queue.async(execute: action)
            return
        }
        queue.asyncAfter(deadline: .now() + .microseconds(Int(min(dueMicros - now, UInt64(Int32.max)))), execute: action)
    }
}
