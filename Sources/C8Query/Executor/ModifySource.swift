import C8Core
import C8Engine

/// INSERT, UPDATE, REPLACE, REMOVE and UPSERT: writes through the query's
/// transaction (committed when the query ends), binding NEW and OLD.
final class ModifySource: RowSource {
    private let input: any RowSource
    private let context: QueryContext
    private let step: ModifyStep
    private let collection: DocumentCollection
    /// Documents this step wrote, so a later UPSERT search sees them.
    private var written: [String: JSON] = [:]

    init(input: any RowSource, context: QueryContext, step: ModifyStep) throws(C8Error) {
        self.input = input
        self.context = context
        self.step = step
        self.collection = try context.collection(step.collection)
    }

    func next() throws(C8Error) -> Row? {
        while var row = try input.next() {
            try context.checkKilled()
            do throws(C8Error) {
                try apply(&row)
                context.statistics.writesExecuted += 1
                return row
            } catch {
                guard step.options.ignoreErrors else { throw error }
                context.statistics.writesIgnored += 1
            }
        }
        return nil
    }

    private var transaction: WriteTransaction {
        get throws(C8Error) {
            guard let transaction = context.transaction else {
                throw C8Error(.internalError, "data modification without a transaction")
            }
            return transaction
        }
    }

    private func options(returnOld: Bool) -> WriteOptions {
        var options = step.options.write
        options.returnNew = step.newSlot != nil
        options.returnOld = returnOld
        return options
    }

    private func apply(_ row: inout Row) throws(C8Error) {
        let transaction = try self.transaction
        switch step.kind {
        case .insert(let document):
            let body = try context.evaluate(document, row)
            let result = try transaction.insert(body, into: collection, options: options(returnOld: step.oldSlot != nil))
            remember(result)
            bind(result, into: &row)
        case .update(let key, let document), .replace(let key, let document):
            let body = try context.evaluate(document, row)
            let selector = try Self.selector(try key.map { k throws(C8Error) in try context.evaluate(k, row) } ?? body)
            let isUpdate: Bool
            if case .update = step.kind { isUpdate = true } else { isUpdate = false }
            let result = isUpdate
                ? try transaction.update(selector, with: body, in: collection, options: options(returnOld: step.oldSlot != nil))
                : try transaction.replace(selector, with: body, in: collection, options: options(returnOld: step.oldSlot != nil))
            remember(result)
            bind(result, into: &row)
        case .remove(let key):
            let selector = try Self.selector(try context.evaluate(key, row))
            let result = try transaction.remove(selector, from: collection, options: options(returnOld: true))
            written[selector.key] = .null
            if let oldSlot = step.oldSlot { row[oldSlot] = result.old ?? .null }
        case .upsert(let search, let insert, let change, let replaces):
            let example = try context.evaluate(search, row)
            guard case .object(let exampleObject) = example else {
                throw C8Error(.queryParse, "UPSERT search value must be an object")
            }
            if let existing = try find(exampleObject, transaction) {
                if let oldSlot = step.oldSlot { row[oldSlot] = existing }
                var scope = row
                if let oldSlot = step.oldSlot { scope[oldSlot] = existing }
                let body = try context.evaluate(change, scope)
                let selector = DocumentSelector(key: existing["_key"].stringValue ?? "")
                let result = replaces
                    ? try transaction.replace(selector, with: body, in: collection, options: options(returnOld: false))
                    : try transaction.update(selector, with: body, in: collection, options: options(returnOld: false))
                remember(result)
                if let newSlot = step.newSlot { row[newSlot] = result.new ?? .null }
            } else {
                let body = try context.evaluate(insert, row)
                let result = try transaction.insert(body, into: collection, options: options(returnOld: false))
                remember(result)
                if let oldSlot = step.oldSlot { row[oldSlot] = .null }
                if let newSlot = step.newSlot { row[newSlot] = result.new ?? .null }
            }
        }
    }

    private func bind(_ result: DocumentResult, into row: inout Row) {
        if let newSlot = step.newSlot { row[newSlot] = result.new ?? .null }
        if let oldSlot = step.oldSlot { row[oldSlot] = result.old ?? .null }
    }

    private func remember(_ result: DocumentResult) {
        if let new = result.new { written[result.key] = new } else { written[result.key] = .null }
    }

    /// The first document matching every attribute of `example`: by `_key`
    /// when given, else this step's own writes, then the collection.
    private func find(_ example: JSONObject, _ transaction: WriteTransaction) throws(C8Error) -> JSON? {
        func matches(_ document: JSON) -> Bool {
            example.members.allSatisfy { document[$0.key] == $0.value }
        }
        if case .string(let key)? = example["_key"] {
            guard let document = try transaction.document(key, in: collection) else { return nil }
            return matches(document) ? document : nil
        }
        for (key, document) in written where !document.isNull {
            if matches(document) { return try transaction.document(key, in: collection) }
        }
        let scanner = collection.scan()
        while let document = try scanner.next() {
            context.statistics.scannedFull += 1
            guard let key = document["_key"].stringValue, written[key] == nil else { continue }
            if matches(document) { return document }
        }
        return nil
    }

    /// A document to modify: a key string, or an object with `_key`.
    static func selector(_ value: JSON) throws(C8Error) -> DocumentSelector {
        switch value {
        case .string(let s):
            return DocumentSelector(key: s.split(separator: "/", maxSplits: 1).last.map(String.init) ?? s)
        case .object:
            guard let key = value["_key"].stringValue else { throw C8Error(.documentKeyMissing) }
            return DocumentSelector(key: key, rev: value["_rev"].stringValue)
        default:
            throw C8Error(.documentHandleBad, "the document to modify must be a key or an object with _key")
        }
    }
}
