import XCTest
@testable import C8Console

final class TerminalColorTests: XCTestCase {
    private func color(_ token: String) -> TerminalColor? { TerminalColor(themeToken: token) }

    func testHexMapsToTheNearestXTermColour() {
        XCTAssertEqual(color("#ff0000"), .palette256(196))
        XCTAssertEqual(color("#000000"), .palette256(16))
        XCTAssertEqual(color("#ffffff"), .palette256(231))
        XCTAssertEqual(color("#808080"), .palette256(244))
        XCTAssertEqual(color("#0087ff"), .palette256(33))
        XCTAssertEqual(color("#5f87af"), .palette256(67))
        XCTAssertEqual(color("#080808"), .palette256(232))
        XCTAssertEqual(color("#eeeeee"), .palette256(255))
        XCTAssertEqual(color("#fe0101"), .palette256(196), "near values snap to the cube")
        XCTAssertEqual(color("#767676"), .palette256(243), "greys prefer the grey ramp")
    }

    func testEveryCubeAndRampEntryMapsToItself() {
        for index in UInt8(16)...UInt8(255) {
            let rgb = XTermPalette.rgb(ofIndex: index)
            XCTAssertEqual(XTermPalette.nearestIndex(to: rgb), index, rgb.hex)
        }
    }

    func testPaletteNumbersBelowSixteenAreTheNamedColours() {
        XCTAssertEqual(color("color1"), .ansi16(.red))
        XCTAssertEqual(color("color15"), .ansi16(.brightWhite))
        XCTAssertEqual(color("color16"), .palette256(16))
        XCTAssertEqual(color("color255"), .palette256(255))
        XCTAssertNil(color("color"))
        XCTAssertNil(color("color-1"))
        XCTAssertNil(color("color1000"))
    }

    func testNamedColours() {
        XCTAssertEqual(color("default"), .default)
        XCTAssertEqual(color("magenta"), .ansi16(.magenta))
        XCTAssertEqual(color("bright-black"), .ansi16(.brightBlack))
        XCTAssertEqual(Set(ANSIColor.allCases.map(\.name)).count, 16, "names must be unique")
        for named in ANSIColor.allCases {
            XCTAssertEqual(color(named.name), .ansi16(named))
        }
    }

    func testDescriptionIsTheThemeToken() {
        for sample in [TerminalColor.default, .ansi16(.brightYellow), .palette256(202)] {
            XCTAssertEqual(color(sample.description), sample)
        }
    }
}
