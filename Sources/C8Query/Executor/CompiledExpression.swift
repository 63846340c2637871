import C8Core

/// An expression ready to evaluate: variables resolved to row slots, bind
/// parameters replaced by their values, functions looked up.
indirect enum CompiledExpression: Sendable {
    case constant(JSON)
    case slot(Int)
    case array([CompiledExpression])
    case object([(key: CompiledKey, value: CompiledExpression)])
    case attribute(CompiledExpression, String)
    case index(CompiledExpression, CompiledExpression)
    case not(CompiledExpression)
    case negate(CompiledExpression)
    case toNumber(CompiledExpression)
    case and(CompiledExpression, CompiledExpression)
    case or(CompiledExpression, CompiledExpression)
    case compare(BinaryOperator, CompiledExpression, CompiledExpression)
    case arithmetic(BinaryOperator, CompiledExpression, CompiledExpression)
    case arrayComparison(ArrayQuantifier, BinaryOperator, CompiledExpression, CompiledExpression)
    case ternary(CompiledExpression, CompiledExpression?, CompiledExpression)
    case range(CompiledExpression, CompiledExpression)
    case call(FunctionDefinition, [CompiledExpression])
    case subquery(SubqueryPlan)
    case expansion(CompiledExpansion)
    case flatten(CompiledExpression, depth: Int)

    enum CompiledKey: Sendable {
        case name(String)
        case computed(CompiledExpression)
    }

    /// Whether the value is known without a row (for constant folding and
    /// index bounds).
    var constantValue: JSON? {
        if case .constant(let value) = self { return value }
        return nil
    }

    /// Whether the value can be computed before the query runs: no
    /// variable, no subquery, and only deterministic functions — what
    /// ArangoDB folds at compile time (`LIMIT 2 + 1`, `LIMIT CEIL(@n / 3)`).
    var isFoldable: Bool {
        switch self {
        case .constant: return true
        case .slot, .subquery, .expansion: return false
        case .array(let elements): return elements.allSatisfy(\.isFoldable)
        case .object(let members):
            return members.allSatisfy { member in
                if case .computed(let key) = member.key, !key.isFoldable { return false }
                return member.value.isFoldable
            }
        case .attribute(let base, _), .not(let base), .negate(let base), .toNumber(let base), .flatten(let base, _):
            return base.isFoldable
        case .index(let a, let b), .and(let a, let b), .or(let a, let b), .compare(_, let a, let b),
             .arithmetic(_, let a, let b), .arrayComparison(_, _, let a, let b), .range(let a, let b):
            return a.isFoldable && b.isFoldable
        case .ternary(let condition, let then, let otherwise):
            return condition.isFoldable && (then?.isFoldable ?? true) && otherwise.isFoldable
        case .call(let function, let arguments):
            return function.isDeterministic && arguments.allSatisfy(\.isFoldable)
        }
    }
}

/// `[*]` with its inline parts; `currentSlot` holds CURRENT.
struct CompiledExpansion: Sendable {
    var base: CompiledExpression
    var levels: Int
    var currentSlot: Int
    var filter: CompiledExpression?
    var limit: (offset: Int, count: Int)?
    var projection: CompiledExpression?
}

/// A subquery: its plan, run once per evaluation with the current row as
/// its input; the value is the array of what its RETURN yields.
struct SubqueryPlan: Sendable {
    var steps: [PlanStep]
}
