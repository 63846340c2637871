import C8Core
import C8Engine

/// Turns a parsed query into an execution plan: variables get row slots,
/// bind parameters become constants, functions are resolved, and each
/// FOR over a collection gets the best access path (``IndexSelection``).
struct PlanBuilder {
    let fabric: Fabric
    let bindVariables: JSONObject
    let options: QueryOptions
    var usedBindParameters = Set<String>()
    private(set) var slotCount = 0
    private(set) var modifiedCollections: [String] = []
    var readCollections: [String] = []
    /// Collections the plan reaches that the parser could not name:
    /// `@@` parameters as bound and named graphs' collections (for access
    /// checks, ``PreparedQuery/collectionUses``).
    var referencedCollections = OrderedNames()
    var appliedRules: [String] = []
    /// Variables by scope, innermost last; in a scope the later of two
    /// with one name wins. Lists: a scope holds a few names, and a list
    /// costs less to fill and search than a dictionary per scope.
    private var scopes: [[(name: String, slot: Int)]] = [[]]
    /// Names of the slots, for explain.
    private(set) var slotNames: [String] = []

    init(fabric: Fabric, bindVariables: JSONObject, options: QueryOptions) {
        self.fabric = fabric
        self.bindVariables = bindVariables
        self.options = options
    }

    /// The plan of a top-level query.
    mutating func plan(_ query: Query) throws(C8Error) -> [PlanStep] {
        let steps = try plan(query.operations, topLevel: true)
        for name in bindVariables.keys where !usedBindParameters.contains(name) {
            throw C8Error(.queryBindParameterUndeclared, "bind parameter '\(name)' was not declared in the query")
        }
        return steps
    }

    // MARK: - Slots and scopes

    mutating func declare(_ name: String) -> Int {
        let slot = slotCount
        slotCount += 1
        slotNames.append(name)
        scopes[scopes.count - 1].append((name, slot))
        return slot
    }

    func slot(of name: String) -> Int? {
        for scope in scopes.reversed() {
            if let variable = scope.last(where: { $0.name == name }) { return variable.slot }
        }
        return nil
    }

    mutating func pushScope() { scopes.append([]) }
    mutating func popScope() { scopes.removeLast() }

    /// Every variable visible now, for `COLLECT … INTO g` (names sorted).
    func visibleVariables() -> [(name: String, slot: Int)] {
        var merged: [String: Int] = [:]
        for scope in scopes { for variable in scope { merged[variable.name] = variable.slot } }
        return merged.filter { !$0.key.hasPrefix("#") }.map { ($0.key, $0.value) }.sorted { $0.name < $1.name }
    }

    // MARK: - Operations

    mutating func plan(_ operations: [Operation], topLevel: Bool) throws(C8Error) -> [PlanStep] {
        var steps: [PlanStep] = []
        var skipped = Set<Int>()
        var i = 0
        while i < operations.count {
            let operation = operations[i]
            if skipped.contains(i) {
                i += 1
                continue
            }
            switch operation {
            case .for(let loop):
                let (step, sortMadeRedundant) = try planFor(loop, following: Array(operations[(i + 1)...]))
                steps.append(step)
                if let offset = sortMadeRedundant { skipped.insert(i + 1 + offset) }
            case .filter(let condition):
                steps.append(.filter(try compile(condition)))
            case .let(let name, let value):
                let compiled = try compile(value)
                steps.append(.let(slot: declare(name), value: compiled))
            case .sort(let keys):
                var compiled: [(CompiledExpression, Bool)] = []
                for key in keys { compiled.append((try compile(key.expression), key.ascending)) }
                // SORT null (all keys constant) does not order anything.
                if compiled.allSatisfy({ $0.0.constantValue != nil }) { break }
                steps.append(.sort(keys: compiled.map { (value: $0.0, ascending: $0.1) }, limit: nil))
            case .limit(let offset, let count):
                let o = try limitValue(offset, what: "offset", ifNull: 0)
                let c = try limitValue(count, what: "count", ifNull: Self.unboundedLimit)
                let fullCount = topLevel && options.fullCount && isLastLimit(operations, after: i)
                // fullCount must see every row, so the sort keeps them all.
                if !fullCount, case .sort(let keys, _)? = steps.last {
                    steps[steps.count - 1] = .sort(keys: keys, limit: o > Int.max - c ? Int.max : o + c)
                    appliedRules.append("sort-limit")
                }
                steps.append(.limit(offset: o, count: c, fullCount: fullCount))
            case .collect(let collect):
                steps.append(.collect(try planCollect(collect)))
            case .return(let value, let distinct):
                steps.append(.return(try compile(value), distinct: distinct))
            case .insert(let insert):
                steps.append(.modify(try planModify(.insert(document: try compile(insert.document)), insert.collection, insert.options, binds: (new: true, old: false))))
            case .update(let update):
                let key = try update.key.map { k throws(C8Error) in try compile(k) }
                steps.append(.modify(try planModify(.update(key: key, document: try compile(update.document)), update.collection, update.options, binds: (true, true))))
            case .replace(let replace):
                let key = try replace.key.map { k throws(C8Error) in try compile(k) }
                steps.append(.modify(try planModify(.replace(key: key, document: try compile(replace.document)), replace.collection, replace.options, binds: (true, true))))
            case .remove(let remove):
                steps.append(.modify(try planModify(.remove(key: try compile(remove.key)), remove.collection, remove.options, binds: (false, true))))
            case .upsert(let upsert):
                let search = try compile(upsert.search)
                let insert = try compile(upsert.insert)
                // OLD is visible inside the UPDATE/REPLACE expression.
                pushScope()
                let oldSlot = declare("OLD")
                let change = try compile(upsert.change)
                popScope()
                var step = try planModify(
                    .upsert(search: search, insert: insert, change: change, replaces: upsert.replaces),
                    upsert.collection, upsert.options, binds: (true, false))
                step.oldSlot = oldSlot
                scopes[scopes.count - 1].append(("OLD", oldSlot))
                steps.append(.modify(step))
            }
            i += 1
        }
        return steps
    }

