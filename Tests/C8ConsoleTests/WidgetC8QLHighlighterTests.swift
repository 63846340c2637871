@testable import C8Console
import XCTest

final class WidgetC8QLHighlighterTests: XCTestCase {
    private let highlighter = C8QLHighlighter()

    private func spans(_ line: String, from state: HighlightState = .initial) -> [String] {
        highlighter.highlight(line, from: state).spans.map(\.description)
    }

    func testCommentMarkersInsideAStringAreString() {
        XCTAssertEqual(spans(#""a//b""#), ["0..<6 query.string"])
        XCTAssertEqual(spans(#"RETURN "a//b" // c"#), ["0..<6 query.keyword", "7..<13 query.string", "14..<18 query.comment"])
        XCTAssertEqual(spans("RETURN '/* no */'"), ["0..<6 query.keyword", "7..<17 query.string"])
    }

    func testEscapedQuotesDoNotEndAString() {
        XCTAssertEqual(spans(#"'it\'s' + "\"q\"""#), ["0..<7 query.string", "8..<9 query.operator", "10..<17 query.string"])
        // A backslash before the closing quote of a line leaves the string open.
        XCTAssertNotEqual(highlighter.highlight(#""ab\""#, from: .initial).end, .initial)
    }

    func testBlockCommentSpansLines() {
        let lines = ["FOR x /* start", "still inside", "end */ RETURN x"]
        let first = highlighter.highlight(lines[0], from: .initial)
        XCTAssertEqual(first.spans.map(\.description), ["0..<3 query.keyword", "6..<14 query.comment"])
        XCTAssertNotEqual(first.end, .initial)
        let second = highlighter.highlight(lines[1], from: first.end)
        XCTAssertEqual(second.spans.map(\.description), ["0..<12 query.comment"])
        let third = highlighter.highlight(lines[2], from: second.end)
        XCTAssertEqual(third.spans.map(\.description), ["0..<6 query.comment", "7..<13 query.keyword"])
        XCTAssertEqual(third.end, .initial)
        XCTAssertEqual(highlighter.highlight(lines: lines).map(\.count), [2, 1, 2])
    }

    func testStringsSpanLines() {
        let first = highlighter.highlight(#"RETURN "multi"#, from: .initial)
        XCTAssertEqual(first.spans.last?.description, "7..<13 query.string")
        let second = highlighter.highlight(#"line" FILTER"#, from: first.end)
        XCTAssertEqual(second.spans.map(\.description), ["0..<5 query.string", "6..<12 query.keyword"])
    }

    func testKeywordsIgnoreCaseButNotAfterADot() {
        XCTAssertEqual(spans("for d in c return d.count"),
                       ["0..<3 query.keyword", "6..<8 query.keyword", "11..<17 query.keyword"])
        XCTAssertEqual(spans("FOR i IN 1..10"),
                       ["0..<3 query.keyword", "6..<8 query.keyword", "9..<10 query.number", "10..<12 query.operator", "12..<14 query.number"])
    }

    func testFunctionsNeedAParenthesis() {
        XCTAssertEqual(spans("LENGTH(x)"), ["0..<6 query.function"])
        XCTAssertEqual(spans("length (x)"), ["0..<6 query.function"])
        XCTAssertEqual(spans("LENGTH"), [], "a function name without ( is just a name")
        // COUNT is a keyword and a function: the parenthesis decides.
        XCTAssertEqual(spans("COUNT(x)"), ["0..<5 query.function"])
        XCTAssertEqual(spans("WITH COUNT INTO n"), ["0..<4 query.keyword", "5..<10 query.keyword", "11..<15 query.keyword"])
        XCTAssertEqual(spans("MY::LIB::FN(1)"), ["0..<11 query.function", "12..<13 query.number"])
        XCTAssertEqual(spans("NOTAFUNCTION(1)"), ["13..<14 query.number"])
    }

    func testBindParametersNumbersAndOperators() {
        XCTAssertEqual(spans("FILTER u.age >= @min && u IN @@coll"), [
            "0..<6 query.keyword", "13..<15 query.operator", "16..<20 query.bind",
            "21..<23 query.operator", "26..<28 query.keyword", "29..<35 query.bind",
        ])
        XCTAssertEqual(spans("1.5e3 - .5 * 2E+2"),
                       ["0..<5 query.number", "6..<7 query.operator", "8..<10 query.number", "11..<12 query.operator", "13..<17 query.number"])
        XCTAssertEqual(spans("@ x"), [], "a lone @ is not a bind parameter")
    }

    func testBacktickNamesAreNotKeywordsOrComments() {
        XCTAssertEqual(spans("`FOR//x` RETURN"), ["9..<15 query.keyword"])
    }

    func testWideAndAccentedCharactersCountAsOneCharacter() {
        XCTAssertEqual(spans("RETURN '東京é' // ü"), ["0..<6 query.keyword", "7..<12 query.string", "13..<17 query.comment"])
    }
}
