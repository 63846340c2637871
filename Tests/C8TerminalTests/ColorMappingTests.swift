@testable import C8Terminal
import C8Console
import XCTest

final class ColorMappingTests: XCTestCase {
    private let xterm256 = CursesColorMapper(colorCount: 256, hasDefaultColors: true)
    private let xterm8 = CursesColorMapper(colorCount: 8, hasDefaultColors: true)

    func testDefaultIsMinusOneOnlyWhenDefaultColoursWork() {
        XCTAssertEqual(xterm256.foreground(.default), -1)
        XCTAssertEqual(xterm256.background(.default), -1)
        let noDefaults = CursesColorMapper(colorCount: 8, hasDefaultColors: false)
        XCTAssertEqual(noDefaults.foreground(.default), 7, "white text")
        XCTAssertEqual(noDefaults.background(.default), 0, "on black")
    }

    func testNamedColoursAreTheirIndexWhenTheTerminalHasSixteen() {
        for color in ANSIColor.allCases {
            XCTAssertEqual(xterm256.foreground(.ansi16(color)), Int32(color.rawValue))
            XCTAssertEqual(CursesColorMapper(colorCount: 16, hasDefaultColors: true).background(.ansi16(color)),
                           Int32(color.rawValue))
        }
    }

    func testBrightColoursFoldOntoTheBasicEightOnAnEightColourTerminal() {
        XCTAssertEqual(xterm8.foreground(.ansi16(.brightRed)), 1)
        XCTAssertEqual(xterm8.background(.ansi16(.brightWhite)), 7)
        XCTAssertEqual(xterm8.foreground(.ansi16(.cyan)), 6)
    }

    func testPaletteIndexPassesThroughOrFallsBackToTheNearestAvailable() {
        XCTAssertEqual(xterm256.foreground(.palette256(208)), 208)
        XCTAssertEqual(xterm256.background(.palette256(16)), 16)
        // Defensive path: styles are adapted upstream, but a stray 256 colour
        // must never reach an 8-colour terminal as is.
        XCTAssertEqual(xterm8.foreground(.palette256(196)), 1, "#ff0000 → red")
        XCTAssertEqual(xterm8.background(.palette256(231)), 7, "#ffffff → white")
        XCTAssertEqual(xterm8.background(.palette256(16)), 0, "#000000 → black")
        XCTAssertEqual(CursesColorMapper(colorCount: 88, hasDefaultColors: true).foreground(.palette256(87)), 87)
    }

    // MARK: - Styles

    func testStylesDrawUnchangedOnA256ColourTerminal() {
        let style = Style(foreground: .palette256(208), background: .ansi16(.blue), attributes: [.italic, .underline])
        let rendition = CellRendition(style, depth: .colors256, mapper: xterm256)
        XCTAssertEqual(rendition.colors, ColorPairRegistry.Key(foreground: 208, background: 4))
        XCTAssertEqual(rendition.attributes, [.italic, .underline])
        XCTAssertEqual(CellRendition(.plain, depth: .colors256, mapper: xterm256).colors, .terminalDefault)
    }

    func testBrightTextBecomesBoldOnAnEightColourTerminal() {
        let style = Style(foreground: .ansi16(.brightGreen), background: .ansi16(.brightBlue))
        let rendition = CellRendition(style, depth: .colors8, mapper: xterm8)
        XCTAssertEqual(rendition.colors, ColorPairRegistry.Key(foreground: 2, background: 4))
        XCTAssertEqual(rendition.attributes, .bold)
        let plain = CellRendition(Style(foreground: .ansi16(.red)), depth: .colors8, mapper: xterm8)
        XCTAssertEqual(plain.attributes, [])
    }

    func testUnadaptedPaletteColoursAreAdaptedDefensively() {
        let rendition = CellRendition(Style(foreground: .palette256(196)), depth: .colors8, mapper: xterm8)
        XCTAssertEqual(rendition.colors, ColorPairRegistry.Key(foreground: 1, background: -1))
    }

    func testMonochromeKeepsAttributesAndShowsLostBackgroundsReversed() {
        let rendition = CellRendition(Style(foreground: .ansi16(.red), background: .palette256(238), attributes: .bold),
                                      depth: .monochrome, mapper: nil)
        XCTAssertEqual(rendition.colors, .terminalDefault)
        XCTAssertEqual(rendition.attributes, [.bold, .reverse])
        XCTAssertEqual(CellRendition(Style(attributes: .underline), depth: .monochrome, mapper: nil).attributes, .underline)
    }

    func testAttributesMapToTheCursesBits() {
        XCTAssertEqual(CursesRenderer.cursesAttributes([]), 0)
        let all = CursesRenderer.cursesAttributes([.bold, .dim, .italic, .underline, .reverse])
        let separate = [TextAttributes.bold, .dim, .italic, .underline, .reverse].map(CursesRenderer.cursesAttributes)
        XCTAssertEqual(Set(separate).count, 5, "five distinct bits")
        XCTAssertEqual(separate.reduce(0, |), all)
        XCTAssertTrue(separate.allSatisfy { $0 != 0 && $0 & ($0 - 1) == 0 }, "one bit each")
    }
}
