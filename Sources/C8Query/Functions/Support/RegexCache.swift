import Foundation
import Synchronization

/// Compiled regular expressions, shared by all queries.
///
/// C8QL regexes use ICU syntax, which is what `NSRegularExpression` wraps,
/// so patterns mean the same as in ArangoDB. A query applies one pattern to
/// many rows; compiling once per distinct pattern keeps REGEX_TEST in a
/// FILTER from recompiling per document. The cache is bounded and simply
/// cleared when full (patterns are usually few and constant).
enum RegexCache {
    private struct Key: Hashable {
        let pattern: String
        let caseInsensitive: Bool
    }

    private static let capacity = 256
    private static let cache = Mutex<[Key: NSRegularExpression]>([:])

    /// The compiled pattern, or nil when it is not a valid regex.
    static func regex(_ pattern: String, caseInsensitive: Bool) -> NSRegularExpression? {
        let key = Key(pattern: pattern, caseInsensitive: caseInsensitive)
        if let hit = cache.withLock({ $0[key] }) { return hit }
        // ICU accepts the empty pattern (matching everywhere);
        // NSRegularExpression refuses it, so spell it as an empty group.
        guard let regex = try? NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern,
                                                   options: caseInsensitive ? [.caseInsensitive] : [])
        else { return nil }
        cache.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = regex
        }
        return regex
    }

    /// `pattern` with every regex metacharacter escaped, for SPLIT's
    /// literal separators.
    static func escaped(_ pattern: String) -> String {
        NSRegularExpression.escapedPattern(for: pattern)
    }
}
