@testable import C8Terminal
import C8Console
import XCTest

final class GlyphPlanTests: XCTestCase {
    /// A stand-in for `wcwidth` that does not depend on the locale.
    private func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0..<0x20, 0x7F: -1
        case 0x301, 0x308, 0xFE0F, 0x200D: 0
        case 0x4E00...0x9FFF, 0x1F600...0x1F64F, 0x1F466...0x1F469: 2
        default: 1
        }
    }

    private func plan(_ character: Character, columns: Int = 1, roomLeft: Int = 10) -> GlyphPlan {
        GlyphPlan(cell: Cell(character), columns: columns, roomLeft: roomLeft, width: width)
    }

    func testOrdinaryCharactersAreWrittenAsTheyAre() {
        XCTAssertEqual(plan("a"), GlyphPlan(scalars: ["a"], padsSecondColumn: false))
        XCTAssertEqual(plan("é"), GlyphPlan(scalars: ["é"], padsSecondColumn: false))
    }

    func testWideCharacterCoversItsContinuation() {
        XCTAssertEqual(plan("東", columns: 2), GlyphPlan(scalars: ["東"], padsSecondColumn: false))
    }

    func testWideCharacterWithoutRoomBecomesABlank() {
        XCTAssertEqual(plan("東", columns: 1), .blank, "no continuation cell reserved")
        XCTAssertEqual(plan("東", columns: 2, roomLeft: 1), .blank, "last column of the screen")
    }

    func testCombiningMarksTravelWithTheirBase() {
        XCTAssertEqual(plan("e\u{301}"), GlyphPlan(scalars: ["e", "\u{301}"], padsSecondColumn: false))
        let stacked = Character("a\u{301}\u{308}\u{301}\u{308}\u{301}\u{308}")
        XCTAssertEqual(plan(stacked).scalars.count, GlyphPlan.maximumScalars)
    }

    func testWhereTheBufferCountsTwoColumnsButNcursesOneTheSecondIsPadded() {
        // ☺️: the presentation selector makes it wide for the buffer, but
        // wcwidth(☺) is 1.
        XCTAssertEqual(plan("\u{263A}\u{FE0F}", columns: 2), GlyphPlan(scalars: ["\u{263A}", "\u{FE0F}"], padsSecondColumn: true))
    }

    func testSequencesOfSeveralSpacingScalarsKeepTheFirst() {
        let family = Character("\u{1F468}\u{200D}\u{1F469}")
        XCTAssertEqual(plan(family, columns: 2), GlyphPlan(scalars: ["\u{1F468}"], padsSecondColumn: false))
    }

    func testUnprintableAndLoneMarksBecomeBlanks() {
        XCTAssertEqual(plan("\t"), .blank)
        XCTAssertEqual(plan("\u{301}"), .blank)
        XCTAssertEqual(plan("\u{7F}"), .blank)
        XCTAssertEqual(plan("\u{1}", columns: 2), GlyphPlan(scalars: [" "], padsSecondColumn: true), "both columns cleared")
    }
}