    private func isLastLimit(_ operations: [Operation], after index: Int) -> Bool {
        !operations[(index + 1)...].contains { if case .limit = $0 { return true } else { return false } }
    }

    /// The count of a `LIMIT` whose count is null: no bound (ArangoDB's
    /// 2^27 rows).
    static let unboundedLimit = 128 * 1024 * 1024

    /// The value of `expression` when it is known before the query runs: a
    /// literal, a bind parameter, or an expression of those and of
    /// deterministic functions, folded here as ArangoDB folds at compile
    /// time (`2 + 1`, `CEIL(@n / 3)`); nil when it needs a row.
    private mutating func knownBeforeRun(_ expression: Expression) throws(C8Error) -> JSON? {
        let compiled = try compile(expression)
        if let constant = compiled.constantValue { return constant }
        guard compiled.isFoldable else { return nil }
        let context = QueryContext(fabric: fabric, options: options, currentUser: nil, killFlag: KillFlag())
        return try context.evaluate(compiled, Row(slotCount: 0))
    }

    /// A LIMIT offset or count, as ArangoDB takes it: a number known before
    /// the query runs, its fraction dropped; null is `ifNull`.
    mutating func limitValue(_ expression: Expression, what: String, ifNull: Int) throws(C8Error) -> Int {
        guard let value = try knownBeforeRun(expression) else {
            throw C8Error(.queryNumberOutOfRange, "LIMIT \(what) must be a number known before the query runs")
        }
        let number: Double
        switch value {
        case .null: return ifNull
        case .int(let n): number = Double(n)
        case .double(let d): number = d.rounded(.towardZero)
        default: number = -1
        }
        guard number >= 0, number < 9e18 else {
            throw C8Error(.queryNumberOutOfRange, "LIMIT \(what) value is not a number or out of range")
        }
        return Int(number)
    }

    /// A whole, non-negative number known before the query runs (a
    /// traversal's depths, an inline LIMIT).
    mutating func constantInteger(_ expression: Expression, what: String) throws(C8Error) -> Int {
        guard let number = try knownBeforeRun(expression)?.doubleValue, number >= 0, number == number.rounded(), number < 9e18 else {
            throw C8Error(.queryNumberOutOfRange, "\(what) must be a non-negative integer known before the query runs")
        }
        return Int(number)
    }

    // MARK: - COLLECT

