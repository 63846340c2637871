import C8Core
import C8Storage
import Dispatch
import Synchronization

/// Hands out the storage ids of streams and subscriptions. The high-water
/// mark goes into the same batch as the object it names, so an id is never
/// reused after a restart.
final class IdAllocator: Sendable {
    private let last: Mutex<UInt64>

    init(storage: any StorageEngine) throws(C8Error) {
        let stored = try storage.get(StreamKeys.idCounterKey).map { StreamKeys.readBigEndian($0, at: 0) } ?? 0
        last = Mutex(stored)
    }

    func next(in batch: inout WriteBatch) -> UInt64 {
        let id = last.withLock { last in
            last += 1
            return last
        }
        batch.put(StreamKeys.idCounterKey, StreamKeys.encodeNumber(id))
        return id
    }
}

/// Milliseconds of a clock that never jumps: for delays and timeouts,
/// which must not follow the wall clock (or a test's manual clock).
enum MonotonicTime {
    static func milliseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1_000_000 }
}

extension Duration {
    /// Whole milliseconds, at least 0.
    var milliseconds: UInt64 {
        let (seconds, attoseconds) = components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return total > 0 ? UInt64(total) : 0
    }
}
