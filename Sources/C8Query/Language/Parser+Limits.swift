import C8Core

/// The parser's guards: nesting depth and stack, expression height, and
/// the context switch for a bare `IN`.
extension C8QLParser {
    /// Goes one nesting level deeper, refusing to pass
    /// ``QueryParser/maximumNestingDepth`` or to run the thread's stack
    /// low; pair with ``leaveNesting()``.
    func enterNesting() throws(C8Error) {
        guard nesting < QueryParser.maximumNestingDepth, !stack.isExhausted else {
            throw errors.located(.queryParse,
                                 "query is nested too deeply (more than \(nesting) levels)",
                                 at: token)
        }
        nesting += 1
        peakStackUsage = max(peakStackUsage, stack.used)
    }

    func leaveNesting() {
        nesting -= 1
    }

    /// Sets whether a bare `IN` is the IN operator; returns the previous
    /// setting for the caller to restore.
    func allowInOperator(_ allowed: Bool) -> Bool {
        defer { allowsInOperator = allowed }
        return allowsInOperator
    }

    /// `node`, after checking it against ``QueryParser/maximumExpressionHeight``.
    func checked(_ node: ExpressionNode) throws(C8Error) -> ExpressionNode {
        try checkHeight(node.height)
        return node
    }

    /// Refuses an expression taller than ``QueryParser/maximumExpressionHeight``.
    func checkHeight(_ height: Int) throws(C8Error) {
        guard height <= QueryParser.maximumExpressionHeight else {
            throw errors.located(.queryParse,
                                 "expression is nested too deeply (more than \(QueryParser.maximumExpressionHeight) levels)",
                                 at: token)
        }
        tallestExpression = max(tallestExpression, height)
    }

    /// Starts measuring the tallest expression of a subquery; returns the
    /// state to hand to ``endHeightMeasurement(_:)``.
    func beginHeightMeasurement() -> Int {
        defer { tallestExpression = 0 }
        return tallestExpression
    }

    /// The tallest expression since ``beginHeightMeasurement()``.
    func endHeightMeasurement(_ saved: Int) -> Int {
        let height = tallestExpression
        tallestExpression = max(saved, height)
        return height
    }
}
