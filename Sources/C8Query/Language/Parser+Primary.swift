import C8Core

/// Literals, names, bind parameters, calls, parentheses and subqueries,
/// array and object constructors.
extension C8QLParser {
    func parsePrimary() throws(C8Error) -> ExpressionNode {
        let first = token
        switch first.kind {
        case .number(let value):
            advance()
            return .literal(value)
        case .string:
            advance()
            return .literal(.string(first.text))
        case .keyword(.null):
            advance()
            return .literal(.null)
        case .keyword(.true):
            advance()
            return .literal(.bool(true))
        case .keyword(.false):
            advance()
            return .literal(.bool(false))
        case .keyword(.like) where peek().is(.openParen):
            return try parseFunctionCall()
        case .bindParameter:
            advance()
            usage.useValueParameter(first.text)
            return ExpressionNode(.bindParameter(first.text))
        case .collectionBindParameter:
            advance()
            return ExpressionNode(.collectionBindParameter(first.text), collection: collectionReference(first))
        case .identifier:
            if peek().is(.openParen) || peek().is(.scope) { return try parseFunctionCall() }
            advance()
            return try resolveName(first)
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
        try enterNesting()
        defer { leaveNesting() }
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
            if reference.wasVariable { _ = try operand(argument) }
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
            try enterNesting()
            defer { leaveNesting() }
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
        try enterNesting()
        defer { leaveNesting() }
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
        try enterNesting()
        defer { leaveNesting() }
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
        let keyToken = token
        switch keyToken.kind {
        case .identifier where !peek().is(.colon):
            // Shorthand `{doc}` means `{doc: doc}`; the variable must exist.
            advance()
            let value = try resolveName(keyToken)
            guard value.collection == nil else {
                throw errors.located(.queryVariableNameUnknown,
                                     "use of unknown variable '\(keyToken.text)' in object literal", at: keyToken)
            }
            return .init(key: .name(keyToken.text), keyNode: nil, value: value)
        case .identifier, .string:
            advance()
            try expect(.colon)
            return .init(key: .name(keyToken.text), keyNode: nil, value: try operand(parseExpression()))
        case .bindParameter:
            advance()
            usage.useValueParameter(keyToken.text)
            try expect(.colon)
            return .init(key: .bindParameter(keyToken.text), keyNode: nil, value: try operand(parseExpression()))
        case .collectionBindParameter:
            throw errors.located(.queryBindParameterType,
                                 ErrorCode.queryBindParameterType.message(arguments: ["@" + keyToken.text]), at: keyToken)
        case .symbol(.openBracket):
            advance()
            let key = try operand(parseExpression())
            try expect(.closeBracket)
            try expect(.colon)
            return .init(key: .computed(key.expression), keyNode: key, value: try operand(parseExpression()))
        default:
            throw unexpected()
        }
    }
}
