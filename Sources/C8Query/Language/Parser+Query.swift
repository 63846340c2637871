import C8Core

/// The query as a whole, the statement sequence of each query level, and
/// subqueries.
extension C8QLParser {
    /// `[WITH c, …] statement… final-statement <end>`.
    func parseQuery() throws(C8Error) -> ParsedQuery {
        let withCollections = token.is(.with) ? try parseWith() : []
        let operations = try parseBody()
        guard token.isEnd else { throw unexpected(expecting: Token.endDescription) }
        return ParsedQuery(
            query: Query(withCollections: withCollections, operations: operations),
            bindParameters: usage.bindParameters.list,
            collectionBindParameters: usage.collectionBindParameters.list,
            collections: usage.collections.list,
            modifiedCollections: usage.modifiedCollections.list,
            modifiesData: usage.modifiesData,
            warnings: lexerWarnings.map { errors.warning($0.code, at: $0.position, offset: $0.offset) })
    }

    /// `WITH name [,] name …`: collections named up front (for traversals).
    /// Bind parameters here are recorded as used, but only literal names
    /// can be listed in ``Query/withCollections``.
    private func parseWith() throws(C8Error) -> [String] {
        advance()
        var names: [String] = []
        var needsName = true
        while needsName || isCollectionName(token) {
            let item = token
            switch item.kind {
            case .identifier:
                names.append(item.text)
                usage.declare(.named(item.text))
                try checkCollectionCount(at: item)
            case .collectionBindParameter:
                usage.declare(.parameter(item.text))
            case .bindParameter:
                usage.useValueParameter(item.text)
            default:
                throw unexpected(expecting: "collection name")
            }
            advance()
            needsName = accept(.comma)
        }
        return names
    }

    /// A name, `@@param` or `@param` (a value parameter holding a name).
    private func isCollectionName(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .bindParameter, .collectionBindParameter: return true
        default: return false
        }
    }

    /// The statements of one query level: any number of FOR, LET, FILTER,
    /// COLLECT, SORT, LIMIT and data modifications, ending with RETURN or a
    /// data modification. Stops before the first token that cannot start
    /// a statement; the caller decides whether it may follow.
    func parseBody() throws(C8Error) -> [Operation] {
        var operations: [Operation] = []
        var endsWithModification = false
        while let keyword = token.keyword, keyword.startsStatement {
            endsWithModification = false
            switch keyword {
            case .return:
                operations.append(try parseReturn())
                return operations
            case .for: operations.append(try parseFor())
            case .let: operations.append(contentsOf: try parseLet())
            case .filter: operations.append(try parseFilter())
            case .collect: operations.append(try parseCollect())
            case .sort: operations.append(try parseSort())
            case .limit: operations.append(try parseLimit())
            default:
                operations.append(try parseModification())
                endsWithModification = true
            }
        }
        guard endsWithModification else {
            // A query level must end with RETURN or a data modification.
            let atEnd = token.isEnd || token.is(.closeParen)
            throw unexpected(expecting: atEnd ? "RETURN or a data-modification operation" : nil)
        }
        return operations
    }

    /// A subquery, in parentheses (`(FOR …)`) or bare as a function
    /// argument (`LENGTH(FOR …)`). Its variables end with it.
    func parseSubquery() throws(C8Error) -> ExpressionNode {
        try enterNesting()
        defer { leaveNesting() }
        let inOperator = allowInOperator(true)
        defer { allowsInOperator = inOperator }
        scopes.beginSubquery()
        let measurement = beginHeightMeasurement()
        let operations = try parseBody()
        let height = endHeightMeasurement(measurement)
        scopes.endSubquery()
        return try checked(ExpressionNode(.subquery(Query(operations: operations)), height: height + 1))
    }
}

extension Token {
    /// How ArangoDB names the end of the text.
    static let endDescription = "end of query string"
}
