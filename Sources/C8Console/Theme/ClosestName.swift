/// Suggests the valid name a typo was probably meant to be, for
/// "did you mean ...?" in error messages.
enum ClosestName {
    /// The candidate with the smallest edit distance to `word`, if that
    /// distance is small enough (at most a third of the word, minimum 1) to
    /// be a typo rather than a different word.
    static func match(for word: String, among candidates: [String]) -> String? {
        let lowered = Array(word.lowercased())
        let limit = max(1, lowered.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance, one row at a time.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, characterA) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, characterB) in b.enumerated() {
                let substitution = previous[j] + (characterA == characterB ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            previous = current
        }
        return previous[b.count]
    }
}
