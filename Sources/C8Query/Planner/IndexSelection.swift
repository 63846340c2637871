import C8Core
import C8Engine

/// Chooses how a `FOR v IN collection` finds its documents, from the FILTERs
/// (and a SORT) that follow it before any other loop:
///
/// - `v._key == x` / `v._key IN list` → primary key lookups;
/// - equality / IN on a prefix of a persistent index's fields, plus a range
///   on the next field → an index range scan (the best-covering index wins;
///   sparse indexes only when every condition on them excludes null);
/// - a SORT on `v` attributes that an index (or the primary key) already
///   delivers → index order, and the SORT goes away.
///
/// FILTERs are always kept: the index narrows the rows, the filter decides.
struct IndexSelection {
    let variable: String
    let collection: DocumentCollection
    let following: [Operation]
    private(set) var rules: [String] = []

    struct Choice {
        var access: CollectionAccess
        var estimatedItems: Int
        var redundantSort: Int?
    }

    init(variable: String, collection: DocumentCollection, following: [Operation]) {
        self.variable = variable
        self.collection = collection
        self.following = following
    }

    /// A condition on one attribute path of the loop variable.
    private struct Condition {
        var path: String
        var op: BinaryOperator
        var value: Expression
    }

    mutating func choose(builder: inout PlanBuilder) throws(C8Error) -> Choice {
        let count = collection.count
        let conditions = collectConditions()
        let sort = requestedSort()

        // Primary key lookups.
        if let key = conditions.first(where: { $0.path == "_key" && ($0.op == .equal || $0.op == .in) }),
           let compiled = compileBound(key.value, &builder) {
            rules.append("use-primary-index")
            return Choice(access: .primaryKeys(compiled), estimatedItems: 1, redundantSort: nil)
        }

        // A `_key` range, in key order (also serving SORT v._key).
        let keyBounds = conditions.filter { $0.path == "_key" && [.less, .lessOrEqual, .greater, .greaterOrEqual].contains($0.op) }
        if !keyBounds.isEmpty {
            var lower: (value: CompiledExpression, inclusive: Bool)?
            var upper: (value: CompiledExpression, inclusive: Bool)?
            for condition in keyBounds {
                guard let compiled = compileBound(condition.value, &builder) else { continue }
                switch condition.op {
                case .greater, .greaterOrEqual: if lower == nil { lower = (compiled, condition.op == .greaterOrEqual) }
                default: if upper == nil { upper = (compiled, condition.op == .lessOrEqual) }
                }
            }
            if lower != nil || upper != nil {
                rules.append("use-primary-index")
                let sortsByKey = sort?.paths == ["_key"]
                return Choice(access: .primaryRange(lower: lower, upper: upper, reverse: sortsByKey && !(sort?.ascending ?? true)),
                              estimatedItems: max(1, count / 2), redundantSort: sortsByKey ? sort?.offset : nil)
            }
        }

        var best: (score: Int, access: IndexAccess, items: Int, orderFields: [String])?
        for definition in collection.indexDefinitions where definition.type.isPersistentFamily {
            // `expands` rather than looking for "[*]" in the text: a
            // substring search per index per query cost more than the rest.
            if definition.fields.contains(where: \.expands) { continue }
            let fields = definition.fields.map(\.description)
            var equalityAlternatives: [[CompiledExpression]] = [[]]
            var equalityCount = 0
            var excludesNull = true
            for field in fields {
                guard let condition = conditions.first(where: { $0.path == field && ($0.op == .equal || $0.op == .in) }),
                      let compiled = compileBound(condition.value, &builder) else { break }
                if condition.op == .equal {
                    equalityAlternatives = equalityAlternatives.map { $0 + [compiled] }
                    if compiled.constantValue?.isNull ?? true { excludesNull = false }
                } else {
                    guard case .array(let values)? = compiled.constantValue, !values.isEmpty,
                          equalityAlternatives.count * values.count <= 1000 else { break }
                    equalityAlternatives = equalityAlternatives.flatMap { prefix in values.map { prefix + [.constant($0)] } }
                    if values.contains(where: \.isNull) { excludesNull = false }
                }
                equalityCount += 1
            }
            var lower: (value: CompiledExpression, inclusive: Bool)?
            var upper: (value: CompiledExpression, inclusive: Bool)?
            if equalityCount < fields.count {
                let field = fields[equalityCount]
                for condition in conditions where condition.path == field {
                    guard let compiled = compileBound(condition.value, &builder) else { continue }
                    switch condition.op {
                    case .greater, .greaterOrEqual:
                        if lower == nil { lower = (compiled, condition.op == .greaterOrEqual) }
                    case .less, .lessOrEqual:
                        if upper == nil { upper = (compiled, condition.op == .lessOrEqual) }
                    default: break
                    }
                }
                let lowerExcludesNull = lower.map { b in !(b.value.constantValue?.isNull ?? true) } ?? false
                if (lower != nil || upper != nil) && !lowerExcludesNull { excludesNull = false }
            }
            let hasRange = lower != nil || upper != nil
            if definition.sparse && !(excludesNull && (equalityCount == fields.count || (equalityCount > 0 || hasRange))) { continue }
            if definition.sparse && equalityCount + (hasRange ? 1 : 0) == 0 { continue }
            let score = equalityCount * 4 + (hasRange ? 2 : 0) + (definition.unique && equalityCount == fields.count ? 1 : 0)
            guard score > 0 else { continue }
            let access = IndexAccess(index: definition, equalities: equalityCount == 0 ? [] : equalityAlternatives, lower: lower, upper: upper, reverse: false)
            let items = max(1, count / Int(pow(10.0, Double(equalityCount * 2 + (hasRange ? 1 : 0)))))
            let orderFields = equalityAlternatives.count == 1 ? Array(fields[equalityCount...]) : []
            if best == nil || score > best!.score { best = (score, access, items, orderFields) }
        }

        // Index order instead of a SORT.
        if let sort {
            if var chosen = best, Array(chosen.orderFields.prefix(sort.paths.count)) == sort.paths, !chosen.access.index.sparse {
                chosen.access.reverse = !sort.ascending
                rules.append(contentsOf: ["use-indexes", "use-index-for-sort"])
                return Choice(access: .index(chosen.access), estimatedItems: chosen.items, redundantSort: sort.offset)
            }
            if best == nil {
                if sort.paths == ["_key"] {
                    rules.append("use-index-for-sort")
                    return Choice(access: .fullScan(reverse: !sort.ascending), estimatedItems: count, redundantSort: sort.offset)
                }
                for definition in collection.indexDefinitions where definition.type.isPersistentFamily && !definition.sparse {
                    guard !definition.fields.contains(where: \.expands) else { continue }
                    let fields = definition.fields.map(\.description)
                    guard Array(fields.prefix(sort.paths.count)) == sort.paths else { continue }
                    rules.append("use-index-for-sort")
                    let access = IndexAccess(index: definition, equalities: [], lower: nil, upper: nil, reverse: !sort.ascending)
                    return Choice(access: .index(access), estimatedItems: count, redundantSort: sort.offset)
                }
            }
        }
        if let best {
            rules.append("use-indexes")
            return Choice(access: .index(best.access), estimatedItems: best.items, redundantSort: nil)
        }
        return Choice(access: .fullScan(reverse: false), estimatedItems: count, redundantSort: nil)
    }

