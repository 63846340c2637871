/// Case-insensitive substring matching for `/` filters, reporting where the
/// match is so it can be highlighted.
enum FilterMatch {
    /// The character range of the first occurrence of `needle` in `text`
    /// ignoring case, nil when absent; an empty needle matches nothing to
    /// highlight (returns nil).
    static func range(of needle: String, in text: String) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        // Characters are folded one by one so offsets stay character offsets.
        let hay = text.map { $0.lowercased() }
        let pattern = needle.map { $0.lowercased() }
        guard pattern.count <= hay.count else { return nil }
        for start in 0...(hay.count - pattern.count) where hay[start] == pattern[0] {
            if hay[start..<(start + pattern.count)].elementsEqual(pattern) { return start..<(start + pattern.count) }
        }
        return nil
    }
}
