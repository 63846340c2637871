import Foundation

/// Splits text into the words a fulltext index stores and searches.
///
/// A word is a run of Unicode letters, digits and combining marks; every
/// other character separates words. Words are NFC-normalized, lowercased
/// and cut to ``maximumWordLength`` characters; shorter ones than the
/// index's minimum length are dropped — ArangoDB's rules.
public enum FulltextTokenizer {
    /// ArangoDB's limit: longer words are indexed by their first 40 characters.
    public static let maximumWordLength = 40

    /// The distinct words of `text` at least `minLength` characters long.
    public static func words(in text: String, minLength: Int) -> Set<String> {
        var words: Set<String> = []
        var scalars = String.UnicodeScalarView()
        func flush() {
            guard !scalars.isEmpty else { return }
            let word = normalize(String(scalars))
            if word.count >= minLength { words.insert(word) }
            scalars.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) { scalars.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    /// The form a word is stored and searched in: NFC, lowercase, at most
    /// ``maximumWordLength`` characters.
    public static func normalize(_ word: String) -> String {
        let lowered = word.precomposedStringWithCanonicalMapping.lowercased()
        return lowered.count > maximumWordLength ? String(lowered.prefix(maximumWordLength)) : lowered
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}
