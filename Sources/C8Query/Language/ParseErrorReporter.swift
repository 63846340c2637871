import C8Core

/// Builds the parser's errors with ArangoDB's wording.
///
/// ArangoDB has two styles. Errors from the grammar (`registerParseError`)
/// end with ` near '<32 bytes of query from the spot>' at position L:C`;
/// errors from building the tree (`registerError`: redeclared variable,
/// invalid name, …) are the bare catalog message. Both carry a
/// ``QueryErrorPosition`` here.
///
/// The builders are kept out of line: errors are rare, and inlined string
/// building would enlarge the parser's recursive stack frames.
struct ParseErrorReporter {
    /// How much query text a message quotes, as ArangoDB's `extractRegion`.
    static let snippetLength = 32

    let source: [UInt8]

    /// `syntax error, unexpected <token>[, expecting <what>] near '…' at position L:C`.
    @inline(never)
    func syntaxError(unexpected token: Token, expecting: String? = nil) -> C8Error {
        var message = "syntax error, unexpected \(token.description)"
        if let expecting { message += ", expecting \(expecting)" }
        return located(.queryParse, message, at: token)
    }

    /// A grammar-level error: `message near '…' at position L:C`.
    @inline(never)
    func located(_ code: ErrorCode, _ message: String, at token: Token) -> C8Error {
        let text = "\(message) near '\(snippet(at: token.offset))' at position \(token.position)"
        return C8Error(code, text, underlying: QueryErrorPosition(position: token.position, offset: token.offset))
    }

    /// A catalog error with its template filled, positioned at `token`.
    @inline(never)
    func plain(_ code: ErrorCode, arguments: [String] = [], at token: Token) -> C8Error {
        let message = arguments.isEmpty ? code.defaultMessage : code.message(arguments: arguments)
        return C8Error(code, message, underlying: QueryErrorPosition(position: token.position, offset: token.offset))
    }

    /// A warning for the parsed query, positioned.
    @inline(never)
    func warning(_ code: ErrorCode, at position: SourcePosition, offset: Int) -> C8Error {
        C8Error(code, underlying: QueryErrorPosition(position: position, offset: offset))
    }

    /// Up to ``snippetLength`` bytes from `offset`, cut on a character
    /// boundary, with `...` when the query goes on.
    func snippet(at offset: Int) -> String {
        guard offset < source.count else { return "" }
        guard source.count - offset > Self.snippetLength else {
            return String(decoding: source[offset...], as: UTF8.self)
        }
        var end = offset + Self.snippetLength
        while end > offset, source[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: source[offset..<end], as: UTF8.self) + "..."
    }
}
