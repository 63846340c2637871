import C8Core

/// The tokens of a query text and the warnings met while reading them.
struct LexedQuery: Sendable {
    /// Always ends with one `.end` token.
    var tokens: [Token]
    /// Number literals out of range (1504): ArangoDB warns and reads `null`.
    var warnings: [(code: ErrorCode, position: SourcePosition, offset: Int)]
}

/// Splits C8QL text into tokens, following ArangoDB's `tokens.ll`.
///
/// It works on UTF-8 bytes and never fails: bytes no rule accepts become an
/// `.invalid` token, so the parser reports them with the usual syntax-error
/// position. Columns count characters (Unicode scalars), lines count `\n`.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []
    private var warnings: [(code: ErrorCode, position: SourcePosition, offset: Int)] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Reads the whole text.
    static func tokenize(_ text: String) -> LexedQuery {
        var lexer = Lexer(text)
        lexer.run()
        return LexedQuery(tokens: lexer.tokens, warnings: lexer.warnings)
    }

    private mutating func run() {
        while skipWhitespaceAndComments() {
            let start = (position: SourcePosition(line: line, column: column), offset: index)
            let (kind, value) = lexToken()
            let text = value ?? String(decoding: bytes[start.offset..<index], as: UTF8.self)
            tokens.append(Token(kind: kind, text: text, position: start.position, offset: start.offset, index: tokens.count))
        }
        tokens.append(Token(kind: .end, text: "", position: SourcePosition(line: line, column: column), offset: index,
                            index: tokens.count))
    }

    // MARK: - Cursor

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let i = index + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    /// Consumes one byte, keeping line and column current.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // Every byte except a UTF-8 continuation byte starts a character.
            column += 1
        }
    }

    private mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    /// Skips blanks and comments; false at the end of the text. An
    /// unterminated `/*` comment runs to the end, as in ArangoDB.
    private mutating func skipWhitespaceAndComments() -> Bool {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while let b = peek(), b != UInt8(ascii: "\n") { advance() }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                advance(by: 2)
                while peek() != nil, !(peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { advance() }
                if peek() != nil { advance(by: 2) }
            default:
                return true
            }
        }
        return false
    }

    // MARK: - Tokens

    /// The next token's kind, and its text when that differs from the
    /// source spelling (names, strings, bind parameters).
    private mutating func lexToken() -> (TokenKind, String?) {
        let byte = peek()!
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "_"), UInt8(ascii: "$"):
            return lexWord()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (lexNumber(), nil)
        case UInt8(ascii: ".") where peek(1).map(Self.isDigit) == true:
            return (lexNumber(), nil)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return lexQuoted(closing: [byte], as: .string)
        case UInt8(ascii: "`"):
            return lexQuoted(closing: [byte], as: .identifier)
        case 0xC2 where peek(1) == 0xB4:
            return lexQuoted(closing: [0xC2, 0xB4], as: .identifier)
        case UInt8(ascii: "@"):
            return lexBindParameter()
        default:
            return (lexSymbol(), nil)
        }
    }

    /// `[A-Za-z][A-Za-z0-9_]*`, `$[A-Za-z][A-Za-z0-9_]*` or `_+[A-Za-z][A-Za-z0-9_]*`;
    /// a keyword when the whole word spells one.
    private mutating func lexWord() -> (TokenKind, String?) {
        let start = index
        var lead = start
        if bytes[lead] == UInt8(ascii: "$") {
            lead += 1
        } else {
            while lead < bytes.count, bytes[lead] == UInt8(ascii: "_") { lead += 1 }
        }
        guard lead < bytes.count, Self.isLetter(bytes[lead]) else {
            advance(by: max(1, lead - start))
            return (.invalid("character '\(String(decoding: bytes[start..<index], as: UTF8.self))'"), nil)
        }
        advance(by: lead - start + 1)
        while let b = peek(), Self.isWordByte(b) { advance() }
        let word = String(decoding: bytes[start..<index], as: UTF8.self)
        if bytes[start] != UInt8(ascii: "$"), bytes[start] != UInt8(ascii: "_"), let keyword = Keyword.matching(word) {
            return (.keyword(keyword), nil)
        }
        return (.identifier, word)
    }

    /// `(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?` or `\.[0-9]+([eE][-+]?[0-9]+)?`.
    private mutating func lexNumber() -> TokenKind {
        let start = index
        let position = SourcePosition(line: line, column: column)
        var isInteger = true
        if peek() == UInt8(ascii: "0") {
            advance()
        } else {
            while let b = peek(), Self.isDigit(b) { advance() }
        }
        if peek() == UInt8(ascii: "."), let next = peek(1), Self.isDigit(next) {
            isInteger = false
            advance()
            while let b = peek(), Self.isDigit(b) { advance() }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let signLength = (peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")) ? 1 : 0
            if let digit = peek(1 + signLength), Self.isDigit(digit) {
                isInteger = false
                advance(by: 1 + signLength)
                while let b = peek(), Self.isDigit(b) { advance() }
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = NumberLiteral.value(of: text, isInteger: isInteger) else {
            warnings.append((.queryNumberOutOfRange, position, start))
            return .number(.null)
        }
        return .number(value)
    }

    /// A string, backtick name or forward-tick name: everything up to the
    /// unescaped closing quote, newlines included.
    private mutating func lexQuoted(closing: [UInt8], as kind: TokenKind) -> (TokenKind, String?) {
        advance(by: closing.count)
        let contentStart = index
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                advance(by: 2)
            } else if bytes[index] == closing[0], closing.count == 1 || peek(1) == closing[1] {
                let content = bytes[contentStart..<index]
                advance(by: closing.count)
                switch QuotedTextDecoder.decode(content) {
                case .success(let text): return (kind, text)
                case .failure: return (.invalid("invalid \\u escape sequence"), nil)
                }
            } else {
                advance()
            }
        }
        if case .string = kind { return (.invalid("unterminated quoted string"), nil) }
        return (.invalid("unterminated quoted name"), nil)
    }

    /// `@name` or `@@name` with `name` = `_*[A-Za-z0-9][A-Za-z0-9_]*`.
    private mutating func lexBindParameter() -> (TokenKind, String?) {
        let prefix = peek(1) == UInt8(ascii: "@") ? 2 : 1
        var end = index + prefix
        while end < bytes.count, bytes[end] == UInt8(ascii: "_") { end += 1 }
        guard end < bytes.count, Self.isLetter(bytes[end]) || Self.isDigit(bytes[end]) else {
            advance()
            return (.invalid("character '@'"), nil)
        }
        let nameStart = index + prefix
        advance(by: end - index + 1)
        while let b = peek(), Self.isWordByte(b) { advance() }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        return (prefix == 2 ? .collectionBindParameter : .bindParameter, name)
    }

    private mutating func lexSymbol() -> TokenKind {
        if let next = peek(1) {
            for symbol in Symbol.twoCharacter {
                let spelling = symbol.rawValue.utf8
                if spelling.first == bytes[index], spelling.last == next {
                    advance(by: 2)
                    return .symbol(symbol)
                }
            }
        }
        if let symbol = Symbol.single(bytes[index]) {
            advance()
            return .symbol(symbol)
        }
        return lexUnknownCharacter()
    }

    /// One whole (possibly multi-byte) character no rule accepts.
    private mutating func lexUnknownCharacter() -> TokenKind {
        let start = index
        advance()
        while let b = peek(), b & 0xC0 == 0x80, index - start < 4 { advance() }
        return .invalid("character '\(String(decoding: bytes[start..<index], as: UTF8.self))'")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }
    private static func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") }
}
