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
///
/// Entries live in two generations of half the capacity each: a text
/// found in the older one moves to the younger; when the younger is full
/// it becomes the older, and the older is dropped. So texts that come back
/// within a generation stay however many one-off texts (queries with
/// their values written in) pass through, at a dictionary lookup or two a
/// query — no recency list to keep in order.
final class ParseCache: Sendable {
    /// Most entries kept.
    let capacity: Int
    /// Longer texts are parsed every time, so a few huge queries cannot
    /// pin much memory.
    let maximumTextLength: Int
    private let generations = Mutex(Generations())

    private struct Generations {
        var young: [String: ParsedQuery] = [:]
        var old: [String: ParsedQuery] = [:]
        /// Texts parsed since the cache was made (for tests and figures).
        var parses = 0

        mutating func find(_ text: String, generationSize: Int) -> ParsedQuery? {
            if let parsed = young[text] { return parsed }
            guard let parsed = old.removeValue(forKey: text) else { return nil }
            keep(text, parsed, generationSize: generationSize)
            return parsed
        }

        mutating func keep(_ text: String, _ parsed: ParsedQuery, generationSize: Int) {
            if young.count >= generationSize {
                old = young
                young = [:]
            }
            young[text] = parsed
        }
    }

    init(capacity: Int = 512, maximumTextLength: Int = 16 * 1024) {
        self.capacity = capacity
        self.maximumTextLength = maximumTextLength
    }

    /// The parse of `text`, from the cache or parsed now (and kept).
    /// - Throws: 1502 (query empty) for a blank text, else what
    ///   ``QueryParser/parse(_:)`` throws.
    func parse(_ text: String) throws(C8Error) -> ParsedQuery {
        let cacheable = text.utf8.count <= maximumTextLength
        if cacheable, let parsed = generations.withLock({ $0.find(text, generationSize: generationSize) }) { return parsed }
        // Only checked on a miss: a kept text parsed, so it is not blank.
        guard !text.allSatisfy(\.isWhitespace) else { throw C8Error(.queryEmpty) }
        let parsed = try QueryParser.parse(text)
        generations.withLock { generations in
            generations.parses += 1
            if cacheable { generations.keep(text, parsed, generationSize: generationSize) }
        }
        return parsed
    }

    /// How many parsed texts are kept now.
    var count: Int { generations.withLock { $0.young.count + $0.old.count } }

    /// How many texts were parsed, not found.
    var parses: Int { generations.withLock { $0.parses } }

    private var generationSize: Int { max(1, capacity / 2) }
}
