import C8Core

/// UNION, UNION_DISTINCT, INTERSECTION, MINUS, OUTERSECTION, INTERLEAVE,
/// JACCARD and COUNT_DISTINCT: arrays as (multi)sets under C8QL equality.
///
/// ArangoDB returns the set-like results in hash-table order; c8 returns
/// them in first-occurrence order, which is one of the orders ArangoDB may
/// produce and makes results reproducible.
enum ArraySetFunctions {
    static let definitions: [FunctionDefinition] = {
        let countDistinct = ArrayFunctions.reader("COUNT_DISTINCT") { _, values in .integer(Set(values).count) }
        return [
            countDistinct, countDistinct.aliased(as: "COUNT_UNIQUE"),
            variadic("UNION", onNonArray: .invalidArgument) { lists in .array(lists.flatMap { $0 }) },
            variadic("UNION_DISTINCT", onNonArray: .invalidArgument) { lists in
                .array(ArrayFunctions.unique(lists.flatMap { $0 }))
            },
            variadic("INTERSECTION", onNonArray: .arrayExpected) { lists in
                let others = lists.dropFirst().map(Set.init)
                return .array(ArrayFunctions.unique(lists[0]).filter { value in others.allSatisfy { $0.contains(value) } })
            },
            variadic("MINUS", onNonArray: .invalidArgument) { lists in
                let removed = Set(lists.dropFirst().flatMap { $0 })
                return .array(ArrayFunctions.unique(lists[0]).filter { !removed.contains($0) })
            },
            variadic("OUTERSECTION", onNonArray: .arrayExpected) { lists in
                // Counts every occurrence, also repeats within one array.
                let all = lists.flatMap { $0 }
                var counts: [JSON: Int] = [:]
                for value in all { counts[value, default: 0] += 1 }
                return .array(ArrayFunctions.unique(all).filter { counts[$0] == 1 })
            },
            variadic("INTERLEAVE", onNonArray: .arrayExpected) { lists in
                var result: [JSON] = []
                let longest = lists.map(\.count).max() ?? 0
                for i in 0..<longest {
                    for list in lists where i < list.count { result.append(list[i]) }
                }
                return .array(result)
            },
            FunctionDefinition("JACCARD", 2...2, .array) { call in
                guard case .array(let a) = call[0], case .array(let b) = call[1] else {
                    return call.warning(.queryArrayExpected)
                }
                let x = Set(a)
                let y = Set(b)
                let union = x.union(y)
                return .finite(union.isEmpty ? 1 : Double(x.intersection(y).count) / Double(union.count))
            },
        ]
    }()

    enum NonArrayReaction {
        case invalidArgument
        case arrayExpected
    }

    /// A function of two or more arrays; a non-array argument warns as
    /// ArangoDB's implementation of that function does.
    private static func variadic(
        _ name: String, onNonArray reaction: NonArrayReaction, _ body: @escaping @Sendable ([[JSON]]) -> JSON
    ) -> FunctionDefinition {
        FunctionDefinition(name, 2...Int.max, .array) { call in
            var lists: [[JSON]] = []
            for argument in call.arguments {
                guard case .array(let values) = argument else {
                    return reaction == .invalidArgument ? call.invalidArgument() : call.warning(.queryArrayExpected)
                }
                lists.append(values)
            }
            return body(lists)
        }
    }
}
