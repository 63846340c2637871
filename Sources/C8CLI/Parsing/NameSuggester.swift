/// Finds the likely intended name for a typo (`--fabrik` -> `--fabric`,
/// `c8 querry` -> `query`), so an error can say what to type instead.
enum NameSuggester {
    /// The candidate nearest to `word` by edit distance, if it is close
    /// enough to be a plausible typo (at most 2 edits, and fewer than half
    /// the word's letters).
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (name: $0, distance: editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
              best.distance <= 2, best.distance * 2 < word.count else { return nil }
        return best.name
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, characterOfA) in a.enumerated() {
            var current = [i + 1]
            for (j, characterOfB) in b.enumerated() {
                let substitution = previous[j] + (characterOfA == characterOfB ? 0 : 1)
                current.append(min(substitution, previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
