import C8Core

/// One column of a result table.
public struct TableColumn: Hashable, Sendable {
    /// What a column shows of each row.
    public enum Source: Hashable, Sendable {
        /// The attribute of that name (blank for rows without it).
        case attribute(String)
        /// Rows that are not objects (numbers, strings, arrays), whole.
        case value
    }

    public var source: Source
    /// Content width: the widest of header and cells, capped.
    public var width: Int
    /// The widest of header and cells under a far higher cap: what the
    /// column takes when the table has room to spare.
    public var naturalWidth: Int

    public init(source: Source, width: Int, naturalWidth: Int? = nil) {
        self.source = source
        self.width = width
        self.naturalWidth = max(width, naturalWidth ?? width)
    }

    public var title: String {
        switch source {
        case .attribute(let name): name
        case .value: "value"
        }
    }

    /// The column sources for `rows`: attribute names in first-seen order
    /// with `_key` first (a document's identity is what the eye looks for),
    /// then one `value` column when some rows are not objects. No rows, no
    /// columns.
    static func sources(for rows: [JSON]) -> [Source] {
        var names: [String] = []
        var seen = Set<String>()
        var hasNonObject = false
        for row in rows {
            guard case .object(let object) = row else {
                hasNonObject = true
                continue
            }
            for member in object.members where seen.insert(member.key).inserted {
                names.append(member.key)
            }
        }
        if let keyIndex = names.firstIndex(of: "_key"), keyIndex > 0 {
            names.insert(names.remove(at: keyIndex), at: 0)
        }
        var sources = names.map(Source.attribute)
        if hasNonObject { sources.append(.value) }
        return sources
    }
}
