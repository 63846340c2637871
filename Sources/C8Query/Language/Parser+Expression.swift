import C8Core

/// Operators: precedence climbing over ``InfixOperator``, then prefix
/// operators. Primaries and postfix access live in their own files.
extension C8QLParser {
    /// A full expression (ternary and everything below it).
    func parseExpression() throws(C8Error) -> ExpressionNode {
        try parseBinary(minimum: Precedence.lowest)
    }

    /// An expression whose operators bind at least as strongly as `minimum`.
    ///
    /// Every nested expression passes through here, so this is where the
    /// nesting limit is enforced; the loop body lives in ``parseInfix`` to
    /// keep this frame (repeated once per nesting level) small.
    func parseBinary(minimum: Int) throws(C8Error) -> ExpressionNode {
        try enterNesting()
        defer { leaveNesting() }
        var lhs = try parseUnary()
        while let op = peekInfixOperator(), op.precedence >= minimum {
            lhs = try parseInfix(op, lhs: lhs)
        }
        return lhs
    }

    /// The operator `op` at the current token applied to `lhs`.
    private func parseInfix(_ op: InfixOperator, lhs: ExpressionNode) throws(C8Error) -> ExpressionNode {
        let lhs = try operand(lhs)
        advance(by: op.tokenCount)
        switch op {
        case .ternary:
            return try parseTernary(condition: lhs)
        case .binary(let binary, _), .negatedMatch(let binary):
            return try checked(.binary(binary, lhs, parseRightOperand(of: op)))
        case .quantified(let quantifier, let binary, _):
            let rhs = try parseRightOperand(of: op)
            return try checked(ExpressionNode(.arrayComparison(quantifier, binary, lhs.expression, rhs.expression),
                                              over: [lhs, rhs]))
        case .range:
            let rhs = try parseRightOperand(of: op)
            return try checked(ExpressionNode(.range(lhs.expression, rhs.expression), over: [lhs, rhs]))
        }
    }

    private func parseRightOperand(of op: InfixOperator) throws(C8Error) -> ExpressionNode {
        try operand(parseBinary(minimum: op.rightOperandPrecedence))
    }

    /// After `condition ?`: `then : else` or the shorthand `: else`.
    /// Right-associative: `a ? b : c ? d : e` is `a ? b : (c ? d : e)`.
    private func parseTernary(condition: ExpressionNode) throws(C8Error) -> ExpressionNode {
        var then: ExpressionNode?
        if !accept(.colon) {
            let inOperator = allowInOperator(true)
            then = try operand(parseExpression())
            allowsInOperator = inOperator
            try expect(.colon)
        }
        let otherwise = try operand(parseBinary(minimum: Precedence.ternary))
        let children = [condition, otherwise] + (then.map { [$0] } ?? [])
        return try checked(ExpressionNode(
            .ternary(condition: condition.expression, then: then?.expression, else: otherwise.expression), over: children))
    }

    /// The infix operator at the current token, if one starts here.
    private func peekInfixOperator() -> InfixOperator? {
        switch token.kind {
        case .symbol(let symbol):
            switch symbol {
            case .or: return .binary(.or, tokens: 1)
            case .and: return .binary(.and, tokens: 1)
            case .equal: return .binary(.equal, tokens: 1)
            case .notEqual: return .binary(.notEqual, tokens: 1)
            case .regexMatch: return .binary(.regexMatch, tokens: 1)
            case .regexNotMatch: return .binary(.regexNotMatch, tokens: 1)
            case .less: return .binary(.less, tokens: 1)
            case .lessOrEqual: return .binary(.lessOrEqual, tokens: 1)
            case .greater: return .binary(.greater, tokens: 1)
            case .greaterOrEqual: return .binary(.greaterOrEqual, tokens: 1)
            case .plus: return .binary(.add, tokens: 1)
            case .minus: return .binary(.subtract, tokens: 1)
            case .times: return .binary(.multiply, tokens: 1)
            case .divide: return .binary(.divide, tokens: 1)
            case .modulo: return .binary(.modulo, tokens: 1)
            case .range: return .range
            case .question: return .ternary
            case .not: return negatedMatch(after: peek())
            default: return nil
            }
        case .keyword(let keyword):
            switch keyword {
            case .or: return .binary(.or, tokens: 1)
            case .and: return .binary(.and, tokens: 1)
            case .like: return .binary(.like, tokens: 1)
            case .in: return allowsInOperator ? .binary(.in, tokens: 1) : nil
            case .not:
                if peek().is(.in) { return .binary(.notIn, tokens: 2) }
                return negatedMatch(after: peek())
            case .any, .all, .none:
                guard let quantifier = keyword.arrayQuantifier,
                      let (comparison, length) = comparisonOperator(at: 1) else { return nil }
                return .quantified(quantifier, comparison, tokens: 1 + length)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `NOT LIKE`, `NOT =~` (a non-match) and `NOT !~` (a match).
    private func negatedMatch(after next: Token) -> InfixOperator? {
        if next.is(.like) { return .negatedMatch(.notLike) }
        if next.is(.regexMatch) { return .negatedMatch(.regexNotMatch) }
        if next.is(.regexNotMatch) { return .negatedMatch(.regexMatch) }
        return nil
    }

    /// The operator an array quantifier may precede, `ahead` tokens on,
    /// and how many tokens spell it.
    private func comparisonOperator(at ahead: Int) -> (BinaryOperator, Int)? {
        let next = peek(ahead)
        switch next.kind {
        case .symbol(.equal): return (.equal, 1)
        case .symbol(.notEqual): return (.notEqual, 1)
        case .symbol(.less): return (.less, 1)
        case .symbol(.lessOrEqual): return (.lessOrEqual, 1)
        case .symbol(.greater): return (.greater, 1)
        case .symbol(.greaterOrEqual): return (.greaterOrEqual, 1)
        case .keyword(.in): return (.in, 1)
        case .keyword(.not) where peek(ahead + 1).is(.in): return (.notIn, 2)
        default: return nil
        }
    }

    /// Prefix `! NOT - +` (right-associative, stronger than any infix
    /// operator), then a postfix expression.
    func parseUnary() throws(C8Error) -> ExpressionNode {
        switch token.kind {
        case .symbol(.not), .keyword(.not): return try parsePrefixed(.not)
        case .symbol(.minus): return try parsePrefixed(.minus)
        case .symbol(.plus): return try parsePrefixed(.plus)
        default: return try parsePostfix()
        }
    }

    private func parsePrefixed(_ op: UnaryOperator) throws(C8Error) -> ExpressionNode {
        advance()
        try enterNesting()
        defer { leaveNesting() }
        let value = try operand(parseUnary())
        return try checked(.unary(op, value))
    }
}
