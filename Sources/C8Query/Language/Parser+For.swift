import C8Core

/// FOR in all its forms: over a collection or array (with SEARCH and
/// OPTIONS), traversals, SHORTEST_PATH and K_SHORTEST_PATHS.
extension C8QLParser {
    func parseFor() throws(C8Error) -> Operation {
        let forToken = advance()
        var variables = [try expectIdentifier()]
        while accept(.comma) { variables.append(try expectIdentifier()) }
        guard accept(.in) else {
            throw unexpected(expecting: variables.count == 1 ? "IN keyword or ," : Keyword.in.tokenDescription)
        }
        if let direction = token.keyword?.traversalDirection {
            advance()
            if accept(.shortestPath) {
                return try parseShortestPath(forToken, variables, direction: direction, kPaths: false)
            }
            if accept(.kShortestPaths) {
                return try parseShortestPath(forToken, variables, direction: direction, kPaths: true)
            }
            return try parseTraversal(forToken, variables, depth: nil, direction: direction)
        }
        let source = try parseExpression()
        if let direction = token.keyword?.traversalDirection {
            advance()
            return try parseTraversal(forToken, variables, depth: operand(source), direction: direction)
        }
        return try parseCollectionFor(forToken, variables, source: source)
    }

    /// `FOR x IN source [SEARCH cond] [OPTIONS {…}]`.
    private func parseCollectionFor(_ forToken: Token, _ variables: [Token], source: ExpressionNode) throws(C8Error) -> Operation {
        guard variables.count == 1 else {
            throw errors.located(.queryParse, "Collections and views FOR loops only allow a single return variable", at: forToken)
        }
        try readIfCollection(source)
        scopes.beginLoop()
        try declareVariable(variables[0])
        var search: Expression?
        var options: Expression?
        if token.is(.search) {
            let keyword = advance()
            guard source.collection != nil else {
                throw errors.located(.queryParse, "SEARCH condition used on non-view", at: keyword)
            }
            search = try operand(parseExpression()).expression
        }
        if token.isIdentifier {
            let qualifier = token
            guard qualifier.is(.options) else {
                let expected = search == nil ? "'SEARCH' or 'OPTIONS'" : "'OPTIONS'"
                throw errors.located(.queryParse, "unexpected qualifier '\(qualifier.text)', expecting \(expected)", at: qualifier)
            }
            advance()
            options = try validatedOptions(parseExpression(), qualifier: qualifier)
        }
        return .for(ForOperation(variables: [variables[0].text], source: .expression(source.expression),
                                 options: options, search: search))
    }

    /// `FOR v[, e[, p]] IN [min[..max]] DIRECTION start GRAPH g | edges [PRUNE c] [OPTIONS {…}]`.
    private func parseTraversal(_ forToken: Token, _ variables: [Token], depth: ExpressionNode?,
                                direction: TraversalDirection) throws(C8Error) -> Operation {
        let start = try operand(parseExpression()).expression
        let graph = try parseGraphSubject()
        guard variables.count <= 3 else {
            throw errors.located(.queryParse, "Traversals only have one, two or three return variables", at: forToken)
        }
        scopes.beginLoop()
        for variable in variables { try declareVariable(variable) }
        var traversal = Traversal(minDepth: .literal(.int(1)), maxDepth: .literal(.int(1)), direction: direction,
                                  start: start, graph: graph)
        if let depth {
            if case .range(let min, let max) = depth.expression {
                (traversal.minDepth, traversal.maxDepth) = (min, max)
            } else {
                (traversal.minDepth, traversal.maxDepth) = (depth.expression, depth.expression)
            }
        }
        var options: Expression?
        if token.isIdentifier {
            let qualifier = token
            if qualifier.is(.prune) {
                advance()
                traversal.prune = try operand(parseExpression()).expression
                options = try parseStatementOptions()
            } else if qualifier.is(.options) {
                options = try parseStatementOptions()
            } else {
                throw errors.located(.queryParse,
                                     "unexpected qualifier '\(qualifier.text)', expecting 'PRUNE' or 'OPTIONS'", at: qualifier)
            }
        }
        return .for(ForOperation(variables: variables.map(\.text), source: .traversal(traversal), options: options))
    }

    /// `DIRECTION SHORTEST_PATH|K_SHORTEST_PATHS start TO target GRAPH g | edges [OPTIONS {…}]`.
    private func parseShortestPath(_ forToken: Token, _ variables: [Token], direction: TraversalDirection,
                                   kPaths: Bool) throws(C8Error) -> Operation {
        let start = try operand(parseExpression()).expression
        guard token.is(.to) else {
            if token.isIdentifier {
                throw errors.located(.queryParse, "unexpected qualifier '\(token.text)', expecting 'TO'", at: token)
            }
            throw unexpected(expecting: "TO")
        }
        advance()
        let target = try operand(parseExpression()).expression
        let graph = try parseGraphSubject()
        let options = try parseStatementOptions()
        if kPaths, variables.count != 1 {
            throw errors.located(.queryParse, "K_SHORTEST_PATHS only has one return variable", at: forToken)
        }
        if !kPaths, variables.count > 2 {
            throw errors.located(.queryParse, "SHORTEST_PATH must have one or two return variables", at: forToken)
        }
        scopes.beginLoop()
        for variable in variables { try declareVariable(variable) }
        let path = ShortestPath(direction: direction, start: start, target: target, graph: graph)
        let source: ForOperation.Source = kPaths ? .kShortestPaths(path) : .shortestPath(path)
        return .for(ForOperation(variables: variables.map(\.text), source: source, options: options))
    }

    /// `GRAPH name|"name"|@param`, or edge collections each with an optional
    /// direction: `edges1, INBOUND edges2, @@edges3`.
    private func parseGraphSubject() throws(C8Error) -> GraphSource {
        if accept(.graph) {
            let name = token
            switch name.kind {
            case .string, .identifier:
                advance()
                return .namedGraph(.literal(.string(name.text)))
            case .bindParameter:
                advance()
                usage.useValueParameter(name.text)
                return .namedGraph(.bindParameter(name.text))
            default:
                throw unexpected(expecting: "graph name")
            }
        }
        var collections: [(direction: TraversalDirection?, collection: Expression)] = []
        repeat {
            var direction: TraversalDirection?
            if let keyword = token.keyword?.traversalDirection {
                direction = keyword
                advance()
            }
            collections.append((direction, try parseEdgeCollection()))
        } while accept(.comma)
        return .edgeCollections(collections)
    }

    /// A name, `@@param` or `@param` (a value parameter naming a collection).
    private func parseEdgeCollection() throws(C8Error) -> Expression {
        let name = token
        switch name.kind {
        case .identifier:
            advance()
            try record(collectionReference(name), write: false)
            return .collection(name.text)
        case .collectionBindParameter:
            advance()
            try record(collectionReference(name), write: false)
            return .collectionBindParameter(name.text)
        case .bindParameter:
            advance()
            usage.useValueParameter(name.text)
            return .bindParameter(name.text)
        default:
            throw unexpected(expecting: "edge collection name")
        }
    }
}
