import C8Core
import XCTest
@testable import C8Query

final class LexerTests: XCTestCase {
    /// The tokens of `text` in a compact notation: `kw:FOR id:x num:1
    /// str:a @p @@c sym:== bad:<what>`, without the final end token.
    private func lex(_ text: String) -> [String] {
        Lexer.tokenize(text).tokens.dropLast().map { token in
            switch token.kind {
            case .keyword(let keyword): return "kw:\(keyword.rawValue)"
            case .identifier: return "id:\(token.text)"
            case .string: return "str:\(token.text)"
            case .number(let value): return "num:\(value.jsonString())"
            case .bindParameter: return "@\(token.text)"
            case .collectionBindParameter: return "@@\(token.text)"
            case .symbol(let symbol): return "sym:\(symbol.rawValue)"
            case .invalid(let what): return "bad:\(what)"
            case .end: return "end"
            }
        }
    }

    private func positions(_ text: String) -> [String] {
        Lexer.tokenize(text).tokens.map { "\($0.position)" }
    }

    func testKeywordsAreCaseInsensitiveAndWholeWords() {
        XCTAssertEqual(lex("for FOR For fOr"), ["kw:FOR", "kw:FOR", "kw:FOR", "kw:FOR"])
        XCTAssertEqual(lex("FORx xFOR for_ $for _for"), ["id:FORx", "id:xFOR", "id:for_", "id:$for", "id:_for"])
        XCTAssertEqual(lex("k_shortest_paths Shortest_Path like aggregate"),
                       ["kw:K_SHORTEST_PATHS", "kw:SHORTEST_PATH", "kw:LIKE", "kw:AGGREGATE"])
    }

    func testContextualWordsAreIdentifiers() {
        XCTAssertEqual(lex("OPTIONS COUNT CURRENT NEW OLD KEEP PRUNE SEARCH TO"),
                       ["id:OPTIONS", "id:COUNT", "id:CURRENT", "id:NEW", "id:OLD", "id:KEEP", "id:PRUNE", "id:SEARCH", "id:TO"])
    }

    func testIdentifierShapes() {
        XCTAssertEqual(lex("doc _key __a1 $x a_b_9"), ["id:doc", "id:_key", "id:__a1", "id:$x", "id:a_b_9"])
        XCTAssertEqual(lex("_1"), ["bad:character '_'", "num:1"])
        XCTAssertEqual(lex("$1"), ["bad:character '$'", "num:1"])
    }

    func testQuotedNames() {
        XCTAssertEqual(lex("`for` `a b` `x\\`y`"), ["id:for", "id:a b", "id:x`y"])
        XCTAssertEqual(lex("´filter´ ´é´"), ["id:filter", "id:é"])
        XCTAssertEqual(lex("`abc"), ["bad:unterminated quoted name"])
    }

