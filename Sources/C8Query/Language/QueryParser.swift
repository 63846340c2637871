import C8Core

/// Parses C8QL (ArangoDB 3.5/3.6 AQL) into a ``Query``.
///
/// Besides the syntax it performs the checks ArangoDB makes while parsing:
/// variable scopes (1510/1511/1512), DISTINCT and KEEP placement, COLLECT
/// aggregate validity (1574), compile-time OPTIONS (1575), collections
/// used as operands (1577), and the data-modification ordering rules
/// (1573/1579). Every error is a ``C8Error`` carrying a
/// ``QueryErrorPosition``; syntax errors read
/// `syntax error, unexpected <token>[, expecting <what>] near '<text>' at position L:C`.
public enum QueryParser {
    /// Deepest nesting of parentheses, brackets, braces, subqueries and
    /// prefix operators; beyond it the query is refused (1501) instead of
    /// exhausting the stack.
    public static let maximumNestingDepth = 500
    /// Tallest expression tree accepted (a chain `a || b || …` is as tall
    /// as it is long), so that whatever walks the tree recursively later
    /// stays within the stack.
    public static let maximumExpressionHeight = 1000
    /// ArangoDB's (and C8's) limit of distinct collections per query (1522).
    public static let maximumCollections = 256

    public static func parse(_ text: String) throws(C8Error) -> ParsedQuery {
        let lexed = Lexer.tokenize(text)
        guard lexed.tokens.count > 1 else { throw C8Error(.queryEmpty) }
        return try C8QLParser(lexed, source: Array(text.utf8)).parseQuery()
    }

    /// Parses and reports the most stack the parser used (for tests).
    static func measureStack(_ text: String) -> (peak: Int, error: C8Error?) {
        let parser = C8QLParser(Lexer.tokenize(text), source: Array(text.utf8))
        do {
            _ = try parser.parseQuery()
            return (parser.peakStackUsage, nil)
        } catch {
            return (parser.peakStackUsage, error)
        }
    }
}
