import C8Core

/// Literals, names, bind parameters, calls, parentheses and subqueries,
/// array and object constructors.
extension C8QLParser {
    /// A literal, name, call, bind parameter, parenthesized expression or
    /// subquery, array or object. Each kind has its own function so that
    /// this frame, repeated once per nesting level, stays small.
    func parsePrimary() throws(C8Error) -> ExpressionNode {
        switch token.kind {
        case .number, .string, .keyword(.null), .keyword(.true), .keyword(.false):
            return .literal(literalValue(of: advance()))
        case .keyword(.like) where peek().is(.openParen):
            return try parseFunctionCall()
        case .bindParameter, .collectionBindParameter:
            return parseBindParameter()
        case .identifier:
            if peek().is(.openParen) || peek().is(.scope) { return try parseFunctionCall() }
            return try resolveName(advance())
        case .symbol(.openParen):
            return try parseParenthesized()
        case .symbol(.openBracket):
            return try parseArray()
        case .symbol(.openBrace):
            return try parseObject()
        default:
            throw unexpected()
        }
    }

    private func literalValue(of token: Token) -> JSON {
        switch token.kind {
        case .number(let value): return value
        case .string: return .string(token.text)
        case .keyword(.true): return .bool(true)
        case .keyword(.false): return .bool(false)
        default: return .null
        }
    }

    private func parseBindParameter() -> ExpressionNode {
        let parameter = advance()
        if case .collectionBindParameter = parameter.kind {
            return ExpressionNode(.collectionBindParameter(parameter.text), collection: collectionReference(parameter))
        }
        usage.useValueParameter(parameter.text)
        return ExpressionNode(.bindParameter(parameter.text))
    }

    /// A name in an expression: a variable, a pseudo variable where one is
    /// bound, or else a collection.
    func resolveName(_ name: Token) throws(C8Error) -> ExpressionNode {
        if let message = collectGuard?.violation(using: name.text) {
            throw errors.located(.queryVariableNameUnknown, message, at: name)
        }
        if scopes.contains(name.text) { return ExpressionNode(.variable(name.text)) }
        switch name.text {
        case PseudoVariable.new, PseudoVariable.old:
            if scopes.containsPseudo(name.text) { return ExpressionNode(.variable(name.text)) }
        case PseudoVariable.current:
            if expansionDepth > 0 { return ExpressionNode(.variable(name.text)) }
        default:
            break
        }
        var reference = collectionReference(name)
        reference.wasVariable = scopes.everDeclared.contains(name.text)
        return ExpressionNode(.collection(name.text), collection: reference)
    }

    /// `NAME(args)` or `NS::NAME(args)`; names are upper-cased. An argument
    /// may be a collection (`LENGTH(users)`) or a bare subquery.
    private func parseFunctionCall() throws(C8Error) -> ExpressionNode {
        var name = advance().text.uppercased()
        while accept(.scope) {
            name += "::" + (try expectIdentifier()).text.uppercased()
        }
        try expect(.openParen)
        let inOperator = allowInOperator(true)
        var arguments: [ExpressionNode] = []
        if !token.is(.closeParen) {
            repeat {
                arguments.append(try parseFunctionArgument())
            } while accept(.comma)
        }
        allowsInOperator = inOperator
        try expect(.closeParen)
        return try checked(ExpressionNode(.call(name: name, arguments: arguments.map(\.expression)), over: arguments))
    }

    private func parseFunctionArgument() throws(C8Error) -> ExpressionNode {
        if let keyword = token.keyword, keyword.startsStatement { return try parseSubquery() }
        let argument = try parseExpression()
        if let reference = argument.collection {
            // A name that was a variable earlier is a mistake, not a collection.
            guard !reference.wasVariable else { throw misuse(of: reference) }
            try record(reference, write: false)
        }
        return argument
    }

    /// `(expression)` or `(subquery)`. A parenthesized collection name stays
    /// a collection (`FOR x IN (users)`); an open `[*]` is closed.
    private func parseParenthesized() throws(C8Error) -> ExpressionNode {
        advance()
        let inner: ExpressionNode
        if let keyword = token.keyword, keyword.startsStatement {
            inner = try parseSubquery()
        } else {
            let inOperator = allowInOperator(true)
            inner = try parseExpression()
            allowsInOperator = inOperator
        }
        try expect(.closeParen)
        return inner
    }

    /// `[a, b, …]` with an optional trailing comma.
    private func parseArray() throws(C8Error) -> ExpressionNode {
        advance()
        let inOperator = allowInOperator(true)
        var elements: [ExpressionNode] = []
        while !token.is(.closeBracket) {
            elements.append(try operand(parseExpression()))
            guard accept(.comma) else { break }
        }
        allowsInOperator = inOperator
        try expect(.closeBracket)
        return try checked(.array(elements))
    }

    /// `{name: v, "name": v, [expr]: v, @param: v, variable}` with an
    /// optional trailing comma.
    func parseObject() throws(C8Error) -> ExpressionNode {
        try expect(.openBrace)
        let inOperator = allowInOperator(true)
        var members: [ExpressionNode.Member] = []
        while !token.is(.closeBrace) {
            members.append(try parseObjectMember())
            guard accept(.comma) else { break }
        }
        allowsInOperator = inOperator
        try expect(.closeBrace)
        return try checked(.object(members))
    }

    private func parseObjectMember() throws(C8Error) -> ExpressionNode.Member {
        if token.isIdentifier, !peek().is(.colon) { return try parseShorthandMember() }
        let (key, keyNode) = try parseObjectKey()
        try expect(.colon)
        return .init(key: key, keyNode: keyNode, value: try operand(parseExpression()))
    }

    /// `{doc}` means `{doc: doc}`; the variable must exist.
    private func parseShorthandMember() throws(C8Error) -> ExpressionNode.Member {
        let name = advance()
        let value = try resolveName(name)
        guard value.collection == nil else {
            throw errors.located(.queryVariableNameUnknown, "use of unknown variable '\(name.text)' in object literal", at: name)
        }
        return .init(key: .name(name.text), keyNode: nil, value: value)
    }

    /// `name`, `"name"`, `@param` or `[expression]` before the colon.
    private func parseObjectKey() throws(C8Error) -> (ObjectMember.Key, ExpressionNode?) {
        let key = token
        switch key.kind {
        case .identifier, .string:
            advance()
            return (.name(key.text), nil)
        case .bindParameter:
            advance()
            usage.useValueParameter(key.text)
            return (.bindParameter(key.text), nil)
        case .collectionBindParameter:
            throw errors.located(.queryBindParameterType,
                                 ErrorCode.queryBindParameterType.message(arguments: ["@" + key.text]), at: key)
        case .symbol(.openBracket):
            advance()
            let inOperator = allowInOperator(true)
            let computed = try operand(parseExpression())
            allowsInOperator = inOperator
            try expect(.closeBracket)
            return (.computed(computed.expression), computed)
        default:
            throw unexpected()
        }
    }
}
