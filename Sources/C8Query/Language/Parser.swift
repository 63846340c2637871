import C8Core

/// The recursive-descent parser behind ``QueryParser``: token cursor,
/// nesting limits and the state the grammar's semantic checks share. The
/// grammar itself lives in the `Parser+…` extensions, one per area.
final class C8QLParser {
    let tokens: [Token]
    private(set) var index = 0
    let errors: ParseErrorReporter
    let lexerWarnings: [(code: ErrorCode, position: SourcePosition, offset: Int)]

    var scopes = VariableScopes()
    var usage = DataSourceUsage()
    /// The COLLECT whose expressions are being read, if any.
    var collectGuard: CollectGuard?
    /// Inline expansion expressions being read (where `CURRENT` is bound).
    var expansionDepth = 0
    /// False while reading the document of INSERT/UPDATE/REPLACE/REMOVE
    /// (and UPSERT's update), whose `IN` introduces the collection.
    var allowsInOperator = true

    /// Nesting levels entered (see ``enterNesting()``).
    var nesting = 0
    let stack = StackGauge()
    /// Most stack used so far (for tests measuring the cost per level).
    var peakStackUsage = 0
    /// Tallest expression built since the innermost open subquery began.
    var tallestExpression = 0

    init(_ lexed: LexedQuery, source: [UInt8]) {
        tokens = lexed.tokens
        lexerWarnings = lexed.warnings
        errors = ParseErrorReporter(source: source)
    }

    // MARK: - Cursor

    var token: Token { tokens[index] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    @discardableResult
    func advance() -> Token {
        let current = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return current
    }

    func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    func accept(_ keyword: Keyword) -> Bool {
        guard token.is(keyword) else { return false }
        advance()
        return true
    }

    func accept(_ symbol: Symbol) -> Bool {
        guard token.is(symbol) else { return false }
        advance()
        return true
    }

    @discardableResult
    func expect(_ symbol: Symbol) throws(C8Error) -> Token {
        guard token.is(symbol) else { throw unexpected(expecting: symbol.tokenDescription) }
        return advance()
    }

    @discardableResult
    func expect(_ keyword: Keyword) throws(C8Error) -> Token {
        guard token.is(keyword) else { throw unexpected(expecting: keyword.tokenDescription) }
        return advance()
    }

    /// A name token: plain, backtick- or forward-tick-quoted.
    func expectIdentifier() throws(C8Error) -> Token {
        guard token.isIdentifier else { throw unexpected(expecting: "identifier") }
        return advance()
    }

    /// The syntax error for the current token.
    @inline(never)
    func unexpected(expecting: String? = nil) -> C8Error {
        errors.syntaxError(unexpected: token, expecting: expecting)
    }
}
