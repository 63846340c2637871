import Dispatch
import Foundation

/// Data-parallel loops over the machine's cores, for the few CPU-bound
/// bulk paths (parsing and encoding an import's documents).
public enum Parallel {
    /// The cores work is spread over.
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Splits `0..<count` into consecutive chunks of at least
    /// `minimumChunk` items (a few per core, so a slow chunk does not leave
    /// a core idle), runs `body` on the chunks concurrently, and returns
    /// its results in chunk order. With one chunk `body` runs inline.
    ///
    /// `body` runs on several threads at once: it must only read what it
    /// shares and build its result from its own range.
    public static func mapChunks<T>(
        count: Int, minimumChunk: Int = 1024, _ body: @Sendable (Range<Int>) -> T
    ) -> [T] {
        let chunks = max(1, min(count / max(1, minimumChunk), coreCount * 4))
        let ranges = (0..<chunks).map { c in (count * c / chunks)..<(count * (c + 1) / chunks) }
        if chunks == 1 { return [body(ranges[0])] }
        let results = ResultSlots<T>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            results.set(c, body(ranges[c]))
        }
        return results.take()
    }
}

/// One slot per chunk, each written by exactly one thread before
/// `concurrentPerform` returns, read after it (which orders the writes
/// before the reads).
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ index: Int, _ value: T) { slots[index] = value }

    func take() -> [T] { (0..<count).map { slots[$0].take()! } }
}
