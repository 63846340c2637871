import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Lets operations on a store in until the store closes, and makes the
/// close wait for the ones already inside.
///
/// RocksDB's handles are freed by `rocksdb_close`; a write that had passed
/// an "is it closed?" check a moment before ran on freed memory (a RocksDB
/// assertion in `MemTableInserter` aborted a test run once). One atomic
/// word holds a closed bit and the number of operations inside, so an
/// operation costs two uncontended atomic adds.
final class OperationGate: Sendable {
    private let state = Atomic<Int>(0)
    private static let closedBit = 1 << 62

    /// Whether the operation may run; when true, call ``leave()`` after it.
    func enter() -> Bool {
        let after = state.wrappingAdd(1, ordering: .acquiring).newValue
        if after & Self.closedBit == 0 { return true }
        leave()
        return false
    }

    func leave() {
        state.wrappingSubtract(1, ordering: .releasing)
    }

    /// Closes the gate and returns once no operation is inside; false when
    /// it was closed already (the caller then has nothing to do).
    func close() -> Bool {
        let before = state.bitwiseOr(Self.closedBit, ordering: .acquiringAndReleasing).oldValue
        guard before & Self.closedBit == 0 else { return false }
        while state.load(ordering: .acquiring) & ~Self.closedBit != 0 { sched_yield() }
        return true
    }
}
