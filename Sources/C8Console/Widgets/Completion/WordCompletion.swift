/// The word being completed and what may complete it.
public struct WordCompletion: Hashable, Sendable {
    /// The typed part of the word, just before the cursor.
    public var prefix: String
    /// Where the prefix starts: accepting replaces from here to the cursor.
    public var start: TextPosition
    /// Ranked, best first; never empty.
    public var candidates: [CompletionCandidate]

    public init(prefix: String, start: TextPosition, candidates: [CompletionCandidate]) {
        self.prefix = prefix
        self.start = start
        self.candidates = candidates
    }
}
