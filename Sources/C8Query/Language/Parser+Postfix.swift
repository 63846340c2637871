import C8Core

/// Member access, indexing and `[*]` expansions after a primary.
extension C8QLParser {
    func parsePostfix() throws(C8Error) -> ExpressionNode {
        let primary = try parsePrimary()
        guard token.is(.dot) || token.is(.openBracket) else { return primary }
        return try parsePostfixChain(on: primary)
    }

    private func parsePostfixChain(on primary: ExpressionNode) throws(C8Error) -> ExpressionNode {
        var chain = ExpansionChain(try operand(primary))
        while true {
            if accept(.dot) {
                chain.replaceTarget(with: try parseAttributeStep(on: chain.target))
            } else if token.is(.openBracket), peek().is(.times) {
                try parseExpansion(into: &chain)
            } else if token.is(.openBracket) {
                advance()
                let inOperator = allowInOperator(true)
                let index = try operand(parseExpression())
                allowsInOperator = inOperator
                try expect(.closeBracket)
                chain.replaceTarget(with: .index(chain.target, index))
            } else {
                break
            }
            try checkHeight(chain.closedHeight)
        }
        return try checked(chain.close())
    }

    /// After `.`: a name (keywords included: `doc.for`) or `@param`.
    private func parseAttributeStep(on base: ExpressionNode) throws(C8Error) -> ExpressionNode {
        let name = token
        switch name.kind {
        case .identifier, .keyword:
            advance()
            return .attribute(base, name.text)
        case .bindParameter:
            advance()
            usage.useValueParameter(name.text)
            return .index(base, ExpressionNode(.bindParameter(name.text)))
        default:
            throw unexpected(expecting: "attribute name")
        }
    }

    /// `[* …]`, `[** …]`: the stars, then the inline clauses.
    private func parseExpansion(into chain: inout ExpansionChain) throws(C8Error) {
        advance()
        var levels = 0
        while accept(.times) { levels += 1 }
        if levels > 1, chain.isExpanding {
            chain = ExpansionChain(try checked(chain.close()))
        }
        chain.expand(try parseExpansionClauses(base: chain.target, levels: levels))
        try checkHeight(chain.closedHeight)
    }

    /// Optional `FILTER`, `LIMIT` and `RETURN` (in that order) and the
    /// closing `]`, read with `CURRENT` bound.
    private func parseExpansionClauses(base: ExpressionNode, levels: Int) throws(C8Error) -> ExpansionChain.Level {
        var level = ExpansionChain.Level(base: base, levels: levels)
        let inOperator = allowInOperator(true)
        expansionDepth += 1
        if accept(.filter) {
            level.filter = try operand(parseExpression())
        }
        if accept(.limit) {
            let first = try operand(parseExpression())
            level.limit = accept(.comma) ? (first, try operand(parseExpression())) : (.literal(.int(0)), first)
        }
        if accept(.return) {
            level.perElement = try operand(parseExpression())
        }
        expansionDepth -= 1
        allowsInOperator = inOperator
        try expect(.closeBracket)
        return level
    }
}
