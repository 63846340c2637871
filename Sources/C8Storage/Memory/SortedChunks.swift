import C8Core

/// Key/value entries in byte order, kept in chunks of bounded size so an
/// insert moves at most one chunk's worth of entries.
struct SortedChunks: Sendable {
    struct Entry: Sendable {
        var key: [UInt8]
        var value: [UInt8]
    }

    struct Position: Equatable {
        var chunk: Int
        var index: Int
    }

    private static let maximumChunk = 512
    private var chunks: [[Entry]] = []

    func get(_ key: [UInt8]) -> [UInt8]? {
        guard let c = chunkIndex(for: key) else { return nil }
        let (i, found) = Self.search(chunks[c], key)
        return found ? chunks[c][i].value : nil
    }

    mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        guard !chunks.isEmpty else {
            chunks = [[Entry(key: key, value: value)]]
            return
        }
        let c = chunkIndex(for: key) ?? 0
        let (i, found) = Self.search(chunks[c], key)
        if found {
            chunks[c][i].value = value
            return
        }
        chunks[c].insert(Entry(key: key, value: value), at: i)
        if chunks[c].count > Self.maximumChunk {
            let upper = Array(chunks[c][(Self.maximumChunk / 2)...])
            chunks[c].removeSubrange((Self.maximumChunk / 2)...)
            chunks.insert(upper, at: c + 1)
        }
    }

    mutating func delete(_ key: [UInt8]) {
        guard let c = chunkIndex(for: key) else { return }
        let (i, found) = Self.search(chunks[c], key)
        guard found else { return }
        chunks[c].remove(at: i)
        if chunks[c].isEmpty { chunks.remove(at: c) }
    }

    mutating func deleteRange(_ range: KeyRange) {
        var p = firstPosition(atOrAfter: range.lowerBound)
        var doomed: [[UInt8]] = []
        while let position = p {
            let key = chunks[position.chunk][position.index].key
            if Bytes.compare(key, range.upperBound) >= 0 { break }
            doomed.append(key)
            p = self.position(after: position)
        }
        for key in doomed { delete(key) }
    }

    func entry(at p: Position) -> Entry { chunks[p.chunk][p.index] }

    func firstPosition(atOrAfter key: [UInt8]) -> Position? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key) ?? 0
        let (i, _) = Self.search(chunks[c], key)
        if i < chunks[c].count { return Position(chunk: c, index: i) }
        return c + 1 < chunks.count ? Position(chunk: c + 1, index: 0) : nil
    }

    /// The last entry with key < `key` (≤ when `inclusive`).
    func lastPosition(before key: [UInt8], inclusive: Bool) -> Position? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key) ?? 0
        let (i, found) = Self.search(chunks[c], key)
        if found && inclusive { return Position(chunk: c, index: i) }
        if i > 0 { return Position(chunk: c, index: i - 1) }
        return c > 0 ? Position(chunk: c - 1, index: chunks[c - 1].count - 1) : nil
    }

    func position(after p: Position) -> Position? {
        if p.index + 1 < chunks[p.chunk].count { return Position(chunk: p.chunk, index: p.index + 1) }
        return p.chunk + 1 < chunks.count ? Position(chunk: p.chunk + 1, index: 0) : nil
    }

    func position(before p: Position) -> Position? {
        if p.index > 0 { return Position(chunk: p.chunk, index: p.index - 1) }
        return p.chunk > 0 ? Position(chunk: p.chunk - 1, index: chunks[p.chunk - 1].count - 1) : nil
    }

    /// The chunk whose range holds `key`: the last chunk whose first key ≤ key
    /// (or the first chunk); nil when empty.
    private func chunkIndex(for key: [UInt8]) -> Int? {
        guard !chunks.isEmpty else { return nil }
        var lo = 0
        var hi = chunks.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Bytes.compare(chunks[mid][0].key, key) <= 0 { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Index of `key` in `entries`, or where it would be inserted.
    private static func search(_ entries: [Entry], _ key: [UInt8]) -> (Int, Bool) {
        var lo = 0
        var hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = Bytes.compare(entries[mid].key, key)
            if c == 0 { return (mid, true) }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return (lo, false)
    }
}
