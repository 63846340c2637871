import C8Core

/// What kind of lexeme a ``Token`` is.
enum TokenKind: Sendable {
    case keyword(Keyword)
    /// A name: plain (`doc`), backtick-quoted or forward-tick-quoted; the
    /// token's text is the name with quotes and escapes resolved.
    case identifier
    /// A string literal in single or double quotes; the text is its value.
    case string
    /// A number literal and its value (`null` when out of range).
    case number(JSON)
    /// `@name`; the text is `name`.
    case bindParameter
    /// `@@name`; the text is `name`.
    case collectionBindParameter
    case symbol(Symbol)
    /// Bytes no rule accepts; the associated text describes them.
    case invalid(String)
    /// The end of the query text.
    case end
}

/// One lexeme with where it starts, for error messages.
struct Token: Sendable {
    var kind: TokenKind
    /// The decoded value for names, strings and bind parameters; the source
    /// spelling for everything else.
    var text: String
    var position: SourcePosition
    /// Byte offset of the first byte in the UTF-8 query text.
    var offset: Int
    /// Position in the token list.
    var index: Int

    var keyword: Keyword? { if case .keyword(let k) = kind { k } else { nil } }
    var symbol: Symbol? { if case .symbol(let s) = kind { s } else { nil } }
    var isIdentifier: Bool { if case .identifier = kind { true } else { false } }
    var isEnd: Bool { if case .end = kind { true } else { false } }

    func `is`(_ keyword: Keyword) -> Bool { self.keyword == keyword }
    func `is`(_ symbol: Symbol) -> Bool { self.symbol == symbol }
    /// Whether this is an identifier spelling `word` (in any case).
    func `is`(_ word: ContextualWord) -> Bool { isIdentifier && word.matches(text) }

    /// The phrase ArangoDB uses for this token after "unexpected".
    var description: String {
        switch kind {
        case .keyword(let keyword): return keyword.tokenDescription
        case .identifier: return "identifier"
        case .string: return "quoted string"
        case .number(let value): if case .int = value { return "integer number" } else { return "number" }
        case .bindParameter: return "bind parameter"
        case .collectionBindParameter: return "bind data source parameter"
        case .symbol(let symbol): return symbol.tokenDescription
        case .invalid(let what): return what
        case .end: return "end of query string"
        }
    }
}
