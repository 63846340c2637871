import C8Storage
import Dispatch
import Foundation
import Synchronization

/// Removes expired documents in the background, for every TTL index.
///
/// It knows nothing of collections: whoever owns them supplies the current
/// list of targets — a TTL index, the storage it lives in, and a closure
/// that removes documents by `_key` through the normal write path (so their
/// other index entries, counts and replication follow). The list is asked
/// for on every run, so indexes created or dropped later are picked up.
///
/// ArangoDB runs its TTL thread every 30 seconds; here the default is 1 s
/// so that demos show documents vanishing. ``runOnce(now:)`` does one pass
/// synchronously, for tests and for callers with their own schedule.
public final class TTLReaper: Sendable {
    /// One TTL index to clean up.
    public struct Target: Sendable {
        public var index: TTLIndex
        public var storage: any StorageEngine
        /// Removes the documents with these keys; a key that is already gone
        /// is not an error.
        public var remove: @Sendable ([String]) -> Void

        public init(index: TTLIndex, storage: any StorageEngine, remove: @escaping @Sendable ([String]) -> Void) {
            self.index = index
            self.storage = storage
            self.remove = remove
        }
    }

    /// Seconds between runs.
    public let interval: Double
    /// Keys handed to one `remove` call.
    public let batchSize: Int
    /// Removals per run across all targets, so one run cannot stall others.
    public let maxRemovalsPerRun: Int

    private let targets: @Sendable () -> [Target]
    private let clock: @Sendable () -> Double
    private let timer = Mutex<DispatchSourceTimer?>(nil)
    /// Held for the whole of a run, so runs never overlap.
    private let running = Mutex<Void>(())
    private let removed = Atomic<Int>(0)

    /// - Parameters:
    ///   - clock: the current time in seconds since the epoch.
    ///   - targets: the TTL indexes to clean, asked for on every run.
    public init(
        interval: Double = 1, batchSize: Int = 1000, maxRemovalsPerRun: Int = 100_000,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        targets: @escaping @Sendable () -> [Target]
    ) {
        self.interval = interval
        self.batchSize = max(1, batchSize)
        self.maxRemovalsPerRun = max(1, maxRemovalsPerRun)
        self.clock = clock
        self.targets = targets
    }

    /// Keys handed to `remove` since the reaper was made.
    public var removedCount: Int { removed.load(ordering: .relaxed) }

    public var isRunning: Bool { timer.withLock { $0 != nil } }

    /// Starts running every ``interval`` seconds on a background queue; does
    /// nothing if already started.
    public func start() {
        timer.withLock { timer in
            guard timer == nil else { return }
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "c8.ttl-reaper"))
            let nanoseconds = Int(interval * 1_000_000_000)
            source.schedule(deadline: .now() + .nanoseconds(nanoseconds), repeating: .nanoseconds(nanoseconds))
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.runOnce(now: self.clock())
            }
            source.resume()
            timer = source
        }
    }

    /// Stops the background runs; returns after a run in progress finished.
    /// Not to be called from a `remove` closure (it would wait for itself).
    public func stop() {
        let source = timer.withLock { timer -> DispatchSourceTimer? in
            defer { timer = nil }
            return timer
        }
        source?.cancel()
        running.withLock { _ in }  // waits for a run in progress
    }

    deinit {
        timer.withLock { $0?.cancel() }
    }

    /// One pass over every target: removes what expired at `now`, in
    /// batches of ``batchSize``, at most ``maxRemovalsPerRun`` in all.
    /// Returns how many keys it handed to `remove`.
    @discardableResult
    public func runOnce(now: Double) -> Int {
        running.withLock { _ in
            var budget = maxRemovalsPerRun
            for target in targets() where budget > 0 {
                budget -= reap(target, now: now, budget: budget)
            }
            let count = maxRemovalsPerRun - budget
            removed.add(count, ordering: .relaxed)
            return count
        }
    }

    /// Removes expired documents of one target; returns how many keys it
    /// handed to `remove`.
    private func reap(_ target: Target, now: Double, budget: Int) -> Int {
        var count = 0
        var previous: [String] = []
        while count < budget {
            let keys = target.index.expiredKeys(now: now, limit: min(batchSize, budget - count), in: target.storage)
            // The same batch again means `remove` did not remove: give up
            // rather than spin, and try again next run.
            guard !keys.isEmpty, keys != previous else { break }
            target.remove(keys)
            count += keys.count
            previous = keys
        }
        return count
    }
}
