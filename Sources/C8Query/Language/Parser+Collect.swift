import C8Core

/// COLLECT in the forms ArangoDB's grammar allows:
///
///     COLLECT WITH COUNT INTO n
///     COLLECT AGGREGATE a = F(x), … [INTO g [= e]]
///     COLLECT g = e, … WITH COUNT INTO n
///     COLLECT g = e, … AGGREGATE a = F(x), … [INTO g [= e]]
///     COLLECT g = e, … [INTO g [= e] [KEEP v, …]]
///
/// each with optional trailing OPTIONS. Group and aggregate names are
/// checked against the variables visible before the COLLECT; the INTO and
/// COUNT names against those visible after it, when the loop's variables
/// are hidden.
extension C8QLParser {
    func parseCollect() throws(C8Error) -> Operation {
        advance()
        let savedGuard = collectGuard
        collectGuard = CollectGuard()
        defer { collectGuard = savedGuard }

        var collect = CollectOperation()
        var groupNames: [Token] = []
        var aggregateNames: [Token] = []
        var intoName: Token?
        var countName: Token?

        if token.is(.with) {
            countName = try parseCountInto()
        } else if token.is(.aggregate) {
            (aggregateNames, collect.aggregates) = try parseAggregates()
            (intoName, collect.into) = try parseInto()
        } else {
            (groupNames, collect.groups) = try parseGroups()
            if token.is(.with) {
                countName = try parseCountInto()
            } else if token.is(.aggregate) {
                (aggregateNames, collect.aggregates) = try parseAggregates()
                (intoName, collect.into) = try parseInto()
            } else {
                (intoName, collect.into) = try parseInto()
                if token.is(.keep), peek().isIdentifier {
                    guard intoName != nil else {
                        throw errors.located(.queryParse, "use of 'KEEP' without 'INTO'", at: token)
                    }
                    collect.keep = try parseKeep()
                }
            }
        }
        collect.options = try parseStatementOptions()

        collectGuard = savedGuard
        scopes.beginCollect()
        for name in groupNames + aggregateNames { scopes.declare(name.text) }
        if let intoName { try declareVariable(intoName) }
        if let countName {
            try declareVariable(countName)
            collect.countInto = countName.text
        }
        return .collect(collect)
    }

    /// `g = e, …`; each name must be new.
    private func parseGroups() throws(C8Error) -> ([Token], [(name: String, value: Expression)]) {
        collectGuard?.part = .groups
        var names: [Token] = []
        var groups: [(name: String, value: Expression)] = []
        repeat {
            let name = try expectIdentifier()
            try expect(.assign)
            let value = try operand(parseExpression())
            try checkNewVariable(name)
            collectGuard?.groups.insert(name.text)
            names.append(name)
            groups.append((name.text, value.expression))
        } while accept(.comma)
        return (names, groups)
    }

    /// `AGGREGATE a = F(x), …` with F an aggregate function of one argument.
    private func parseAggregates() throws(C8Error) -> ([Token], [(name: String, function: String, argument: Expression)]) {
        advance()
        collectGuard?.part = .aggregates
        var names: [Token] = []
        var aggregates: [(name: String, function: String, argument: Expression)] = []
        repeat {
            let name = try expectIdentifier()
            try expect(.assign)
            let callToken = token
            let value = try operand(parseExpression())
            guard case .call(let function, let arguments) = value.expression else {
                throw errors.located(.queryInvalidAggregateExpression, "aggregate expression must be a function call",
                                     at: callToken)
            }
            guard let aggregator = AggregateFunction.canonicalName(function) else {
                throw errors.located(.queryInvalidAggregateExpression, "unknown aggregate function used", at: callToken)
            }
            guard arguments.count == 1 else {
                throw errors.plain(.queryFunctionArgumentNumberMismatch, arguments: [function, "1", "1"], at: callToken)
            }
            try checkNewVariable(name)
            collectGuard?.aggregates.insert(name.text)
            names.append(name)
            aggregates.append((name.text, aggregator, arguments[0]))
        } while accept(.comma)
        return (names, aggregates)
    }

    /// `[INTO g [= projection]]`; `g` is declared after the COLLECT.
    private func parseInto() throws(C8Error) -> (Token?, (name: String, projection: Expression?)?) {
        guard accept(.into) else { return (nil, nil) }
        let name = try expectIdentifier()
        var projection: Expression?
        if accept(.assign) {
            collectGuard?.part = .into
            projection = try operand(parseExpression()).expression
        }
        return (name, (name.text, projection))
    }

    /// `KEEP v, …`: variables visible before the COLLECT.
    private func parseKeep() throws(C8Error) -> [String] {
        advance()
        collectGuard?.part = .into
        var names: [String] = []
        repeat {
            let name = try expectIdentifier()
            if let message = collectGuard?.violation(using: name.text) {
                throw errors.located(.queryVariableNameUnknown, message, at: name)
            }
            guard scopes.contains(name.text) else {
                throw errors.located(.queryParse, "use of unknown variable '\(name.text)' for KEEP", at: name)
            }
            names.append(name.text)
        } while accept(.comma)
        return names
    }

    /// `WITH COUNT INTO n`.
    private func parseCountInto() throws(C8Error) -> Token {
        advance()
        guard token.is(.count) else {
            if token.isIdentifier {
                throw errors.located(.queryParse, "unexpected qualifier '\(token.text)', expecting 'COUNT'", at: token)
            }
            throw unexpected(expecting: "COUNT")
        }
        advance()
        try expect(.into)
        return try expectIdentifier()
    }
}
