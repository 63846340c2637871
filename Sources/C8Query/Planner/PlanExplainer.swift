import C8Core
import C8Engine

/// Describes a plan the way `POST /_api/query/explain` does: the chain of
/// nodes (with the index each FOR uses), the optimizer rules applied, the
/// collections read and written, and an estimated cost.
struct PlanExplainer {
    let prepared: PreparedQuery
    let fabric: Fabric

    var json: JSON {
        var nodes: [JSON] = [node(id: 1, type: "SingletonNode", dependencies: [], cost: 1, items: 1)]
        var items = 1.0
        var cost = 1.0
        for (i, step) in prepared.steps.enumerated() {
            let id = i + 2
            var extra = JSONObject()
            let type: String
            switch step {
            case .enumerateCollection(let e):
                extra["collection"] = .string(e.collection)
                extra["outVariable"] = variable(e.slot)
                // ArangoDB's name for the attributes read of each document.
                if let projection = e.projection { extra["projections"] = .array(projection.attributes.names.map { .string($0) }) }
                switch e.access {
                case .fullScan(let reverse):
                    type = "EnumerateCollectionNode"
                    extra["reverse"] = .bool(reverse)
                    items *= Double(max(e.estimatedItems, 1))
                case .primaryKeys:
                    type = "IndexNode"
                    extra["indexes"] = [primaryIndexJSON(e.collection)]
                case .primaryRange(_, _, let reverse):
                    type = "IndexNode"
                    extra["indexes"] = [primaryIndexJSON(e.collection)]
                    extra["reverse"] = .bool(reverse)
                    items *= Double(max(e.estimatedItems, 1))
                case .index(let access):
                    type = "IndexNode"
                    extra["indexes"] = [access.index.json(collection: e.collection)]
                    extra["reverse"] = .bool(access.reverse)
                    extra["condition"] = .string(describe(access))
                    items *= Double(max(e.estimatedItems, 1))
                }
            case .enumerateArray(let slot, _):
                type = "EnumerateListNode"
                extra["outVariable"] = variable(slot)
                items *= 10
            case .traversal(let t):
                type = "TraversalNode"
                extra["edgeCollections"] = .array(t.edges.map { .string($0.collection) })
                extra["minDepth"] = .int(Int64(t.minDepth))
                extra["maxDepth"] = .int(Int64(t.maxDepth))
                extra["indexes"] = .array(t.edges.map { ["type": "edge", "collection": .string($0.collection), "direction": .string($0.direction.rawValue)] })
                if let projection = t.vertexProjection { extra["vertexProjections"] = .array(projection.attributes.names.map { .string($0) }) }
                if let projection = t.edgeProjection { extra["edgeProjections"] = .array(projection.attributes.names.map { .string($0) }) }
                items *= 10
            case .shortestPath(let p), .kShortestPaths(let p):
                if case .shortestPath = step { type = "ShortestPathNode" } else { type = "KShortestPathsNode" }
                extra["edgeCollections"] = .array(p.edges.map { .string($0.collection) })
            case .filter:
                type = "FilterNode"
                items = max(1, items / 3)
            case .let(let slot, _):
                type = "CalculationNode"
                extra["outVariable"] = variable(slot)
            case .sort(let keys, let limit):
                type = "SortNode"
                extra["elements"] = .array(keys.map { ["ascending": .bool($0.ascending)] })
                if let limit { extra["limit"] = .int(Int64(limit)) }
                cost += items * max(1, log2(items))
            case .limit(let offset, let count, let fullCount):
                type = "LimitNode"
                extra["offset"] = .int(Int64(offset))
                extra["limit"] = .int(Int64(count))
                extra["fullCount"] = .bool(fullCount)
                items = min(items, Double(count))
            case .collect(let c):
                type = "CollectNode"
                extra["groups"] = .array(c.groups.map { variable($0.slot) })
                extra["aggregates"] = .array(c.aggregates.map { ["outVariable": variable($0.slot), "type": .string($0.function.rawValue)] })
                items = max(1, items / 10)
            case .modify(let m):
                switch m.kind {
                case .insert: type = "InsertNode"
                case .update: type = "UpdateNode"
                case .replace: type = "ReplaceNode"
                case .remove: type = "RemoveNode"
                case .upsert: type = "UpsertNode"
                }
                extra["collection"] = .string(m.collection)
            case .return(_, let distinct):
                type = "ReturnNode"
                extra["distinct"] = .bool(distinct)
            }
            cost += items
            var n = node(id: id, type: type, dependencies: [id - 1], cost: cost, items: items).objectValue ?? JSONObject()
            for member in extra.members { n[member.key] = member.value }
            nodes.append(.object(n))
        }
        let collections: [JSON] = prepared.readCollections.map { ["name": .string($0), "type": "read"] }
            + prepared.modifiedCollections.map { ["name": .string($0), "type": "write"] }
        let plan: JSON = [
            "nodes": .array(nodes),
            "rules": .array(prepared.rules.map { .string($0) }),
            "collections": .array(collections),
            "variables": .array(prepared.slotNames.enumerated().map { ["id": .int(Int64($0.offset)), "name": .string($0.element)] }),
            "estimatedCost": .number(cost),
            "estimatedNrItems": .number(items.rounded()),
        ]
        return ["plan": plan, "warnings": [], "stats": ["rulesExecuted": .int(Int64(prepared.rules.count)), "rulesSkipped": 0, "plansCreated": 1], "cacheable": .bool(!prepared.isModifying)]
    }

    private func node(id: Int, type: String, dependencies: [Int], cost: Double, items: Double) -> JSON {
        [
            "type": .string(type), "id": .int(Int64(id)), "dependencies": .array(dependencies.map { .int(Int64($0)) }),
            "estimatedCost": .number(cost.rounded()), "estimatedNrItems": .number(items.rounded()),
        ]
    }

    private func variable(_ slot: Int) -> JSON {
        ["id": .int(Int64(slot)), "name": .string(slot < prepared.slotNames.count ? prepared.slotNames[slot] : "#\(slot)")]
    }

    private func primaryIndexJSON(_ collection: String) -> JSON {
        ["id": .string("\(collection)/0"), "type": "primary", "name": "primary", "fields": ["_key"], "unique": true, "sparse": false]
    }

    private func describe(_ access: IndexAccess) -> String {
        let fields = access.index.fields.map(\.description)
        var parts: [String] = []
        let equalityCount = access.equalities.first?.count ?? 0
        for i in 0..<equalityCount {
            parts.append(access.equalities.count > 1 ? "\(fields[i]) IN […]" : "\(fields[i]) == …")
        }
        if equalityCount < fields.count {
            if let lower = access.lower { parts.append("\(fields[equalityCount]) \(lower.inclusive ? ">=" : ">") …") }
            if let upper = access.upper { parts.append("\(fields[equalityCount]) \(upper.inclusive ? "<=" : "<") …") }
        }
        return parts.isEmpty ? "full index scan" : parts.joined(separator: " AND ")
    }
}

import Foundation
