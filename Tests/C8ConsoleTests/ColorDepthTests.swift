import XCTest
@testable import C8Console

final class ColorDepthTests: XCTestCase {
    private func basic(_ index: UInt8) -> TerminalColor {
        Style(foreground: TerminalColor(paletteIndex: index)).adapted(to: .colors8).foreground
    }

    func testDepthFromTerminalColourCount() {
        XCTAssertEqual(ColorDepth(colorCount: 16_777_216), .colors256)
        XCTAssertEqual(ColorDepth(colorCount: 256), .colors256)
        XCTAssertEqual(ColorDepth(colorCount: 88), .colors8)
        XCTAssertEqual(ColorDepth(colorCount: 16), .colors8)
        XCTAssertEqual(ColorDepth(colorCount: 8), .colors8)
        XCTAssertEqual(ColorDepth(colorCount: 2), .monochrome)
        XCTAssertEqual(ColorDepth(colorCount: -1), .monochrome)
    }

    func testTwoHundredFiftySixColoursChangeNothing() {
        let style = Style(foreground: .palette256(202), background: .ansi16(.brightBlue), attributes: .italic)
        XCTAssertEqual(style.adapted(to: .colors256), style)
    }

    // MARK: - 8 colours

    func testPureColoursMapToTheirBasicColour() {
        XCTAssertEqual(basic(196), .ansi16(.red))
        XCTAssertEqual(basic(46), .ansi16(.green))
        XCTAssertEqual(basic(21), .ansi16(.blue))
        XCTAssertEqual(basic(226), .ansi16(.yellow))
        XCTAssertEqual(basic(51), .ansi16(.cyan))
        XCTAssertEqual(basic(201), .ansi16(.magenta))
    }

    func testColoursKeepTheirHueHoweverDarkOrLight() {
        XCTAssertEqual(basic(17), .ansi16(.blue), "navy")
        XCTAssertEqual(basic(52), .ansi16(.red), "dark red")
        XCTAssertEqual(basic(45), .ansi16(.cyan), "turquoise")
        XCTAssertEqual(basic(33), .ansi16(.blue), "azure reads as blue")
        XCTAssertEqual(basic(93), .ansi16(.blue), "violet reads as blue")
        XCTAssertEqual(basic(165), .ansi16(.magenta))
        XCTAssertEqual(basic(214), .ansi16(.yellow), "orange")
        XCTAssertEqual(basic(114), .ansi16(.green), "pale green")
    }

    func testGreysBecomeBlackOrWhiteByBrightness() {
        XCTAssertEqual(basic(232), .ansi16(.black))
        XCTAssertEqual(basic(236), .ansi16(.black))
        XCTAssertEqual(basic(240), .ansi16(.white), "dark-theme borders must stay visible on black")
        XCTAssertEqual(basic(244), .ansi16(.white))
        XCTAssertEqual(basic(16), .ansi16(.black))
        XCTAssertEqual(basic(231), .ansi16(.white))
    }

    func testNamedColoursKeepOrLoseTheirBrightness() {
        for color in ANSIColor.allCases where !color.isBright {
            XCTAssertEqual(basic(color.rawValue), .ansi16(color), color.name)
        }
        XCTAssertEqual(basic(ANSIColor.brightRed.rawValue), .ansi16(.red))
        XCTAssertEqual(basic(ANSIColor.brightBlue.rawValue), .ansi16(.blue))
        XCTAssertEqual(basic(ANSIColor.brightBlack.rawValue), .ansi16(.white), "grey is light enough for white")
        XCTAssertEqual(Style().adapted(to: .colors8), Style(), "default stays the terminal's own")
    }

    func testClashingForegroundTurnsBlackOrWhite() {
        let unfocusedRow = Style(foreground: .palette256(252), background: .palette256(238))
        XCTAssertEqual(unfocusedRow.adapted(to: .colors8),
                       Style(foreground: .ansi16(.black), background: .ansi16(.white)))
        let onNavy = Style(foreground: .palette256(18), background: .palette256(17))
        XCTAssertEqual(onNavy.adapted(to: .colors8).foreground, .ansi16(.white))
    }

    func testFillThatMergesIntoTheCanvasBecomesReverse() {
        let lightStatusBar = Style(foreground: .palette256(235), background: .palette256(252))
        XCTAssertEqual(lightStatusBar.adapted(to: .colors8, canvas: .palette256(231)),
                       Style(foreground: .ansi16(.black), background: .ansi16(.white), attributes: .reverse))
        let onCanvas = Style(foreground: .palette256(235), background: .palette256(231))
        XCTAssertEqual(onCanvas.adapted(to: .colors8, canvas: .palette256(231)).attributes, [])
    }

    // MARK: - Monochrome

    func testMonochromeDropsColoursAndKeepsAttributes() {
        let keyword = Style(foreground: .palette256(75), attributes: [.bold, .italic])
        XCTAssertEqual(keyword.adapted(to: .monochrome), Style(attributes: [.bold, .italic]))
    }

    func testMonochromeTurnsAFilledBackgroundIntoReverse() {
        let selected = Style(foreground: .palette256(16), background: .palette256(39), attributes: .bold)
        XCTAssertEqual(selected.adapted(to: .monochrome), Style(attributes: [.bold, .reverse]))
        let onPaintedCanvas = Style(foreground: .palette256(235), background: .palette256(231))
        XCTAssertEqual(onPaintedCanvas.adapted(to: .monochrome, canvas: .palette256(231)), .plain)
    }

    // MARK: - Whole themes

    func testRolesThatMustStandOutGetTheirFallbackWhenColourIsAllTheyHad() throws {
        let theme = try ThemeParser.parse(themeText(
            "text = color252",
            "list.match = color214",
            "json.key = color75",
            "list.selected = on color39"), file: "t")
        let mono = theme.adapted(to: .monochrome)
        XCTAssertEqual(mono.style(for: .listMatch), Style(attributes: [.bold, .underline]))
        XCTAssertEqual(mono.style(for: .listSelected), Style(attributes: .reverse))
        XCTAssertEqual(mono.style(for: .jsonKey), .plain, "syntax colours may simply vanish")
    }

    func testEveryRoleThatMustStandOutHasAFallbackAttribute() {
        for role in ThemeRole.allCases where role.mustStandOut {
            XCTAssertFalse(role.fallbackAttributes.isEmpty, role.rawValue)
        }
    }

    func testAdaptingTheDefaultThemeToEightColoursUsesOnlyBasicColours() {
        let adapted = BuiltinTheme.theme.adapted(to: .colors8)
        for role in ThemeRole.allCases {
            let style = adapted.style(for: role)
            for color in [style.foreground, style.background] {
                switch color {
                case .default: break
                case .ansi16(let named): XCTAssertFalse(named.isBright, "\(role.rawValue): \(color)")
                case .palette256: XCTFail("\(role.rawValue) kept \(color)")
                }
            }
        }
        XCTAssertEqual(adapted.style(for: .listSelected),
                       Style(foreground: .ansi16(.black), background: .ansi16(.cyan), attributes: .bold))
    }
}
