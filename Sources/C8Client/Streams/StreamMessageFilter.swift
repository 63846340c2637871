import C8Core
import C8Query

/// The query behind ``C8Connection/filterMessages(_:payloads:in:)``: a
/// C8QL expression over `msg` evaluated for every payload of a batch.
///
/// Both connections run the same text, so a filter means the same thing
/// embedded and remote, and a bad expression fails with the parser's own
/// error (1501, line:column) rather than one of ours.
public enum StreamMessageFilter {
    /// `(expr) ? true : false` turns any value into a boolean with C8QL's
    /// truthiness, so `msg.price > 10` and `msg.tags` both work as filters.
    public static func query(for expression: String) -> String {
        "FOR msg IN @batch RETURN (\(expression)) ? true : false"
    }

    /// The filter's query once it is known to only read: a filter runs
    /// for every batch of a tail, also in a read-only console, so a
    /// subquery that writes is refused before anything runs.
    /// - Throws: the parser's error (1501) for a bad expression; 400 for
    ///   one that modifies data.
    public static func readOnlyQuery(for expression: String) throws(C8Error) -> String {
        let text = query(for: expression)
        if try QueryParser.parse(text).modifiesData {
            throw C8Error(.badParameter, "a filter only reads: '\(expression)' modifies data")
        }
        return text
    }

    public static func bindVariables(_ payloads: [JSON]) -> JSONObject {
        var bind = JSONObject()
        bind["batch"] = .array(payloads)
        return bind
    }

    /// One verdict per payload, in order.
    /// - Throws: 500 when the engine answered with something else (which
    ///   would be a bug: the query returns exactly one boolean per payload).
    public static func verdicts(_ results: [JSON], count: Int) throws(C8Error) -> [Bool] {
        guard results.count == count else {
            throw C8Error(.internalError, "filter returned \(results.count) results for \(count) messages")
        }
        return results.map { $0.boolValue ?? false }
    }
}
