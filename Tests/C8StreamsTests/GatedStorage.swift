import C8Core
import C8Storage
import Dispatch
import Synchronization

/// A storage engine over another that a test can hold and fail: the next
/// write can be made to wait (so more publishes queue behind it and form
/// a group), and writes can be made to fail, as a full disk would.
final class GatedStorage: StorageEngine {
    private let base: any StorageEngine
    private struct State {
        var holdNext = false
        var failing = false
        /// Operation counts of the writes that failed, in order.
        var failedBatches: [Int] = []
        var writes = 0
    }
    private let state = Mutex(State())
    private let held = DispatchSemaphore(value: 0)
    private let release = DispatchSemaphore(value: 0)

    init(_ base: any StorageEngine) { self.base = base }

    /// The next write waits until ``releaseHeld()``; `waitUntilHeld()`
    /// returns once it has started waiting.
    func holdNextWrite() { state.withLock { $0.holdNext = true } }
    func waitUntilHeld() { held.wait() }
    func releaseHeld() { release.signal() }
    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }
    var failedBatches: [Int] { state.withLock { $0.failedBatches } }
    var writes: Int { state.withLock { $0.writes } }

    func get(_ key: [UInt8]) throws(C8Error) -> [UInt8]? { try base.get(key) }

    func write(_ batch: WriteBatch, sync: Bool) throws(C8Error) {
        let hold = state.withLock { s -> Bool in
            defer { s.holdNext = false }
            return s.holdNext
        }
        if hold {
            held.signal()
            release.wait()
        }
        let failing = state.withLock { s -> Bool in
            s.writes += 1
            if s.failing { s.failedBatches.append(batch.count) }
            return s.failing
        }
        if failing { throw C8Error(.internalError, "injected storage failure") }
        try base.write(batch, sync: sync)
    }

    func makeIterator(_ range: KeyRange, reverse: Bool) -> any StorageIterator { base.makeIterator(range, reverse: reverse) }
    func ingest(_ entries: SortedEntries) throws(C8Error) { try base.ingest(entries) }
    func sync() throws(C8Error) { try base.sync() }
    func approximateSize(_ range: KeyRange) -> Int { base.approximateSize(range) }
    func close() { base.close() }
}
