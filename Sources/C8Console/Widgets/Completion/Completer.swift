import C8Client

/// Finds completions for the word before the cursor from the names the
/// caller knows: C8QL keywords and functions, plus collection and attribute
/// names (from the metadata cache and from results seen — never a request
/// on a keystroke).
///
/// Ranking: candidates starting with the prefix exactly (case and all)
/// first, then those matching ignoring case; within each, by kind order
/// (keywords, collections, attributes, functions), then alphabetically.
/// After `doc.` only attributes are offered. Keywords and functions follow
/// the prefix's case: typing `fi` offers `filter`, typing `FI` or `Fi` offers `FILTER`.
public struct Completer: Sendable {
    public var keywords: [String]
    public var functions: [String]
    public var collections: [String]
    public var attributes: [String]
    /// At most this many candidates are returned.
    public var limit: Int

    public init(keywords: [String] = LanguageCatalog.keywords, functions: [String] = LanguageCatalog.functions,
                collections: [String] = [], attributes: [String] = [], limit: Int = 50) {
        self.keywords = keywords
        self.functions = functions
        self.collections = collections
        self.attributes = attributes
        self.limit = limit
    }

    /// The completion for the word before the editor's cursor, or nil when
    /// there is nothing to offer.
    public func completion(for editor: TextEditor, allowEmptyPrefix: Bool = false) -> WordCompletion? {
        completion(lines: editor.lines, cursor: editor.cursor, allowEmptyPrefix: allowEmptyPrefix)
    }

    /// The completion at `cursor` in `lines`. An empty prefix offers
    /// everything only when asked explicitly (ctrl+space), so the pop-up
    /// does not open on every space typed.
    public func completion(lines: [String], cursor: TextPosition, allowEmptyPrefix: Bool = false) -> WordCompletion? {
        let context = CompletionContext(lines: lines, cursor: cursor)
        guard context.position != .none, allowEmptyPrefix || !context.prefix.isEmpty else { return nil }
        let candidates = rank(prefix: context.prefix, attributesOnly: context.position == .attribute)
        guard !candidates.isEmpty else { return nil }
        return WordCompletion(prefix: context.prefix, start: context.start, candidates: candidates)
    }

    /// Every candidate completing `prefix`, best first. A candidate that is
    /// exactly the prefix is left out: there is nothing to complete.
    public func rank(prefix: String, attributesOnly: Bool = false) -> [CompletionCandidate] {
        let lowerPrefix = prefix.lowercased()
        let lowercaseTyped = !prefix.isEmpty && prefix == lowerPrefix
        var scored: [(exact: Bool, candidate: CompletionCandidate, sortKey: String)] = []
        var seen = Set<CompletionCandidate>()
        for (kind, names) in sources(attributesOnly: attributesOnly) {
            for name in names {
                let exact = name.hasPrefix(prefix)
                guard exact || name.lowercased().hasPrefix(lowerPrefix), name != prefix else { continue }
                let cased = (kind == .keyword || kind == .function) && lowercaseTyped ? name.lowercased() : name
                let candidate = CompletionCandidate(name: name, kind: kind, insertion: kind == .function ? cased + "(" : cased)
                guard seen.insert(candidate).inserted else { continue }
                scored.append((exact, candidate, name.lowercased()))
            }
        }
        scored.sort { a, b in
            if a.exact != b.exact { return a.exact }
            if a.candidate.kind != b.candidate.kind { return a.candidate.kind.rawValue < b.candidate.kind.rawValue }
            return a.sortKey < b.sortKey
        }
        return scored.prefix(limit).map(\.candidate)
    }

    private func sources(attributesOnly: Bool) -> [(CompletionCandidate.Kind, [String])] {
        if attributesOnly { return [(.attribute, attributes)] }
        return [(.keyword, keywords), (.collection, collections), (.attribute, attributes), (.function, functions)]
    }
}
