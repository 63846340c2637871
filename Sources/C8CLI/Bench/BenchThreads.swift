import Foundation
import Synchronization

/// Runs blocking bodies on threads of their own (load generators block in
/// socket calls, which would starve Dispatch's pool) and waits for all.
enum BenchThreads {
    private final class FirstError: Sendable {
        let error = Mutex<(any Error)?>(nil)
    }

    /// - Throws: the first error any body threw, after all have returned.
    static func run(_ bodies: [@Sendable () throws -> Void]) throws {
        let group = DispatchGroup()
        let first = FirstError()
        for body in bodies {
            group.enter()
            let thread = Thread {
                do { try body() } catch { first.error.withLock { if $0 == nil { $0 = error } } }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        if let error = first.error.withLock({ $0 }) { throw error }
    }
}
