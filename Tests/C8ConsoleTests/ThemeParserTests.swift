import XCTest
@testable import C8Console

final class ThemeParserTests: XCTestCase {
    // MARK: - What a valid file means

    func testReadsHeaderRolesAndComments() throws {
        let theme = try ThemeParser.parse("""
            # a comment
              # an indented comment
            name        = demo
            description = The #1 demo   # trailing comment

            list.selected = color16 on color39 bold   # cursor row
            json.key      = #FF0000 underline
            """, file: "demo.theme")
        XCTAssertEqual(theme.name, "demo")
        XCTAssertEqual(theme.description, "The #1 demo")
        XCTAssertEqual(theme.style(for: .listSelected),
                       Style(foreground: .palette256(16), background: .palette256(39), attributes: .bold))
        XCTAssertEqual(theme.style(for: .jsonKey), Style(foreground: .palette256(196), attributes: .underline))
    }

    func testWordsMayComeInAnyOrderAndAnyCase() throws {
        let theme = try ThemeParser.parse(themeText("error = BOLD Bright-Red reverse on Black"), file: "t")
        XCTAssertEqual(theme.style(for: .error),
                       Style(foreground: .ansi16(.brightRed), background: .ansi16(.black),
                             attributes: [.bold, .reverse]))
    }

    func testOmittedColoursComeFromText() throws {
        let theme = try ThemeParser.parse(themeText(
            "text = color250 on color234",
            "warning = bold",
            "success = on color22",
            "error = red"), file: "t")
        XCTAssertEqual(theme.style(for: .warning),
                       Style(foreground: .palette256(250), background: .palette256(234), attributes: .bold))
        XCTAssertEqual(theme.style(for: .success), Style(foreground: .palette256(250), background: .palette256(22)))
        XCTAssertEqual(theme.style(for: .error), Style(foreground: .ansi16(.red), background: .palette256(234)))
    }

    func testTextWithoutColoursUsesTheTerminalDefaults() throws {
        let theme = try ThemeParser.parse(themeText("text = bold", "error = red"), file: "t")
        XCTAssertEqual(theme.style(for: .text), Style(attributes: .bold))
        XCTAssertEqual(theme.style(for: .error), Style(foreground: .ansi16(.red)),
                       "text's attributes are not inherited")
    }

    func testMissingRolesFallBackToTextColoursWithTheirAttributes() throws {
        let theme = try ThemeParser.parse(themeText("text = color250 on color17 italic"), file: "t")
        let text = theme.style(for: .text)
        XCTAssertEqual(theme.style(for: .listSelected),
                       Style(foreground: .palette256(250), background: .palette256(17), attributes: .reverse))
        XCTAssertEqual(theme.style(for: .textMuted).attributes, .dim)
        XCTAssertEqual(theme.style(for: .jsonString), Style(foreground: text.foreground, background: text.background))
    }

    func testAThemeWithOnlyANameIsPlainButComplete() throws {
        let theme = try ThemeParser.parse("name = bare\n", file: "t")
        XCTAssertEqual(theme.description, "")
        XCTAssertEqual(theme.style(for: .text), .plain)
        XCTAssertEqual(theme.style(for: .statusError), Style(attributes: [.bold, .reverse]))
    }

    func testWindowsLineEndingsAndTabsAreAccepted() throws {
        let theme = try ThemeParser.parse("name = crlf\r\n\terror\t=\tred\tbold\r\n", file: "t")
        XCTAssertEqual(theme.style(for: .error), Style(foreground: .ansi16(.red), attributes: .bold))
    }

    func testStyleDescriptionParsesBackToTheSameStyle() throws {
        let styles = [
            Style(foreground: .ansi16(.brightCyan), background: .palette256(236), attributes: [.bold, .underline]),
            Style(),
            Style(foreground: .palette256(244), attributes: .reverse),
        ]
        for style in styles {
            let theme = try ThemeParser.parse(themeText("text = red", "hint.key = \(style)"), file: "t")
            XCTAssertEqual(theme.style(for: .hintKey), style, "\(style)")
        }
    }

    // MARK: - Errors name the line and the problem

    func testUnknownRoleSuggestsTheClosestRole() {
        XCTAssertThemeError(themeText("", "list.selectd = red"), line: 3,
                            .unknownRole("list.selectd", suggestion: "list.selected"))
        XCTAssertThemeError(themeText("frobnicate = red"), line: 2,
                            .unknownRole("frobnicate", suggestion: nil))
    }

    func testBadColours() {
        XCTAssertThemeError(themeText("text = grey"), line: 2, .badColor("grey"))
        XCTAssertThemeError(themeText("text = color256"), line: 2, .badColor("color256"))
        XCTAssertThemeError(themeText("text = #12345"), line: 2, .badColor("#12345"))
        XCTAssertThemeError(themeText("text = #gg0000"), line: 2, .badColor("#gg0000"))
        XCTAssertThemeError(themeText("text = red on purple"), line: 2, .badColor("purple"))
        XCTAssertThemeError(themeText("text = bold bright-grey"), line: 2, .badColor("bright-grey"))
    }

    func testBadAttribute() {
        XCTAssertThemeError(themeText("# c", "text = red blink"), line: 3, .badAttribute("blink"))
    }

    func testMisplacedColours() {
        XCTAssertThemeError(themeText("text = red blue"), line: 2, .secondForeground("blue"))
        XCTAssertThemeError(themeText("text = red on"), line: 2, .missingBackground)
        XCTAssertThemeError(themeText("text = on red on blue"), line: 2, .secondBackground("blue"))
    }

    func testMalformedAndEmptyLines() {
        XCTAssertThemeError(themeText("text red"), line: 2, .malformedLine("text red"))
        XCTAssertThemeError(themeText("= red"), line: 2, .malformedLine("= red"))
        XCTAssertThemeError(themeText("text =   # nothing"), line: 2, .emptyValue(key: "text"))
    }

    func testDuplicatesNameTheFirstLine() {
        XCTAssertThemeError(themeText("error = red", "", "error = blue"), line: 4,
                            .duplicateKey("error", firstLine: 2))
        XCTAssertThemeError(themeText("name = again"), line: 2, .duplicateKey("name", firstLine: 1))
    }

    func testNameIsRequiredAndMustBeAFileName() {
        XCTAssertThemeError("description = nameless\ntext = red\n", line: nil, .missingName)
        XCTAssertThemeError("name = ../etc/passwd\n", line: 1, .badName("../etc/passwd"))
        XCTAssertThemeError(themeText("inherits = my theme"), line: 2, .badName("my theme"))
    }

    func testInheritsNeedsACatalog() {
        XCTAssertThemeError(themeText("inherits = default"), line: 2, .inheritsWithoutCatalog("default"))
    }

    func testErrorDescriptionIsFileColonLine() {
        let error = ThemeError(file: "x.theme", line: 7, problem: .badAttribute("blink"))
        XCTAssertTrue(error.description.hasPrefix("x.theme:7: bad attribute 'blink'"), error.description)
        XCTAssertEqual(ThemeError(file: "x.theme", line: nil, problem: .missingName).description,
                       "x.theme: missing 'name = ...' line")
    }
}
