/// A sliding window over an input read in large chunks, so splitters can
/// hand out documents as slices of one buffer instead of copying each.
///
/// Bytes between `start` and `end` have been read but not consumed. When
/// a splitter needs more, `readMore()` moves the unconsumed tail to the
/// front (or doubles the buffer when a single document fills it) and
/// appends the next chunk. Memory therefore stays at about one chunk
/// plus the largest document, whatever the input's size.
final class ChunkedInput {
    /// 1 MiB: large enough that `read(2)` calls cost nothing, small enough
    /// to stay in the CPU's caches.
    static let defaultChunkSize = 1 << 20

    private let reader: any ByteReader
    private var storage: UnsafeMutableRawBufferPointer
    private let chunkSize: Int
    /// First unconsumed byte.
    private(set) var start = 0
    /// One past the last byte read.
    private(set) var end = 0
    /// Bytes consumed so far, for progress.
    private(set) var consumedBytes = 0
    private(set) var isExhausted = false

    init(reader: any ByteReader, chunkSize: Int = ChunkedInput.defaultChunkSize) {
        self.reader = reader
        self.chunkSize = max(16, chunkSize)
        storage = .allocate(byteCount: self.chunkSize, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// The input's total size when known (a regular file).
    var knownSize: Int? { reader.knownSize }

    /// The read but unconsumed bytes. Valid until the next `readMore()`.
    var window: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage.baseAddress!.assumingMemoryBound(to: UInt8.self) + start,
                            count: end - start)
    }

    /// Marks the first `count` bytes of the window as done.
    func consume(_ count: Int) {
        precondition(count <= end - start)
        start += count
        consumedBytes += count
    }

    /// Appends the next chunk to the window, keeping its unconsumed bytes.
    /// - Returns: false when the input has ended (the window is unchanged).
    func readMore() throws(CommandFailure) -> Bool {
        if isExhausted { return false }
        makeRoom()
        let free = UnsafeMutableRawBufferPointer(rebasing: storage[end...])
        let count = try reader.read(into: free)
        if count == 0 {
            isExhausted = true
            return false
        }
        end += count
        return true
    }

    /// Ensures at least one chunk of free space after `end`.
    private func makeRoom() {
        let pending = end - start
        if start > 0, storage.count - end < chunkSize {
            if pending > 0 {
                storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending)
            }
            start = 0
            end = pending
        }
        if storage.count - end < chunkSize {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(storage.count * 2, end + chunkSize),
                                                                alignment: 16)
            larger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
            storage.deallocate()
            storage = larger
        }
    }
}
