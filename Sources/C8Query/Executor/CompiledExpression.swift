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