    func testStringsAndEscapes() {
        XCTAssertEqual(lex(#""a" 'b' "it's" 'say "hi"'"#), ["str:a", "str:b", "str:it's", #"str:say "hi""#])
        XCTAssertEqual(lex(#""\n\t\r\\\"\'\/\b\f\q""#), ["str:\n\t\r\\\"'/\u{8}\u{C}q"])
        XCTAssertEqual(lex(#""\u00e9\u20AC""#), ["str:é€"])
        XCTAssertEqual(lex(#""\uD83D\uDE00""#), ["str:😀"])
        XCTAssertEqual(lex(#""\uD83Dx""#), ["str:\u{FFFD}x"])
        XCTAssertEqual(lex(#""\uDE00""#), ["str:\u{FFFD}"])
        XCTAssertEqual(lex(#""\u12" 1"#), ["bad:invalid \\u escape sequence", "num:1"])
        XCTAssertEqual(lex("'line\nbreak'"), ["str:line\nbreak"])
        XCTAssertEqual(lex("\"open"), ["bad:unterminated quoted string"])
    }

    func testNumbers() {
        XCTAssertEqual(lex("0 42 1.5 .5 1e3 1E-2 2.5e+3 0.0"),
                       ["num:0", "num:42", "num:1.5", "num:0.5", "num:1000", "num:0.01", "num:2500", "num:0"])
        XCTAssertEqual(lex("1..3"), ["num:1", "sym:..", "num:3"])
        XCTAssertEqual(lex("01"), ["num:0", "num:1"])
        XCTAssertEqual(lex("1e"), ["num:1", "id:e"])
        XCTAssertEqual(lex("1.x"), ["num:1", "sym:.", "id:x"])
    }

    func testNumberTypes() {
        let values = Lexer.tokenize("9223372036854775807 9223372036854775808 1.0 7").tokens.compactMap { token -> JSON? in
            if case .number(let value) = token.kind { return value }
            return nil
        }
        guard values.count == 4 else { return XCTFail("\(values)") }
        if case .int(let i) = values[0] { XCTAssertEqual(i, .max) } else { XCTFail("\(values[0])") }
        if case .double(let d) = values[1] { XCTAssertEqual(d, 9_223_372_036_854_775_808) } else { XCTFail("\(values[1])") }
        if case .double = values[2] {} else { XCTFail("1.0 should be a double: \(values[2])") }
        if case .int(7) = values[3] {} else { XCTFail("\(values[3])") }
    }

    func testOutOfRangeNumberWarns() {
        let lexed = Lexer.tokenize("1 1e999")
        XCTAssertEqual(lexed.warnings.count, 1)
        XCTAssertEqual(lexed.warnings.first?.code, .queryNumberOutOfRange)
        XCTAssertEqual(lexed.warnings.first?.position, SourcePosition(line: 1, column: 3))
        if case .number(.null) = lexed.tokens[1].kind {} else { XCTFail("\(lexed.tokens[1].kind)") }
    }

    func testBindParameters() {
        XCTAssertEqual(lex("@p @@c @_x1 @1 @a_b"), ["@p", "@@c", "@_x1", "@1", "@a_b"])
        XCTAssertEqual(lex("@ x"), ["bad:character '@'", "id:x"])
        XCTAssertEqual(lex("@_"), ["bad:character '@'", "bad:character '_'"])
    }

    func testOperatorsAndPunctuation() {
        XCTAssertEqual(lex("== != <= >= < > =~ !~ && || ! = + - * / % ? : :: .. . , ( ) { } [ ]"),
                       ["sym:==", "sym:!=", "sym:<=", "sym:>=", "sym:<", "sym:>", "sym:=~", "sym:!~", "sym:&&",
                        "sym:||", "sym:!", "sym:=", "sym:+", "sym:-", "sym:*", "sym:/", "sym:%", "sym:?", "sym::",
                        "sym:::", "sym:..", "sym:.", "sym:,", "sym:(", "sym:)", "sym:{", "sym:}", "sym:[", "sym:]"])
        XCTAssertEqual(lex("a[**]"), ["id:a", "sym:[", "sym:*", "sym:*", "sym:]"])
        XCTAssertEqual(lex("a;b"), ["id:a", "bad:character ';'", "id:b"])
        XCTAssertEqual(lex("a & b"), ["id:a", "bad:character '&'", "id:b"])
        XCTAssertEqual(lex("x → y"), ["id:x", "bad:character '→'", "id:y"])
    }

    func testCommentsAreSkipped() {
        XCTAssertEqual(lex("a // rest of line\nb /* block\n comment */ c"), ["id:a", "id:b", "id:c"])
        XCTAssertEqual(lex("a /* /* not nested */ b"), ["id:a", "id:b"])
        XCTAssertEqual(lex("a /* runs to the end"), ["id:a"])
        XCTAssertEqual(lex("a / b"), ["id:a", "sym:/", "id:b"])
    }

    func testPositionsCountLinesAndCharacters() {
        XCTAssertEqual(positions("FOR x\n  IN y"), ["1:1", "1:5", "2:3", "2:6", "2:7"])
        // Columns count characters, not bytes: "é" and "😀" are one each.
        XCTAssertEqual(positions("'é' x '😀' y"), ["1:1", "1:5", "1:7", "1:11", "1:12"])
        XCTAssertEqual(positions("/* a\nb */ x"), ["2:6", "2:7"])
        XCTAssertEqual(positions("\r\nx"), ["2:1", "2:2"])
    }

    func testByteOffsets() {
        let tokens = Lexer.tokenize("'é' x").tokens
        XCTAssertEqual(tokens.map(\.offset), [0, 5, 6])
    }

    func testStrayNonASCIICharacterIsOneInvalidToken() {
        // Swift strings are valid UTF-8; undecodable input arrives as U+FFFD.
        let text = String(decoding: [0x61, 0x20, 0xFF, 0x20, 0x62], as: UTF8.self)
        XCTAssertEqual(lex(text), ["id:a", "bad:character '\u{FFFD}'", "id:b"])
        XCTAssertEqual(positions(text), ["1:1", "1:3", "1:5", "1:6"])
    }
}
