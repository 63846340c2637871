import C8Core

/// The subject of a postfix chain such as `u.friends[*].name[0]`.
///
/// After `[*]` ArangoDB keeps the expansion "open": further `.attr` and
/// `[i]` apply to each element (`u.friends[*].name` is the list of names),
/// and a further `[*]` expands each element's value, nesting the result.
/// Parentheses, or the end of the chain, close it. Each open level is a
/// ``Level`` whose per-element expression grows with every postfix step.
struct ExpansionChain {
    /// One `[*…]` that is still open.
    struct Level {
        var base: ExpressionNode
        var levels: Int
        var filter: ExpressionNode?
        var limit: (offset: ExpressionNode, count: ExpressionNode)?
        /// What each element becomes; nil keeps the element (`CURRENT`).
        var perElement: ExpressionNode?
    }

    /// Outermost first. Empty while no expansion is open.
    private(set) var open: [Level] = []
    /// The subject while no expansion is open.
    private(set) var subject: ExpressionNode

    init(_ subject: ExpressionNode) {
        self.subject = subject
    }

    var isExpanding: Bool { !open.isEmpty }

    /// The expression the next postfix step applies to: the subject, or the
    /// innermost open level's element.
    var target: ExpressionNode {
        guard let innermost = open.last else { return subject }
        return innermost.perElement ?? ExpressionNode(.variable(PseudoVariable.current))
    }

    /// Replaces ``target`` with `node` (the target after one more step).
    mutating func replaceTarget(with node: ExpressionNode) {
        if open.isEmpty { subject = node } else { open[open.count - 1].perElement = node }
    }

    /// The height the chain will have once closed, so the parser can stop
    /// a runaway chain before building it.
    var closedHeight: Int {
        var height = 0
        for level in open.reversed() {
            let parts = [level.base, level.filter, level.limit?.offset, level.limit?.count].compactMap { $0?.height }
            height = 1 + max(parts.max() ?? 0, level.perElement?.height ?? 0, height)
        }
        return open.isEmpty ? subject.height : height
    }

    /// Opens a `[*]`-style level (whose base is ``target``).
    mutating func expand(_ level: Level) {
        open.append(level)
    }

    /// Closes every open level; returns the finished expression.
    mutating func close() -> ExpressionNode {
        guard var inner = open.popLast().map(Self.build) else { return subject }
        while var outer = open.popLast() {
            outer.perElement = inner
            inner = Self.build(outer)
        }
        subject = inner
        return inner
    }

    /// One level as an expression: `.flatten` for a bare `[**]`/`[***]`,
    /// `.expansion` otherwise.
    private static func build(_ level: Level) -> ExpressionNode {
        if level.levels > 1, level.filter == nil, level.limit == nil, level.perElement == nil {
            return ExpressionNode(.flatten(level.base.expression, depth: level.levels - 1), over: [level.base])
        }
        let expansion = Expansion(
            base: level.base.expression, levels: level.levels, filter: level.filter?.expression,
            limit: level.limit.map { (offset: $0.offset.expression, count: $0.count.expression) },
            projection: level.perElement?.expression)
        let parts = [level.base] + [level.filter, level.limit?.offset, level.limit?.count, level.perElement].compactMap { $0 }
        return ExpressionNode(.expansion(expansion), over: parts)
    }
}
