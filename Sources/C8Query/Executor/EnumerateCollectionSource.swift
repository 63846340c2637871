import C8Core
import C8Engine

/// `FOR x IN collection`: a full scan, primary key lookups or an index range,
/// re-evaluated for every input row (bounds may depend on outer variables).
final class EnumerateCollectionSource: LoopSource {
    private let step: EnumerateCollection
    private let collection: DocumentCollection
    private var scanner: DocumentScanner?
    /// The documents behind index or primary-key lookups.
    private var lookups: DocumentBatchReader?
    /// A `_key` range reads through the primary index.
    private var primaryRangeScan = false

    /// Documents an index or key lookup reads first (see ``DocumentBatchReader``).
    private let firstBatch: Int

    /// - Parameter rowsWanted: how many rows the steps after the loop take
    ///   at most (a LIMIT behind FILTERs), when known.
    init(input: any RowSource, context: QueryContext, step: EnumerateCollection, rowsWanted: Int? = nil) throws(C8Error) {
        self.step = step
        self.firstBatch = rowsWanted ?? DocumentBatchReader.firstBatch
        self.collection = try context.collection(step.collection)
        super.init(input: input, context: context)
    }

    override func start(_ row: Row) throws(C8Error) {
        scanner = nil
        lookups = nil
        primaryRangeScan = false
        switch step.access {
        case .fullScan(let reverse):
            scanner = collection.scan(reverse: reverse, projection: step.projection)
        case .primaryRange(let lower, let upper, let reverse):
            // Keys are strings: a bound of another type is below or above every key.
            func bound(_ b: (value: CompiledExpression, inclusive: Bool)?, isLower: Bool) throws(C8Error) -> (key: String, inclusive: Bool)?? {
                guard let b else { return .some(nil) }
                let value = try context.evaluate(b.value, row)
                if case .string(let key) = value { return .some((key, b.inclusive)) }
                let belowStrings = JSON.compare(value, "") < 0
                return belowStrings == isLower ? .some(nil) : nil
            }
            guard let from = try bound(lower, isLower: true), let to = try bound(upper, isLower: false) else { return }
            scanner = collection.scan(from: from, to: to, reverse: reverse, projection: step.projection)
            primaryRangeScan = true
        case .primaryKeys(let expression):
            let value = try context.evaluate(expression, row)
            var seen = Set<String>()
            let keyList = value.toArray.compactMap { key -> String? in
                guard case .string(let s) = key else { return nil }
                return seen.insert(s).inserted ? s : nil
            }
            var keys = keyList.makeIterator()
            lookups = DocumentBatchReader(collection: collection, projection: step.projection, firstBatch: firstBatch) { keys.next() }
        case .index(let access):
            guard let index = collection.indexObject(access.index) as? PersistentIndex else {
                throw C8Error(.indexNotFound, detail: access.index.name)
            }
            var prefixes: [[JSON]] = []
            for alternative in access.equalities {
                var tuple: [JSON] = []
                for value in alternative { tuple.append(try context.evaluate(value, row)) }
                prefixes.append(tuple)
            }
            // IN lists may repeat values; equal tuples would return documents twice.
            var seen = Set<JSON>()
            prefixes = prefixes.filter { seen.insert(.array($0)).inserted }.sorted { JSON.compare(.array($0), .array($1)) < 0 }
            if access.reverse { prefixes.reverse() }
            let lower = try access.lower.map { b throws(C8Error) in IndexBound(try context.evaluate(b.value, row), inclusive: b.inclusive) }
            let upper = try access.upper.map { b throws(C8Error) in IndexBound(try context.evaluate(b.value, row), inclusive: b.inclusive) }
            let lookup = IndexLookup(prefixes: access.equalities.isEmpty ? [[]] : prefixes, lower: lower, upper: upper, reverse: access.reverse)
            let keys = try index.cursor(lookup, in: collection.storageEngine)
            lookups = DocumentBatchReader(collection: collection, projection: step.projection, firstBatch: firstBatch) { keys.next() }
        }
    }

    override func produce(into row: inout Row) throws(C8Error) -> Bool {
        if let scanner {
            guard let document = try scanner.next() else { return false }
            if primaryRangeScan { context.statistics.scannedIndex += 1 } else { context.statistics.scannedFull += 1 }
            row[step.slot] = document
            return true
        }
        guard let lookups else { return false }
        while let document = try lookups.next() {
            context.statistics.scannedIndex += 1
            if let document {
                row[step.slot] = document
                return true
            }
        }
        return false
    }
}
