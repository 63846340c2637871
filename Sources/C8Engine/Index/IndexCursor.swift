import C8Storage

/// A lazy, pull-based stream of document keys read from index entries, in
/// key order (or reverse) across one or more key ranges.
///
/// The executor streams: nothing is read before ``next()`` asks for it, and
/// all ranges are read through one snapshot (``RangeWalker``).
///
/// Every index it serves stores the document's `_key` as the entry value.
public final class IndexCursor: IteratorProtocol, Sequence {
    private let walker: RangeWalker
    private var seen: Set<String>?

    /// - Parameters:
    ///   - ranges: the key ranges to read; overlapping ones are merged, so
    ///     an entry is read once even if two ranges cover it.
    ///   - skipRepeats: return each document key once (for array indexes,
    ///     where one document has many entries); costs a set of the keys
    ///     returned so far.
    public init(storage: any StorageEngine, ranges: [KeyRange], reverse: Bool = false, skipRepeats: Bool = false) {
        walker = RangeWalker(storage: storage, ranges: ranges, reverse: reverse)
        self.seen = skipRepeats ? [] : nil
    }

    /// The next document key, or nil at the end.
    public func next() -> String? {
        while walker.next() {
            let key = String(decoding: walker.value, as: UTF8.self)
            if seen?.insert(key).inserted == false { continue }
            return key
        }
        return nil
    }
}

/// Reads the entries of several key ranges in order (or reverse) with one
/// storage iterator, seeking from range to range: the whole read sees one
/// consistent snapshot taken when the walker is made, and an `IN` list of a
/// thousand values costs one iterator, not a thousand.
final class RangeWalker {
    private let iterator: (any StorageIterator)?
    private let ranges: [KeyRange]
    private let reverse: Bool
    private var current = -1
    private var needsSeek = true

    /// - Parameter ranges: any ranges; they are normalized (sorted, merged).
    init(storage: any StorageEngine, ranges: [KeyRange], reverse: Bool) {
        let merged = KeyRanges.normalize(ranges)
        self.ranges = reverse ? merged.reversed() : merged
        self.reverse = reverse
        if let first = merged.first, let last = merged.last {
            iterator = storage.makeIterator(KeyRange(first.lowerBound, last.upperBound), reverse: reverse)
        } else {
            iterator = nil
        }
    }

    /// The current entry; valid until the next call to ``next()``.
    var key: UnsafeBufferPointer<UInt8> { iterator!.key }
    var value: UnsafeBufferPointer<UInt8> { iterator!.value }

    /// Moves to the next entry inside one of the ranges; false at the end.
    func next() -> Bool {
        guard let iterator else { return false }
        while true {
            if needsSeek {
                current += 1
                guard current < ranges.count else { return false }
                iterator.seek(reverse ? ranges[current].upperBound : ranges[current].lowerBound)
                needsSeek = false
            }
            guard iterator.next() else {
                needsSeek = true
                continue
            }
            let range = ranges[current]
            if reverse {
                // A reverse seek lands on the last key ≤ the exclusive upper bound.
                if Bytes.compare(iterator.key, range.upperBound) >= 0 { continue }
                if Bytes.compare(iterator.key, range.lowerBound) < 0 { needsSeek = true; continue }
            } else if Bytes.compare(iterator.key, range.upperBound) >= 0 {
                needsSeek = true
                continue
            }
            return true
        }
    }
}

/// Operations on lists of key ranges.
enum KeyRanges {
    /// The ranges sorted by lower bound, empty ones dropped, overlapping
    /// and touching ones merged: disjoint and ascending.
    static func normalize(_ ranges: [KeyRange]) -> [KeyRange] {
        let sorted = ranges.filter { Bytes.compare($0.lowerBound, $0.upperBound) < 0 }
            .sorted { Bytes.compare($0.lowerBound, $1.lowerBound) < 0 }
        var merged: [KeyRange] = []
        for range in sorted {
            if let last = merged.last, Bytes.compare(range.lowerBound, last.upperBound) <= 0 {
                if Bytes.compare(range.upperBound, last.upperBound) > 0 {
                    merged[merged.count - 1].upperBound = range.upperBound
                }
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
