/// Binding strength of C8QL's infix operators, weakest first, as in
/// ArangoDB's `grammar.y`:
///
///     ?:  ||  &&  [ANY|ALL|NONE]  == != LIKE =~ !~  IN NOT-IN  < <= > >=  ..  + -  * / %
///
/// Unary `! NOT + -` bind tighter than all of them, and member access,
/// indexing, expansion and calls tighter still. Note `..` sits *above* the
/// comparisons, so `x IN 1..3` is `x IN (1..3)`.
enum Precedence {
    static let lowest = 0
    static let ternary = 1
    static let or = 2
    static let and = 3
    /// A quantifier can only start where an `==` could not continue, so
    /// `x == a ANY == b` is `(x == a) ANY == b`.
    static let quantifier = 4
    static let equality = 5
    static let membership = 6
    static let relational = 7
    static let range = 8
    static let additive = 9
    static let multiplicative = 10

    static func of(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: return or
        case .and: return and
        case .equal, .notEqual, .like, .notLike, .regexMatch, .regexNotMatch: return equality
        case .in, .notIn: return membership
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return relational
        case .add, .subtract: return additive
        case .multiply, .divide, .modulo: return multiplicative
        }
    }
}

/// An infix operator found at the parser's position, with how many tokens
/// spell it.
enum InfixOperator {
    case binary(BinaryOperator, tokens: Int)
    /// `NOT LIKE`, `NOT =~`, `NOT !~`: ArangoDB shifts the NOT with the
    /// strength of IN but reduces with that of LIKE, so the left operand
    /// binds like IN's and the right one like LIKE's.
    case negatedMatch(BinaryOperator)
    /// `ANY|ALL|NONE op`, e.g. `ALL IN` (3 tokens for `ALL NOT IN`).
    case quantified(ArrayQuantifier, BinaryOperator, tokens: Int)
    case range
    case ternary

    /// The strength deciding whether the operator may take the expression
    /// to its left.
    var precedence: Int {
        switch self {
        case .binary(let op, _): return Precedence.of(op)
        case .negatedMatch: return Precedence.membership
        case .quantified: return Precedence.quantifier
        case .range: return Precedence.range
        case .ternary: return Precedence.ternary
        }
    }

    var tokenCount: Int {
        switch self {
        case .binary(_, let tokens), .quantified(_, _, let tokens): return tokens
        case .negatedMatch: return 2
        case .range, .ternary: return 1
        }
    }

    /// The weakest operator the right operand may contain unparenthesized
    /// (all binary operators are left-associative).
    var rightOperandPrecedence: Int {
        switch self {
        case .binary(let op, _), .quantified(_, let op, _): return Precedence.of(op) + 1
        case .negatedMatch: return Precedence.equality + 1
        case .range: return Precedence.range + 1
        case .ternary: return Precedence.ternary
        }
    }
}
