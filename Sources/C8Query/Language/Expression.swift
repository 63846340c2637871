import C8Core

/// A C8QL expression, as the parser builds it and the executor evaluates it.
public indirect enum Expression: Sendable {
    /// A constant: `1`, `"a"`, `null`, `true`, and array/object literals
    /// whose members are all constants (folded by the parser).
    case literal(JSON)
    /// A variable reference (`doc`, `CURRENT`, `NEW`, `OLD`, a LET name).
    case variable(String)
    /// A value bind parameter `@name` (name without the `@`).
    case bindParameter(String)
    /// `[a, b, …]` with at least one non-constant member.
    case array([Expression])
    /// `{a: x, "b": y, [expr]: z, @p: w, c}` with at least one non-constant part.
    case object([ObjectMember])
    /// `base.name`
    case attribute(Expression, String)
    /// `base[expr]` (attribute by name or array element by index).
    case index(Expression, Expression)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `lhs ANY|ALL|NONE op rhs`
    case arrayComparison(ArrayQuantifier, BinaryOperator, Expression, Expression)
    /// `c ? a : b`; `c ?: b` has no `then` (yields `c` when truthy).
    case ternary(condition: Expression, then: Expression?, else: Expression)
    /// `a..b`
    case range(Expression, Expression)
    /// A function call; the name is upper-cased by the parser.
    case call(name: String, arguments: [Expression])
    /// `(FOR … RETURN …)` — yields the array of the subquery's results.
    case subquery(Query)
    /// `base[*]` with optional inline `FILTER`, `LIMIT` and `RETURN` over
    /// `CURRENT`; `levels` > 1 for `[**]`-style flattening before it.
    case expansion(Expansion)
    /// `base[**]`, `base[***]`: flatten `depth` levels.
    case flatten(Expression, depth: Int)
    /// A bare name that is not a variable: a collection (only valid where
    /// the language allows a collection, e.g. FOR … IN name).
    case collection(String)
    /// `@@name` collection bind parameter (name without the `@@`).
    case collectionBindParameter(String)
}

/// One member of an object constructor.
public struct ObjectMember: Sendable {
    public enum Key: Sendable {
        /// `name: v` or `"name": v`
        case name(String)
        /// `[expr]: v`
        case computed(Expression)
        /// `@param: v`
        case bindParameter(String)
    }

    public var key: Key
    public var value: Expression

    public init(key: Key, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// The inline parts of an `[*]` expansion.
public struct Expansion: Sendable {
    public var base: Expression
    /// Levels of array flattening before iterating (1 for `[*]`, 2 for `[**]`).
    public var levels: Int
    /// Evaluated with `CURRENT` bound to each element.
    public var filter: Expression?
    public var limit: (offset: Expression, count: Expression)?
    public var projection: Expression?

    public init(base: Expression, levels: Int = 1, filter: Expression? = nil,
                limit: (offset: Expression, count: Expression)? = nil, projection: Expression? = nil) {
        self.base = base
        self.levels = levels
        self.filter = filter
        self.limit = limit
        self.projection = projection
    }
}

public enum UnaryOperator: String, Sendable {
    case not = "!"
    case minus = "-"
    case plus = "+"
}

public enum BinaryOperator: String, Sendable {
    case and = "&&"
    case or = "||"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "IN"
    case notIn = "NOT IN"
    case like = "LIKE"
    case notLike = "NOT LIKE"
    case regexMatch = "=~"
    case regexNotMatch = "!~"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
}

public enum ArrayQuantifier: String, Sendable {
    case any = "ANY"
    case all = "ALL"
    case none = "NONE"
}
