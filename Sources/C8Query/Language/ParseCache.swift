import C8Core
import Synchronization

/// Parsed queries by their exact text, so a query sent again — the usual
/// case for an application's queries, which vary only in bind parameters —
/// skips the lexer and parser (~15 % of a 10-row indexed query's
/// instructions).
///
/// Parsing depends on the text alone (no collection, index or bind value
/// is consulted), so an entry never goes stale and nothing invalidates it;
/// planning, which does depend on those, still happens on every run.
/// Texts that fail to parse are not kept: they throw again, with the same
/// error, every time.
final class ParseCache: Sendable {
    /// Most entries kept; when full, the cache starts over (queries of a
    /// workload are few and come back quickly).
    let capacity: Int
    /// Longer texts are parsed every time, so a few huge queries cannot
    /// pin much memory.
    let maximumTextLength: Int
    private let entries = Mutex<[String: ParsedQuery]>([:])

    init(capacity: Int = 512, maximumTextLength: Int = 16 * 1024) {
        self.capacity = capacity
        self.maximumTextLength = maximumTextLength
    }

    /// The parse of `text`, from the cache or parsed now (and kept).
    /// - Throws: 1502 (query empty) for a blank text, else what
    ///   ``QueryParser/parse(_:)`` throws.
    func parse(_ text: String) throws(C8Error) -> ParsedQuery {
        let cacheable = text.utf8.count <= maximumTextLength
        if cacheable, let parsed = entries.withLock({ $0[text] }) { return parsed }
        // Only checked on a miss: a kept text parsed, so it is not blank.
        guard !text.allSatisfy(\.isWhitespace) else { throw C8Error(.queryEmpty) }
        let parsed = try QueryParser.parse(text)
        if cacheable {
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[text] = parsed
            }
        }
        return parsed
    }

    /// How many parsed texts are kept now.
    var count: Int { entries.withLock { $0.count } }
}