    /// Conditions `v.path OP value` from the FILTERs right after the FOR
    /// (LETs in between are skipped; their variables cannot be bounds).
    private func collectConditions() -> [Condition] {
        var conditions: [Condition] = []
        // A list: the loop variable and the few LETs in between.
        var laterNames = [variable]
        for operation in following {
            switch operation {
            case .let(let name, _):
                laterNames.append(name)
            case .filter(let expression):
                for conjunct in expression.conjuncts {
                    guard case .binary(let op, let lhs, let rhs) = conjunct else { continue }
                    if let path = lhs.attributePath(of: variable), !laterNames.contains(where: rhs.references) {
                        conditions.append(Condition(path: path.joined(separator: "."), op: op, value: rhs))
                    } else if let path = rhs.attributePath(of: variable), !laterNames.contains(where: lhs.references),
                              let flipped = Self.flip(op) {
                        conditions.append(Condition(path: path.joined(separator: "."), op: flipped, value: lhs))
                    }
                }
            default:
                return conditions
            }
        }
        return conditions
    }

    /// `x OP v.a` read as `v.a OP' x`.
    private static func flip(_ op: BinaryOperator) -> BinaryOperator? {
        switch op {
        case .equal: .equal
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: nil
        }
    }

    /// The first SORT after the FOR (past FILTERs and LETs) when every key is
    /// a `v` attribute and all go the same direction.
    private func requestedSort() -> (paths: [String], ascending: Bool, offset: Int)? {
        for (offset, operation) in following.enumerated() {
            switch operation {
            case .filter, .let: continue
            case .sort(let keys):
                guard let first = keys.first else { return nil }
                var paths: [String] = []
                for key in keys {
                    guard key.ascending == first.ascending, let path = key.expression.attributePath(of: variable), !path.isEmpty else { return nil }
                    paths.append(path.joined(separator: "."))
                }
                return (paths, first.ascending, offset)
            default:
                return nil
            }
        }
        return nil
    }

    /// Compiles a bound in the scope before the loop; nil when it needs a
    /// variable that only exists inside it.
    private func compileBound(_ expression: Expression, _ builder: inout PlanBuilder) -> CompiledExpression? {
        try? builder.compile(expression)
    }
}

import Foundation
