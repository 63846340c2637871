import C8Core

/// `SORT keys`: materializes its input (within the memory limit) and hands
/// rows out in order; stable, so equal keys keep their input order. With a
/// LIMIT right after it, only the best `limit` rows are kept while reading.
final class SortSource: RowSource {
    private let input: any RowSource
    private let context: QueryContext
    private let keys: [(value: CompiledExpression, ascending: Bool)]
    private let limit: Int?
    private var sorted: [Row]?
    private var position = 0

    init(input: any RowSource, context: QueryContext, keys: [(value: CompiledExpression, ascending: Bool)], limit: Int?) {
        self.input = input
        self.context = context
        self.keys = keys
        self.limit = limit
    }

    func next() throws(C8Error) -> Row? {
        if sorted == nil { sorted = try sortAll() }
        guard let rows = sorted, position < rows.count else { return nil }
        defer { position += 1 }
        return rows[position]
    }

    private struct Entry {
        var sortKey: [JSON]
        var sequence: Int
        var row: Row
    }

    private func precedes(_ a: Entry, _ b: Entry) -> Bool {
        for (i, key) in keys.enumerated() {
            let c = JSON.compare(a.sortKey[i], b.sortKey[i])
            if c != 0 { return key.ascending ? c < 0 : c > 0 }
        }
        return a.sequence < b.sequence
    }

    private func sortAll() throws(C8Error) -> [Row] {
        var entries: [Entry] = []
        var sequence = 0
        var entrySize = 0
        defer { context.release(entries.count * entrySize) }
        while let row = try input.next() {
            var sortKey: [JSON] = []
            sortKey.reserveCapacity(keys.count)
            for key in keys { sortKey.append(try context.evaluate(key.value, row)) }
            entrySize = 64 * (row.slots.count + keys.count)
            try context.reserve(entrySize)
            entries.append(Entry(sortKey: sortKey, sequence: sequence, row: row))
            sequence += 1
            if let limit, entries.count >= max(limit > Int.max / 2 ? Int.max : 2 * limit, 1024) {
                // SORT + LIMIT keeps memory bounded: only the best `limit` rows stay.
                entries.sort(by: precedes)
                context.release((entries.count - limit) * entrySize)
                entries.removeLast(entries.count - limit)
            }
        }
        entries.sort(by: precedes)
        if let limit, entries.count > limit {
            context.release((entries.count - limit) * entrySize)
            entries.removeLast(entries.count - limit)
        }
        return entries.map(\.row)
    }
}
