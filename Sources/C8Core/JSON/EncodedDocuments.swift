#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many values in ``BinaryJSON`` form — the documents of a bulk load —
/// packed back to back in a few large blocks, each found by its index.
///
/// An import holds every document between parsing and storing: as `JSON`
/// trees that is ~1.1 KB and a dozen allocations per ~200-byte document,
/// packed like this about the size of its text and one allocation per
/// block. Each parsing task fills a block with a ``Builder`` on its own
/// thread; ``append(contentsOf:)`` joins the blocks without copying them.
/// Blocks are immutable once built, so the documents can be read from
/// every core at once (``withUnsafeDocuments(_:)``).
public struct EncodedDocuments: Sendable {
    private var blocks: [Block] = []
    /// Per block, the index of its first document.
    private var firsts: [Int] = []
    /// Documents held (a ``prefix(_:)`` holds fewer than its blocks).
    public private(set) var count = 0

    public init() {}

    /// Encodes `documents` (what a caller holding trees hands to a bulk load).
    public init(encoding documents: some Collection<JSON>) {
        var builder = Builder(reservingDocuments: documents.count, bytes: documents.count * 128)
        for document in documents {
            BinaryJSON.encode(document, into: &builder.bytes)
            builder.endDocument()
        }
        self = builder.finish()
    }

    public var isEmpty: Bool { count == 0 }

    /// Appends `other`'s documents after these, sharing its blocks.
    public mutating func append(contentsOf other: EncodedDocuments) {
        precondition(count == blocks.last.map { firsts[firsts.count - 1] + $0.count } ?? 0,
                     "appending to a prefix")
        for (block, first) in zip(other.blocks, other.firsts) {
            guard first < other.count else { break }
            firsts.append(count)
            blocks.append(block)
            count += min(block.count, other.count - first)
        }
    }

    /// The first `n` documents (sharing the blocks).
    public func prefix(_ n: Int) -> EncodedDocuments {
        var result = self
        result.count = min(max(0, n), count)
        return result
    }

    /// Decodes document `index` (for a caller that needs the tree).
    public func document(at index: Int) throws(BinaryJSONError) -> JSON {
        let result = withUnsafeDocuments { documents in
            Result { () throws(BinaryJSONError) -> JSON in try BinaryJSON.decode(buffer: documents[index]) }
        }
        return try result.get()
    }

    /// Calls `body` with a view of the documents that reads them without
    /// reference counting (which contends when every core reads).
    public func withUnsafeDocuments<R>(_ body: (Reader) throws -> R) rethrows -> R {
        let bases = blocks.map { UnsafePointer($0.base) }
        let ends = blocks.map { UnsafePointer($0.ends) }
        return try withExtendedLifetime(blocks) {
            try bases.withUnsafeBufferPointer { bases in
                try ends.withUnsafeBufferPointer { ends in
                    try firsts.withUnsafeBufferPointer { firsts in
                        try body(Reader(bases: bases, ends: ends, firsts: firsts, count: count))
                    }
                }
            }
        }
    }

    /// Documents by index, valid inside ``withUnsafeDocuments(_:)``.
    public struct Reader {
        fileprivate let bases: UnsafeBufferPointer<UnsafePointer<UInt8>>
        fileprivate let ends: UnsafeBufferPointer<UnsafePointer<Int>>
        fileprivate let firsts: UnsafeBufferPointer<Int>
        public let count: Int

        /// The encoded bytes of document `index`.
        public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            precondition(index >= 0 && index < count, "document index out of range")
            // The last block whose first document is at or before `index`.
            var low = 0, high = firsts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if firsts[middle] <= index { low = middle } else { high = middle - 1 }
            }
            let local = index - firsts[low]
            let start = local == 0 ? 0 : ends[low][local - 1]
            return UnsafeBufferPointer(start: bases[low] + start, count: ends[low][local] - start)
        }
    }

    /// Fills one block: write a document's encoding into ``bytes`` (with
    /// ``BinaryJSON/encode(_:into:)`` or a transcoder), then call
    /// ``endDocument()``.
    public struct Builder: ~Copyable {
        public var bytes: ByteBuffer
        private var ends: [Int] = []

        public init(reservingDocuments documents: Int = 0, bytes byteCount: Int = 0) {
            bytes = ByteBuffer(capacity: byteCount)
            ends.reserveCapacity(documents)
        }

        /// Documents ended so far.
        public var count: Int { ends.count }

        /// Ends the document written since the previous one.
        public mutating func endDocument() {
            ends.append(bytes.count)
        }

        /// The documents ended; bytes written after the last one are dropped.
        public consuming func finish() -> EncodedDocuments {
            let ends = self.ends
            guard !ends.isEmpty else { return EncodedDocuments() }
            let block = Block(bytes: bytes.takeAllocation(), ends: ends)
            var documents = EncodedDocuments()
            documents.blocks = [block]
            documents.firsts = [0]
            documents.count = ends.count
            return documents
        }
    }

    /// One block's bytes and, per document, where it ends. Immutable.
    private final class Block: Sendable {
        nonisolated(unsafe) let base: UnsafeMutablePointer<UInt8>
        nonisolated(unsafe) let ends: UnsafeMutablePointer<Int>
        let count: Int

        init(bytes: (base: UnsafeMutablePointer<UInt8>, count: Int), ends: [Int]) {
            base = bytes.base
            count = ends.count
            self.ends = .allocate(capacity: ends.count)
            self.ends.initialize(from: ends, count: ends.count)
        }

        deinit {
            base.deallocate()
            ends.deallocate()
        }
    }
}
