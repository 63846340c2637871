import C8Core

/// A collection, or a `@@` collection parameter, named where an expression
/// was expected.
///
/// Whether that is legal depends on where the expression ends up — a FOR
/// source or a function argument takes it, an operand does not (1577) —
/// so the node carries the reference until its consumer decides.
struct CollectionReference: Sendable {
    enum Source: Hashable, Sendable {
        case named(String)
        case parameter(String)
    }

    var source: Source
    /// Where it was named (an index into the token list), for the error.
    var tokenIndex: Int
    /// The name belonged to a variable earlier in the query that is no longer
    /// in scope (hidden by COLLECT, or local to a finished subquery).
    var wasVariable: Bool

    /// How messages name it: `users` or `@@coll`.
    var displayName: String {
        switch source {
        case .named(let name): return name
        case .parameter(let name): return "@@" + name
        }
    }
}

/// An expression under construction plus what the parser still needs to
/// know about it.
///
/// The height is tracked because everything that later walks the tree
/// (evaluation, planning, even deallocation) recurses: a left-deep chain
/// such as `1+1+…+1` must be refused while parsing, not crash later.
struct ExpressionNode: Sendable {
    var expression: Expression
    /// Nodes on the longest path from here to a leaf (a leaf is 1).
    var height: Int
    /// Set when the node is a bare collection reference.
    var collection: CollectionReference?

    init(_ expression: Expression, height: Int = 1, collection: CollectionReference? = nil) {
        self.expression = expression
        self.height = height
        self.collection = collection
    }

    /// A node built over `children`.
    init(_ expression: Expression, over children: [ExpressionNode]) {
        self.init(expression, height: 1 + (children.map(\.height).max() ?? 0))
    }

    /// The constant value, when the node is one.
    var literalValue: JSON? { if case .literal(let value) = expression { value } else { nil } }

    static func literal(_ value: JSON) -> ExpressionNode { ExpressionNode(.literal(value)) }

    /// `[…]`, folded into one constant when every element is constant.
    static func array(_ elements: [ExpressionNode]) -> ExpressionNode {
        var values: [JSON] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            guard let value = element.literalValue else {
                return ExpressionNode(.array(elements.map(\.expression)), over: elements)
            }
            values.append(value)
        }
        return ExpressionNode(.literal(.array(values)), over: elements)
    }

    /// One `key: value` of an object constructor; `keyNode` is the
    /// expression of a computed `[key]`.
    struct Member {
        var key: ObjectMember.Key
        var keyNode: ExpressionNode?
        var value: ExpressionNode
    }

    /// `{…}`, folded into one constant when every key is a plain name and
    /// every value constant. A repeated key keeps its last value.
    static func object(_ members: [Member]) -> ExpressionNode {
        let children = members.map(\.value) + members.compactMap(\.keyNode)
        var constant: [JSONObject.Member] = []
        constant.reserveCapacity(members.count)
        for member in members {
            guard case .name(let name) = member.key, let value = member.value.literalValue else {
                let dynamic = members.map { ObjectMember(key: $0.key, value: $0.value.expression) }
                return ExpressionNode(.object(dynamic), over: children)
            }
            constant.append(JSONObject.Member(name, value))
        }
        return ExpressionNode(.literal(.object(JSONObject(members: constant))), over: children)
    }

    /// A unary operator; `-` and `+` on a number literal fold into the
    /// literal, as ArangoDB's `optimizeUnaryOperatorArithmetic` does.
    static func unary(_ op: UnaryOperator, _ operand: ExpressionNode) -> ExpressionNode {
        if let value = operand.literalValue {
            switch (op, value) {
            case (.plus, .int), (.plus, .double): return operand
            case (.minus, .int), (.minus, .double):
                if let negated = NumberLiteral.negate(value) { return .literal(negated) }
            default: break
            }
        }
        return ExpressionNode(.unary(op, operand.expression), over: [operand])
    }

    static func binary(_ op: BinaryOperator, _ lhs: ExpressionNode, _ rhs: ExpressionNode) -> ExpressionNode {
        ExpressionNode(.binary(op, lhs.expression, rhs.expression), over: [lhs, rhs])
    }

    static func attribute(_ base: ExpressionNode, _ name: String) -> ExpressionNode {
        ExpressionNode(.attribute(base.expression, name), over: [base])
    }

    static func index(_ base: ExpressionNode, _ index: ExpressionNode) -> ExpressionNode {
        ExpressionNode(.index(base.expression, index.expression), over: [base, index])
    }
}
