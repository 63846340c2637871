import C8Core

/// The top-level attributes through which operations read a variable —
/// or that they read it as a whole (`RETURN d`, `LET x = d`, `HAS(d, …)`,
/// `d[@name]`, `COLLECT … INTO g`, …).
///
/// A FOR over a collection whose variable is read only as `d.a…` or
/// `d["a"]…` needs only those members of each document: the planner hands
/// them to the engine as a ``DocumentProjection`` and the rest of each
/// document is never decoded. The walk is by name over everything that
/// follows, subqueries included, so a later variable of the same name only
/// makes the answer more conservative, never wrong.
struct AttributeUses {
    let variable: String
    /// Attribute names in order of first use.
    private(set) var names: [String] = []
    /// Some use needs the whole value.
    private(set) var wholeUse = false

    init(of variable: String) {
        self.variable = variable
    }

    /// The attributes `operations` (and `extra`) read of `variable`, or nil
    /// when some use needs the whole value.
    static func projection(of variable: String, in operations: [Operation], extra: [Expression?] = []) -> [String]? {
        var uses = AttributeUses(of: variable)
        for operation in operations { uses.visit(operation) }
        for case let expression? in extra { uses.visit(expression) }
        return uses.wholeUse ? nil : uses.names
    }

    private mutating func record(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }

    private func isVariable(_ expression: Expression) -> Bool {
        if case .variable(let v) = expression { return v == variable }
        return false
    }

    mutating func visit(_ expression: Expression) {
        switch expression {
        case .variable(let v):
            if v == variable { wholeUse = true }
        case .literal, .bindParameter, .collection, .collectionBindParameter:
            break
        case .attribute(let base, let name):
            if isVariable(base) { record(name) } else { visit(base) }
        case .index(let base, let index):
            if isVariable(base), case .literal(.string(let name)) = index { return record(name) }
            visit(base)
            visit(index)
        case .array(let elements):
            for element in elements { visit(element) }
        case .object(let members):
            for member in members {
                if case .computed(let key) = member.key { visit(key) }
                visit(member.value)
            }
        case .unary(_, let operand):
            visit(operand)
        case .binary(_, let lhs, let rhs), .arrayComparison(_, _, let lhs, let rhs), .range(let lhs, let rhs):
            visit(lhs)
            visit(rhs)
        case .ternary(let condition, let then, let otherwise):
            visit(condition)
            if let then { visit(then) }
            visit(otherwise)
        case .call(_, let arguments):
            for argument in arguments { visit(argument) }
        case .subquery(let query):
            for operation in query.operations { visit(operation) }
        case .expansion(let expansion):
            visit(expansion.base)
            for case let part? in [expansion.filter, expansion.limit?.offset, expansion.limit?.count, expansion.projection] {
                visit(part)
            }
        case .flatten(let base, _):
            visit(base)
        }
    }

    mutating func visit(_ operation: Operation) {
        var expressions: [Expression?] = []
        switch operation {
        case .for(let loop):
            expressions = [loop.options, loop.search]
            switch loop.source {
            case .expression(let source):
                expressions.append(source)
            case .traversal(let t):
                expressions += [t.minDepth, t.maxDepth, t.start, t.prune] + Self.expressions(of: t.graph)
            case .shortestPath(let p), .kShortestPaths(let p):
                expressions += [p.start, p.target] + Self.expressions(of: p.graph)
            }
        case .filter(let e), .return(let e, _), .let(_, let e):
            expressions = [e]
        case .sort(let keys):
            expressions = keys.map(\.expression)
        case .limit(let offset, let count):
            expressions = [offset, count]
        case .collect(let c):
            // INTO without a projection keeps every visible variable whole.
            if let into = c.into, into.projection == nil, c.keep.isEmpty || c.keep.contains(variable) { wholeUse = true }
            expressions = c.groups.map(\.value) + c.aggregates.map(\.argument) + [c.into?.projection, c.options]
        case .insert(let i):
            expressions = [i.document, i.collection, i.options]
        case .update(let m), .replace(let m):
            expressions = [m.key, m.document, m.collection, m.options]
        case .remove(let r):
            expressions = [r.key, r.collection, r.options]
        case .upsert(let u):
            expressions = [u.search, u.insert, u.change, u.collection, u.options]
        }
        for case let expression? in expressions { visit(expression) }
    }

    private static func expressions(of graph: GraphSource) -> [Expression?] {
        switch graph {
        case .namedGraph(let name): return [name]
        case .edgeCollections(let list): return list.map(\.collection)
        }
    }
}
