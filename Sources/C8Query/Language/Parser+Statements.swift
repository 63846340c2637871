import C8Core

/// LET, FILTER, SORT, LIMIT, RETURN, and the helpers statements share:
/// declaring variables and reading OPTIONS.
extension C8QLParser {
    /// `LET a = x [, b = y …]`: each name is declared after its value.
    func parseLet() throws(C8Error) -> [Operation] {
        advance()
        var operations: [Operation] = []
        repeat {
            let name = try expectIdentifier()
            try expect(.assign)
            let value = try operand(parseExpression())
            try declareVariable(name)
            operations.append(.let(name: name.text, value: value.expression))
        } while accept(.comma)
        return operations
    }

    func parseFilter() throws(C8Error) -> Operation {
        advance()
        return .filter(try operand(parseExpression()).expression)
    }

    /// `SORT e [ASC|DESC], …`. As in ArangoDB the direction may also be a
    /// literal: "ASC"/"DESC" by name, anything else by truthiness.
    func parseSort() throws(C8Error) -> Operation {
        advance()
        var keys: [SortKey] = []
        repeat {
            let expression = try operand(parseExpression()).expression
            keys.append(SortKey(expression: expression, ascending: parseSortDirection()))
        } while accept(.comma)
        return .sort(keys)
    }

    private func parseSortDirection() -> Bool {
        let direction = token
        switch direction.kind {
        case .keyword(.asc):
            advance()
            return true
        case .keyword(.desc):
            advance()
            return false
        case .string:
            advance()
            switch direction.text.uppercased() {
            case "ASC": return true
            case "DESC": return false
            default: return !direction.text.isEmpty
            }
        case .number(let value):
            advance()
            return value.doubleValue.map { $0 != 0 && !$0.isNaN } ?? false
        case .keyword(.true):
            advance()
            return true
        case .keyword(.false), .keyword(.null):
            advance()
            return false
        default:
            return true
        }
    }

    /// `LIMIT count` or `LIMIT offset, count`.
    func parseLimit() throws(C8Error) -> Operation {
        advance()
        let first = try operand(parseExpression()).expression
        if accept(.comma) {
            return .limit(offset: first, count: try operand(parseExpression()).expression)
        }
        return .limit(offset: .literal(.int(0)), count: first)
    }

    /// `RETURN [DISTINCT] e`; DISTINCT needs a FOR or COLLECT at this level.
    func parseReturn() throws(C8Error) -> Operation {
        advance()
        var distinct = false
        if token.is(.distinct) {
            if scopes.innermostKind == .main || scopes.innermostKind == .subquery {
                throw errors.located(.queryParse, "cannot use DISTINCT modifier on top-level query element", at: token)
            }
            advance()
            distinct = true
        }
        let value = try operand(parseExpression())
        scopes.endNestedLoops()
        return .return(value.expression, distinct: distinct)
    }

    // MARK: - Shared

    /// Declares a user variable: 1510 for names ArangoDB reserves (empty,
    /// or starting with `_`), 1511 for a name already visible.
    func declareVariable(_ name: Token) throws(C8Error) {
        try checkNewVariable(name)
        scopes.declare(name.text)
    }

    /// The 1510/1511 checks of ``declareVariable(_:)`` without declaring.
    func checkNewVariable(_ name: Token) throws(C8Error) {
        if name.text.isEmpty || name.text.hasPrefix("_") {
            throw errors.plain(.queryVariableNameInvalid, arguments: [name.text], at: name)
        }
        if scopes.contains(name.text) || collectGuard?.contains(name.text) == true {
            throw errors.plain(.queryVariableRedeclared, arguments: [name.text], at: name)
        }
    }

    /// `OPTIONS {…}` after a statement, if present. Any other identifier
    /// followed by `{` is a misspelt qualifier.
    func parseStatementOptions() throws(C8Error) -> Expression? {
        guard token.isIdentifier else { return nil }
        let qualifier = token
        guard qualifier.is(.options) else {
            guard peek().is(.openBrace) else { return nil }
            throw errors.located(.queryParse, "unexpected qualifier '\(qualifier.text)', expecting 'OPTIONS'", at: qualifier)
        }
        advance()
        guard token.is(.openBrace) else { throw unexpected(expecting: Symbol.openBrace.tokenDescription) }
        return try validatedOptions(parseObject(), qualifier: qualifier)
    }

    /// OPTIONS must be an object literal known at compile time: 1501 when
    /// it is no object, 1575 when it depends on the query (or a bind
    /// parameter).
    func validatedOptions(_ node: ExpressionNode, qualifier: Token) throws(C8Error) -> Expression {
        switch node.expression {
        case .literal(.object):
            return node.expression
        case .object:
            throw errors.located(.queryCompileTimeOptions, "'OPTIONS' have to be known at query compile time", at: qualifier)
        default:
            throw errors.located(.queryParse, "'OPTIONS' have to be an object", at: qualifier)
        }
    }
}
