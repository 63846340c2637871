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
        prefix + expression + ") ? true : false"
    }

    /// What ``query(for:)`` puts before the expression.
    private static let prefix = "FOR msg IN @batch RETURN ("

    /// The filter's query once it is known to only read: a filter runs
    /// for every batch of a tail, also in a read-only console, so a
    /// subquery that writes is refused before anything runs.
    /// - Throws: the parser's error (1501) for a bad expression; 400 for
    ///   one that modifies data.
    public static func readOnlyQuery(for expression: String) throws(C8Error) -> String {
        let text = query(for: expression)
        let parsed: ParsedQuery
        do {
            parsed = try QueryParser.parse(text)
        } catch {
            throw locatedInExpression(error, expression)
        }
        if parsed.modifiesData {
            throw C8Error(.badParameter, "a filter only reads: '\(expression)' modifies data")
        }
        return text
    }

    /// A parse error of the wrapping query, pointed at the expression the
    /// user typed: its position and quoted text are the expression's, and
    /// running past its end reads as the end of the filter (not as the
    /// wrapper's `)`).
    static func locatedInExpression(_ error: C8Error, _ expression: String) -> C8Error {
        guard let position = error.queryErrorPosition, let near = error.message.range(of: " near '") else { return error }
        let typed = Array(expression.utf8)
        let offset = position.offset - prefix.utf8.count
        guard offset >= 0 else { return error }
        var problem = String(error.message[..<near.lowerBound])
        if offset >= typed.count {
            if let unexpected = problem.range(of: "unexpected ") {
                problem = problem[..<unexpected.lowerBound] + "unexpected end of filter"
                    + (problem[unexpected.upperBound...].firstIndex(of: ",").map { String(problem[unexpected.upperBound...][$0...]) } ?? "")
            }
            return C8Error(code: error.code, errorNum: error.errorNum, message: "\(problem) after '\(expression)'",
                           underlying: error.underlying)
        }
        let before = typed[..<offset]
        let line = 1 + before.filter { $0 == UInt8(ascii: "\n") }.count
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = 1 + String(decoding: typed[lineStart..<offset], as: UTF8.self).count
        let rest = String(decoding: typed[offset...], as: UTF8.self)
        let located = QueryErrorPosition(position: SourcePosition(line: line, column: column), offset: offset)
        return C8Error(code: error.code, errorNum: error.errorNum,
                       message: "\(problem) near '\(rest)' at position \(line):\(column) of the filter", underlying: located)
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
