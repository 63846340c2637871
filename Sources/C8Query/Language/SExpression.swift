import C8Core

/// A compact, unambiguous one-line rendering of the syntax tree as
/// S-expressions, for tests and debugging: `(+ 1 (* 2 3))`,
/// `(for x (collection users))`, `(return (. x name))`.
///
/// Literals print as compact JSON, variables bare, bind parameters with
/// their `@`/`@@`, collections as `(collection name)`.
enum SExpression {
    static func render(_ query: Query) -> String {
        var parts = ["query"]
        if !query.withCollections.isEmpty { parts.append(list(["with"] + query.withCollections)) }
        parts += query.operations.map(render)
        return list(parts)
    }

    static func render(_ operation: Operation) -> String {
        switch operation {
        case .for(let loop): return render(loop)
        case .filter(let condition): return list(["filter", render(condition)])
        case .let(let name, let value): return list(["let", name, render(value)])
        case .sort(let keys):
            return list(["sort"] + keys.map { list([render($0.expression), $0.ascending ? "ASC" : "DESC"]) })
        case .limit(let offset, let count): return list(["limit", render(offset), render(count)])
        case .collect(let collect): return render(collect)
        case .return(let value, let distinct):
            return list(["return"] + (distinct ? ["distinct"] : []) + [render(value)])
        case .insert(let insert):
            return list(["insert", render(insert.document), render(insert.collection)] + options(insert.options))
        case .update(let modify): return render(modify, as: "update")
        case .replace(let modify): return render(modify, as: "replace")
        case .remove(let remove):
            return list(["remove", render(remove.key), render(remove.collection)] + options(remove.options))
        case .upsert(let upsert):
            return list(["upsert", render(upsert.search), render(upsert.insert),
                         list([upsert.replaces ? "replace" : "update", render(upsert.change)]),
                         render(upsert.collection)] + options(upsert.options))
        }
    }

    private static func render(_ loop: ForOperation) -> String {
        let variables = loop.variables.count == 1 ? loop.variables[0] : list(loop.variables)
        var parts = ["for", variables]
        switch loop.source {
        case .expression(let source):
            parts.append(render(source))
        case .traversal(let t):
            parts.append(list(["traverse", t.direction.rawValue, render(t.minDepth), render(t.maxDepth),
                               render(t.start), render(t.graph)]))
            if let prune = t.prune { parts.append(list(["prune", render(prune)])) }
        case .shortestPath(let path):
            parts.append(render(path, as: "shortest_path"))
        case .kShortestPaths(let path):
            parts.append(render(path, as: "k_shortest_paths"))
        }
        if let search = loop.search { parts.append(list(["search", render(search)])) }
        return list(parts + options(loop.options))
    }

    private static func render(_ path: ShortestPath, as name: String) -> String {
        list([name, path.direction.rawValue, render(path.start), render(path.target), render(path.graph)])
    }

    private static func render(_ graph: GraphSource) -> String {
        switch graph {
        case .namedGraph(let name):
            return list(["graph", render(name)])
        case .edgeCollections(let collections):
            return list(["edges"] + collections.map { item in
                item.direction.map { list([$0.rawValue, render(item.collection)]) } ?? render(item.collection)
            })
        }
    }

    private static func render(_ collect: CollectOperation) -> String {
        var parts = ["collect"]
        if !collect.groups.isEmpty {
            parts.append(list(["groups"] + collect.groups.map { list([$0.name, render($0.value)]) }))
        }
        if !collect.aggregates.isEmpty {
            parts.append(list(["aggregate"] + collect.aggregates.map { list([$0.name, $0.function, render($0.argument)]) }))
        }
        if let into = collect.into { parts.append(list(["into", into.name] + (into.projection.map { [render($0)] } ?? []))) }
        if !collect.keep.isEmpty { parts.append(list(["keep"] + collect.keep)) }
        if let count = collect.countInto { parts.append(list(["count", count])) }
        return list(parts + options(collect.options))
    }

    private static func render(_ modify: ModifyOperation, as name: String) -> String {
        let key = modify.key.map { [list(["key", render($0)])] } ?? []
        return list([name] + key + [render(modify.document), render(modify.collection)] + options(modify.options))
    }

    private static func options(_ options: Expression?) -> [String] {
        options.map { [list(["options", render($0)])] } ?? []
    }

    static func render(_ expression: Expression) -> String {
        switch expression {
        case .literal(let value): return value.jsonString()
        case .variable(let name): return name
        case .bindParameter(let name): return "@" + name
        case .collectionBindParameter(let name): return "@@" + name
        case .collection(let name): return list(["collection", name])
        case .array(let elements): return list(["array"] + elements.map(render))
        case .object(let members): return list(["object"] + members.map(render))
        case .attribute(let base, let name): return list([".", render(base), name])
        case .index(let base, let index): return list(["[]", render(base), render(index)])
        case .unary(let op, let operand): return list([op.rawValue, render(operand)])
        case .binary(let op, let lhs, let rhs): return list([op.rawValue, render(lhs), render(rhs)])
        case .arrayComparison(let quantifier, let op, let lhs, let rhs):
            return list([quantifier.rawValue, op.rawValue, render(lhs), render(rhs)])
        case .ternary(let condition, let then, let otherwise):
            if let then { return list(["?", render(condition), render(then), render(otherwise)]) }
            return list(["?:", render(condition), render(otherwise)])
        case .range(let from, let to): return list(["..", render(from), render(to)])
        case .call(let name, let arguments): return list(["call", name] + arguments.map(render))
        case .subquery(let query): return list(["subquery", render(query)])
        case .expansion(let e):
            var parts = [e.levels == 1 ? "expand" : "expand*\(e.levels)", render(e.base)]
            if let filter = e.filter { parts.append(list(["filter", render(filter)])) }
            if let limit = e.limit { parts.append(list(["limit", render(limit.offset), render(limit.count)])) }
            if let projection = e.projection { parts.append(list(["return", render(projection)])) }
            return list(parts)
        case .flatten(let base, let depth): return list(["flatten", render(base), String(depth)])
        }
    }

    private static func render(_ member: ObjectMember) -> String {
        switch member.key {
        case .name(let name): return list([JSON.string(name).jsonString(), render(member.value)])
        case .computed(let key): return list(["[" + render(key) + "]", render(member.value)])
        case .bindParameter(let name): return list(["@" + name, render(member.value)])
        }
    }

    private static func list(_ parts: [String]) -> String { "(" + parts.joined(separator: " ") + ")" }
}
