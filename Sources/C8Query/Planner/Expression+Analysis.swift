import C8Core

extension Expression {
    /// Whether the expression reads variable `name` anywhere (subqueries
    /// and expansions included).
    func references(_ name: String) -> Bool {
        switch self {
        case .variable(let v): return v == name
        case .literal, .bindParameter, .collection, .collectionBindParameter: return false
        case .array(let elements): return elements.contains { $0.references(name) }
        case .object(let members):
            return members.contains { member in
                if case .computed(let key) = member.key, key.references(name) { return true }
                return member.value.references(name)
            }
        case .attribute(let base, _): return base.references(name)
        case .index(let base, let index): return base.references(name) || index.references(name)
        case .unary(_, let operand): return operand.references(name)
        case .binary(_, let lhs, let rhs), .arrayComparison(_, _, let lhs, let rhs), .range(let lhs, let rhs):
            return lhs.references(name) || rhs.references(name)
        case .ternary(let c, let t, let e): return c.references(name) || (t?.references(name) ?? false) || e.references(name)
        case .call(_, let arguments): return arguments.contains { $0.references(name) }
        case .subquery: return true  // conservative: subqueries may read anything
        case .expansion(let x):
            return x.base.references(name) || (x.filter?.references(name) ?? false) || (x.projection?.references(name) ?? false)
        case .flatten(let base, _): return base.references(name)
        }
    }

    /// `variable.a.b` (or `variable["a"]`) as the path `["a", "b"]`.
    func attributePath(of variable: String) -> [String]? {
        switch self {
        case .attribute(let base, let name):
            return base.attributePath(of: variable).map { $0 + [name] }
        case .index(let base, .literal(.string(let name))):
            return base.attributePath(of: variable).map { $0 + [name] }
        case .variable(let v) where v == variable:
            return []
        default:
            return nil
        }
    }

    /// The conjuncts of an AND chain.
    var conjuncts: [Expression] {
        if case .binary(.and, let lhs, let rhs) = self { return lhs.conjuncts + rhs.conjuncts }
        return [self]
    }
}