    private mutating func planCollect(_ collect: CollectOperation) throws(C8Error) -> CollectStep {
        var groups: [(slot: Int, value: CompiledExpression)] = []
        var compiledGroups: [(String, CompiledExpression)] = []
        for group in collect.groups { compiledGroups.append((group.name, try compile(group.value))) }
        var aggregates: [(String, Aggregator, CompiledExpression)] = []
        for aggregate in collect.aggregates {
            guard let function = Aggregator(name: aggregate.function) else {
                throw C8Error(.queryInvalidAggregateExpression, "invalid aggregate function '\(aggregate.function)' in COLLECT")
            }
            aggregates.append((aggregate.name, function, try compile(aggregate.argument)))
        }
        var into: (slot: Int, projection: CompiledExpression?, variables: [(name: String, slot: Int)])?
        var intoName: String?
        if let spec = collect.into {
            let projection = try spec.projection.map { p throws(C8Error) in try compile(p) }
            var variables = visibleVariables()
            if !collect.keep.isEmpty {
                variables = try collect.keep.map { name throws(C8Error) in
                    guard let slot = slot(of: name) else { throw C8Error(.queryVariableNameUnknown, "variable '\(name)' is unknown") }
                    return (name, slot)
                }
            }
            into = (0, projection, variables)
            intoName = spec.name
        }
        for (name, value) in compiledGroups { groups.append((declare(name), value)) }
        let compiledAggregates = aggregates.map { (declare($0.0), $0.1, $0.2) }
        if let name = intoName { into?.slot = declare(name) }
        let countSlot = collect.countInto.map { declare($0) }
        return CollectStep(
            groups: groups, aggregates: compiledAggregates.map { (slot: $0.0, function: $0.1, argument: $0.2) },
            into: into, countSlot: countSlot)
    }

    // MARK: - Data modification

    private mutating func planModify(
        _ kind: ModifyStep.Kind, _ collection: Expression, _ options: Expression?, binds: (new: Bool, old: Bool)
    ) throws(C8Error) -> ModifyStep {
        let name = try collectionName(collection)
        guard fabric.hasCollection(name) else { throw C8Error(.collectionNotFound, detail: name) }
        if !modifiedCollections.contains(name) { modifiedCollections.append(name) }
        var modifyOptions = ModifyOptions()
        if let options {
            guard let value = try compile(options).constantValue, case .object = value else {
                throw C8Error(.queryCompileTimeOptions, "OPTIONS must be an object known before the query runs")
            }
            modifyOptions.ignoreErrors = value["ignoreErrors"].toBool
            modifyOptions.write.waitForSync = value["waitForSync"].toBool
            if value.objectValue?["keepNull"] != nil { modifyOptions.write.keepNull = value["keepNull"].toBool }
            if value.objectValue?["mergeObjects"] != nil { modifyOptions.write.mergeObjects = value["mergeObjects"].toBool }
            if value.objectValue?["ignoreRevs"] != nil { modifyOptions.write.ignoreRevs = value["ignoreRevs"].toBool }
            if value["overwrite"].toBool { modifyOptions.write.overwriteMode = .replace }
            if let mode = value["overwriteMode"].stringValue.flatMap(OverwriteMode.init(rawValue:)) { modifyOptions.write.overwriteMode = mode }
        }
        let newSlot = binds.new ? declare("NEW") : nil
        let oldSlot = binds.old ? declare("OLD") : nil
        return ModifyStep(kind: kind, collection: name, options: modifyOptions, newSlot: newSlot, oldSlot: oldSlot)
    }

    /// The collection a FOR, a modification or an edge list names.
    mutating func collectionName(_ expression: Expression) throws(C8Error) -> String {
        let name = try resolveCollectionName(expression)
        referencedCollections.insert(name)
        return name
    }

    private mutating func resolveCollectionName(_ expression: Expression) throws(C8Error) -> String {
        switch expression {
        case .collection(let name):
            return name
        case .collectionBindParameter(let name):
            usedBindParameters.insert("@" + name)
            guard let value = bindVariables["@" + name] else {
                throw C8Error(.queryBindParameterMissing, "no value specified for declared bind parameter '@\(name)'")
            }
            guard case .string(let collection) = value, !collection.isEmpty else {
                throw C8Error(.queryBindParameterType, "bind parameter '@\(name)' has an invalid value or type")
            }
            return collection
        case .literal(.string(let name)):
            return name
        case .bindParameter(let name):
            usedBindParameters.insert(name)
            guard case .string(let collection)? = bindVariables[name] else {
                throw C8Error(.queryBindParameterType, "bind parameter '\(name)' has an invalid value or type")
            }
            return collection
        default:
            throw C8Error(.queryParse, "a collection name was expected")
        }
    }
}
