#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import C8Storage

/// Several sorted iterators as one, each key once: the nodes of a region
/// each hold two thirds of its keys, every key on two of them with the same
/// value, so merging the up nodes' namespaces and skipping repeats reads
/// the region's whole key space in order.
final class DeduplicatingMergeIterator: StorageIterator {
    private let sources: [any StorageIterator]
    private let reverse: Bool
    /// Whether each source has a current entry (moved onto by `advance`).
    private var valid: [Bool]
    private var primed = false
    private var current = -1

    init(_ sources: [any StorageIterator], reverse: Bool) {
        self.sources = sources
        self.reverse = reverse
        valid = Array(repeating: false, count: sources.count)
    }

    var key: UnsafeBufferPointer<UInt8> { sources[current].key }
    var value: UnsafeBufferPointer<UInt8> { sources[current].value }

    func next() -> Bool {
        if !primed {
            for index in sources.indices { valid[index] = sources[index].next() }
            primed = true
        } else if current >= 0 {
            // Move the other sources sitting on the returned key past it
            // (compared with it in place, no copy), then the one it came from.
            let returned = sources[current].key
            for index in sources.indices where index != current && valid[index] && Self.compare(sources[index].key, returned) == 0 {
                valid[index] = sources[index].next()
            }
            valid[current] = sources[current].next()
        }
        current = -1
        for index in sources.indices where valid[index] {
            if current < 0 {
                current = index
                continue
            }
            let order = Self.compare(sources[index].key, sources[current].key)
            if reverse ? order > 0 : order < 0 { current = index }
        }
        return current >= 0
    }

    func seek(_ key: [UInt8]) {
        for source in sources { source.seek(key) }
        primed = false
        current = -1
    }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let result = memcmp(x, y, common)
            if result != 0 { return Int(result) }
        }
        return a.count - b.count
    }
}
