import C8Core

/// Where a collection may appear, and what reading or writing one implies.
extension C8QLParser {
    /// `node` as an operand: a bare collection there is 1577 (or 1512 when
    /// the name was a variable that went out of scope).
    func operand(_ node: ExpressionNode) throws(C8Error) -> ExpressionNode {
        guard let reference = node.collection else { return node }
        throw misuse(of: reference)
    }

    /// The error for a collection reference where a value is needed.
    func misuse(of reference: CollectionReference) -> C8Error {
        let name = tokens[reference.tokenIndex]
        if reference.wasVariable {
            return errors.plain(.queryVariableNameUnknown, arguments: [reference.displayName], at: name)
        }
        return errors.plain(.queryCollectionUsedInExpression, arguments: [reference.displayName], at: name)
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
