import C8Core

/// A parsed `FULLTEXT()` query: ArangoDB's syntax, term by term.
///
/// Terms are separated by commas or whitespace. Each may start with `+`
/// (AND, the default), `|` (OR) or `-` (NOT: remove from the result), then
/// `prefix:` (words starting with the term) or `complete:` (the whole word,
/// the default; other `xyz:` commands count as `complete:`). Terms apply
/// left to right to the result so far; the first term's operator is always
/// OR (it starts the result), so `-x` alone finds the documents with `x`, as
/// in ArangoDB. At most 32 terms are read; more are ignored.
public struct FulltextQuery: Sendable, Hashable {
    public enum Operation: Sendable, Hashable { case and, or, exclude }
    public enum Match: Sendable, Hashable { case complete, prefix }

    public struct Term: Sendable, Hashable {
        public var word: String
        public var match: Match
        public var operation: Operation
    }

    /// ArangoDB's limit on the words of one query.
    public static let maximumTerms = 32

    public var terms: [Term]

    /// - Throws: 10 (bad parameter) for an empty query or a term without a
    ///   word (`-`, `prefix:`).
    public init(parsing text: String) throws(C8Error) {
        var terms: [Term] = []
        let separators: Set<Character> = [" ", "\t", "\r", "\n", "\u{0C}", "\u{08}", ","]
        for token in text.split(whereSeparator: separators.contains) where terms.count < Self.maximumTerms {
            terms.append(try Self.term(Substring(token)))
        }
        guard !terms.isEmpty else { throw C8Error(.badParameter, "fulltext query must contain a search word") }
        terms[0].operation = .or
        self.terms = terms
    }

    private static func term(_ token: Substring) throws(C8Error) -> Term {
        var rest = token
        var operation = Operation.and
        switch rest.first {
        case "+": rest = rest.dropFirst()
        case "|": operation = .or; rest = rest.dropFirst()
        case "-": operation = .exclude; rest = rest.dropFirst()
        default: break
        }
        var match = Match.complete
        if let colon = rest.firstIndex(of: ":") {
            let command = rest[..<colon].lowercased()
            let word = rest[rest.index(after: colon)...]
            guard !word.isEmpty else {
                throw C8Error(.badParameter, "invalid fulltext query term '\(token)'")
            }
            if command == "prefix" { match = .prefix }
            rest = word
        }
        guard !rest.isEmpty else { throw C8Error(.badParameter, "invalid fulltext query term '\(token)'") }
        return Term(word: FulltextTokenizer.normalize(String(rest)), match: match, operation: operation)
    }
}
