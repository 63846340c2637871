import C8Core

/// INSERT, UPDATE, REPLACE, REMOVE and UPSERT.
///
/// Their document expressions are read with the bare `IN` operator off,
/// since `REMOVE doc IN coll` uses IN to introduce the collection. After
/// the statement the target counts as modified (1573/1579 from then on)
/// and `NEW`/`OLD` are bound as the statement defines them.
extension C8QLParser {
    func parseModification() throws(C8Error) -> Operation {
        switch advance().keyword {
        case .insert:
            let document = try parseDocument()
            let (collection, options) = try parseTarget()
            scopes.declarePseudo(PseudoVariable.new)
            return .insert(InsertOperation(document: document, collection: collection, options: options))
        case .update:
            let (key, document, collection, options) = try parseKeyWithDocument()
            return .update(ModifyOperation(key: key, document: document, collection: collection, options: options))
        case .replace:
            let (key, document, collection, options) = try parseKeyWithDocument()
            return .replace(ModifyOperation(key: key, document: document, collection: collection, options: options))
        case .remove:
            let key = try parseDocument()
            let (collection, options) = try parseTarget()
            scopes.declarePseudo(PseudoVariable.old)
            return .remove(RemoveOperation(key: key, collection: collection, options: options))
        default:
            return .upsert(try parseUpsert())
        }
    }

    /// `doc IN c` or `key WITH doc IN c` (UPDATE and REPLACE).
    private func parseKeyWithDocument() throws(C8Error) -> (Expression?, Expression, Expression, Expression?) {
        var key: Expression?
        var document = try parseDocument()
        if accept(.with) {
            key = document
            document = try parseDocument()
        }
        let (collection, options) = try parseTarget()
        scopes.declarePseudo(PseudoVariable.old)
        scopes.declarePseudo(PseudoVariable.new)
        return (key, document, collection, options)
    }

    /// `UPSERT search INSERT doc UPDATE|REPLACE doc IN c`; OLD is bound
    /// from the INSERT part on, NEW after the statement.
    private func parseUpsert() throws(C8Error) -> UpsertOperation {
        let search = try operand(parseExpression()).expression
        scopes.declarePseudo(PseudoVariable.old)
        try expect(.insert)
        let insert = try operand(parseExpression()).expression
        let replaces: Bool
        if accept(.update) {
            replaces = false
        } else if accept(.replace) {
            replaces = true
        } else {
            throw unexpected(expecting: "UPDATE command or REPLACE command")
        }
        let change = try parseDocument()
        let (collection, options) = try parseTarget()
        scopes.declarePseudo(PseudoVariable.new)
        return UpsertOperation(search: search, insert: insert, change: change, replaces: replaces,
                               collection: collection, options: options)
    }

    /// An expression ended by IN/INTO.
    private func parseDocument() throws(C8Error) -> Expression {
        let inOperator = allowInOperator(false)
        defer { allowsInOperator = inOperator }
        return try operand(parseExpression()).expression
    }

    /// `IN|INTO collection [OPTIONS {…}]`: the collection is a name, a quoted
    /// name or a `@@` parameter.
    private func parseTarget() throws(C8Error) -> (Expression, Expression?) {
        guard accept(.in) || accept(.into) else { throw unexpected(expecting: "IN keyword or INTO keyword") }
        let name = token
        let collection: Expression
        switch name.kind {
        case .identifier, .string:
            collection = .collection(name.text)
        case .collectionBindParameter:
            collection = .collectionBindParameter(name.text)
        case .bindParameter:
            throw errors.located(.queryBindParameterType,
                                 ErrorCode.queryBindParameterType.message(arguments: [name.text]), at: name)
        default:
            throw unexpected(expecting: "collection name")
        }
        advance()
        let options = try parseStatementOptions()
        try record(collectionReference(name), write: true)
        return (collection, options)
    }
}
