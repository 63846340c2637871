import C8Core
import C8Storage

/// The fulltext index: the words of one attribute, for `FULLTEXT()`.
///
/// The attribute may hold a string, an array (its string elements) or an
/// object (its string member values); deeper nesting and other types are
/// ignored, as in ArangoDB. Words come from ``FulltextTokenizer``. Entry
/// layout after ``KeySpace/indexPrefix(_:)``:
///
/// | key                                  | value        |
/// |--------------------------------------|--------------|
/// | word UTF-8, 0x00, `_key` UTF-8       | `_key` UTF-8 |
///
/// Words never contain 0x00, so one word's entries are the range under
/// `word + 0x00`, and every word starting with `p` is under `p`.
public struct FulltextIndex: DocumentIndex {
    /// ArangoDB's default shortest indexed word.
    public static let defaultMinLength = 2

    public let definition: IndexDefinition
    private let prefix: [UInt8]
    private let minLength: Int

    public init(definition: IndexDefinition) {
        precondition(
            definition.type == .fulltext && definition.fields.count == 1, "FulltextIndex needs a fulltext definition")
        self.definition = definition
        self.prefix = KeySpace.indexPrefix(definition.objectId)
        self.minLength = definition.minLength ?? Self.defaultMinLength
    }

    public func entries(for document: JSON, key: String) -> [IndexEntry] {
        let value = Array(key.utf8)
        return words(of: document).sorted().map { word in
            IndexEntry(key: prefix + Array(word.utf8) + [0x00] + value, value: value)
        }
    }

    /// The distinct words `document` is found by.
    public func words(of document: JSON) -> Set<String> {
        guard let value = definition.fields[0].values(in: document)?.first else { return [] }
        var words: Set<String> = []
        for text in Self.texts(in: value) {
            words.formUnion(FulltextTokenizer.words(in: text, minLength: minLength))
        }
        return words
    }

    private static func texts(in value: JSON) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let elements): return elements.compactMap(\.stringValue)
        case .object(let object): return object.values.compactMap(\.stringValue)
        default: return []
        }
    }

    /// The keys of the documents matching `query` (``FulltextQuery``
    /// syntax), in `_key` order, at most `limit` of them.
    /// - Throws: 10 (bad parameter) for a malformed query; storage errors.
    public func search(_ query: String, limit: Int? = nil, in storage: any StorageEngine) throws(C8Error) -> [String] {
        let parsed = try FulltextQuery(parsing: query)
        var result: Set<String> = []
        for (i, term) in parsed.terms.enumerated() {
            // Nothing to intersect with or remove from: skip the read.
            if i > 0 && term.operation != .or && result.isEmpty { continue }
            let matches = Set(keys(matching: term, in: storage))
            switch term.operation {
            case .or: result.formUnion(matches)
            case .and: result.formIntersection(matches)
            case .exclude: result.subtract(matches)
            }
        }
        let sorted = result.sorted { $0.utf8Compare($1) < 0 }
        return limit.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
    }

    private func keys(matching term: FulltextQuery.Term, in storage: any StorageEngine) -> IndexCursor {
        var start = prefix + Array(term.word.utf8)
        if term.match == .complete { start.append(0x00) }
        return IndexCursor(storage: storage, ranges: [KeyRange(prefix: start)])
    }
}
