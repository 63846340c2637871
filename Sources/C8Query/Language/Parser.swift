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

    private var nesting = 0
    let stack = StackGauge()
    /// Most stack used so far (for tests measuring the cost per level).
    private(set) var peakStackUsage = 0
    /// Tallest expression built since the innermost open subquery began.
    private var tallestExpression = 0

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

    // MARK: - Limits

    /// Goes one nesting level deeper, refusing to pass
    /// ``QueryParser/maximumNestingDepth`` or to run the thread's stack
    /// low; pair with ``leaveNesting()``.
    @inline(never)
    func enterNesting() throws(C8Error) {
        guard nesting < QueryParser.maximumNestingDepth, !stack.isExhausted else {
            throw errors.located(.queryParse,
                                 "query is nested too deeply (more than \(nesting) levels)",
                                 at: token)
        }
        nesting += 1
        peakStackUsage = max(peakStackUsage, stack.used)
    }

    func leaveNesting() {
        nesting -= 1
    }

    /// Sets whether a bare `IN` is the IN operator; returns the previous
    /// setting for the caller to restore.
    func allowInOperator(_ allowed: Bool) -> Bool {
        defer { allowsInOperator = allowed }
        return allowsInOperator
    }

    /// `node`, after checking it against ``QueryParser/maximumExpressionHeight``.
    func checked(_ node: ExpressionNode) throws(C8Error) -> ExpressionNode {
        try checkHeight(node.height)
        return node
    }

    /// Refuses an expression taller than ``QueryParser/maximumExpressionHeight``.
    @inline(never)
    func checkHeight(_ height: Int) throws(C8Error) {
        guard height <= QueryParser.maximumExpressionHeight else {
            throw errors.located(.queryParse,
                                 "expression is nested too deeply (more than \(QueryParser.maximumExpressionHeight) levels)",
                                 at: token)
        }
        tallestExpression = max(tallestExpression, height)
    }

    /// Starts measuring the tallest expression of a subquery; returns the
    /// state to hand to ``endHeightMeasurement(_:)``.
    func beginHeightMeasurement() -> Int {
        defer { tallestExpression = 0 }
        return tallestExpression
    }

    /// The tallest expression since ``beginHeightMeasurement()``.
    func endHeightMeasurement(_ saved: Int) -> Int {
        let height = tallestExpression
        tallestExpression = max(saved, height)
        return height
    }

    // MARK: - Collections

    /// `node` as an operand: a bare collection there is 1577 (or 1512 when
    /// the name was a variable that went out of scope).
    func operand(_ node: ExpressionNode) throws(C8Error) -> ExpressionNode {
        guard let reference = node.collection else { return node }
        if reference.wasVariable {
            throw errors.plain(.queryVariableNameUnknown, arguments: [reference.displayName], at: tokens[reference.tokenIndex])
        }
        throw errors.plain(.queryCollectionUsedInExpression, arguments: [reference.displayName], at: tokens[reference.tokenIndex])
    }

    /// Records a read of the collection `node` names, if it names one.
    func readIfCollection(_ node: ExpressionNode) throws(C8Error) {
        guard let reference = node.collection else { return }
        try record(reference, write: false)
    }

    /// Records a read or write of a collection, enforcing 1573/1579/1522.
    func record(_ reference: CollectionReference, write: Bool) throws(C8Error) {
        do throws(DataSourceUsage.Violation) {
            if write { try usage.write(reference.source) } else { try usage.read(reference.source) }
        } catch {
            switch error {
            case .modifiedTwice:
                throw errors.plain(.queryMultiModify, at: tokens[reference.tokenIndex])
            case .readAfterModification:
                throw errors.plain(.queryAccessAfterModification,
                                   arguments: ["collection '\(reference.displayName)'"], at: tokens[reference.tokenIndex])
            }
        }
        try checkCollectionCount(at: tokens[reference.tokenIndex])
    }

    func checkCollectionCount(at token: Token) throws(C8Error) {
        if usage.collections.list.count > QueryParser.maximumCollections {
            throw errors.plain(.queryTooManyCollections, at: token)
        }
    }

    /// A collection reference for `token` (a name or `@@` parameter).
    func collectionReference(_ token: Token) -> CollectionReference {
        switch token.kind {
        case .collectionBindParameter:
            return CollectionReference(source: .parameter(token.text), tokenIndex: token.index, wasVariable: false)
        default:
            return CollectionReference(source: .named(token.text), tokenIndex: token.index, wasVariable: false)
        }
    }
}
