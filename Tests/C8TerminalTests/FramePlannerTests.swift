@testable import C8Terminal
import C8Console
import XCTest

final class FramePlannerTests: XCTestCase {
    private let red = Style(foreground: .ansi16(.red))
    private let green = Style(foreground: .ansi16(.green))

    private func planner(pairCount: Int = 256, depth: ColorDepth = .colors256) -> FramePlanner {
        FramePlanner(depth: depth, mapper: CursesColorMapper(colorCount: 256, hasDefaultColors: true),
                     pairCount: pairCount, width: { CharacterWidth.of($0) })
    }

    private func text(_ writes: [FramePlanner.Write]) -> [String] {
        writes.map { "\($0.x),\($0.y):" + String(String.UnicodeScalarView($0.scalars)) }
    }

    func testTheFirstFrameErasesAndWritesEveryCell() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 3, height: 2)
        buffer.write("ab", x: 0, y: 0, style: .plain)
        let frame = planner.plan(buffer, screen: (3, 2))
        XCTAssertTrue(frame.erasesWindow)
        XCTAssertEqual(text(frame.writes), ["0,0:a", "1,0:b", "2,0: ", "0,1: ", "1,1: ", "2,1: "])
        XCTAssertNil(frame.cursor)
    }

    func testLaterFramesWriteOnlyWhatChanged() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 4, height: 2)
        _ = planner.plan(buffer, screen: (4, 2))
        XCTAssertTrue(planner.plan(buffer, screen: (4, 2)).writes.isEmpty, "nothing changed")
        buffer.write("xy", x: 1, y: 1, style: red)
        let frame = planner.plan(buffer, screen: (4, 2))
        XCTAssertFalse(frame.erasesWindow)
        XCTAssertEqual(text(frame.writes), ["1,1:x", "2,1:y"])
        XCTAssertEqual(frame.pairDefinitions, [.init(pair: 1, colors: .init(foreground: 1, background: -1))])
        XCTAssertEqual(frame.writes.map(\.pair), [1, 1])
    }

    func testWideCharactersAreWrittenOnceAndCoverTheirContinuation() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 6, height: 1)
        _ = planner.plan(buffer, screen: (6, 1))
        buffer.write("東京", x: 1, y: 0, style: .plain)
        XCTAssertEqual(text(planner.plan(buffer, screen: (6, 1)).writes), ["1,0:東", "3,0:京"])
        // Only the right half's style changes: the whole character is rewritten.
        buffer[4, 0] = Cell(" ", style: red, isContinuation: true)
        XCTAssertEqual(text(planner.plan(buffer, screen: (6, 1)).writes), ["3,0:京"])
        // Narrow text replacing a wide character writes both columns.
        buffer.write("ab", x: 1, y: 0, style: .plain)
        XCTAssertEqual(text(planner.plan(buffer, screen: (6, 1)).writes), ["1,0:a", "2,0:b"])
    }

    func testWritesAreClippedToTheScreen() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 4, height: 3)
        buffer.write("ab東", x: 0, y: 0, style: .plain)
        let frame = planner.plan(buffer, screen: (3, 2))
        XCTAssertEqual(text(frame.writes), ["0,0:a", "1,0:b", "2,0: ", "0,1: ", "1,1: ", "2,1: "],
                       "the wide character cut by the edge is a blank")
    }

    func testBottomRightCellIsWritten() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 2, height: 2)
        buffer.put("Z", x: 1, y: 1, style: .plain)
        XCTAssertEqual(text(planner.plan(buffer, screen: (2, 2)).writes).last, "1,1:Z")
    }

    func testANewSizeRedrawsEverything() {
        var planner = planner()
        _ = planner.plan(ScreenBuffer(width: 3, height: 1), screen: (3, 1))
        let frame = planner.plan(ScreenBuffer(width: 2, height: 2), screen: (2, 2))
        XCTAssertTrue(frame.erasesWindow)
        XCTAssertEqual(frame.writes.count, 4)
    }

    func testInvalidateRedrawsEverythingWithoutRedefiningPairs() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 2, height: 1)
        buffer.write("ab", x: 0, y: 0, style: red)
        XCTAssertEqual(planner.plan(buffer, screen: (2, 1)).pairDefinitions.count, 1)
        planner.invalidate()
        let frame = planner.plan(buffer, screen: (2, 1))
        XCTAssertEqual(frame.writes.count, 2)
        XCTAssertTrue(frame.pairDefinitions.isEmpty, "pair 1 still means red")
    }

    func testAPairLeavingTheScreenIsReusedInTheSameFrame() {
        // Pair 1 is the only one: red text replaced by green text.
        var planner = planner(pairCount: 2)
        var buffer = ScreenBuffer(width: 2, height: 1)
        buffer.write("ab", x: 0, y: 0, style: red)
        _ = planner.plan(buffer, screen: (2, 1))
        buffer.write("cd", x: 0, y: 0, style: green)
        let frame = planner.plan(buffer, screen: (2, 1))
        XCTAssertEqual(frame.pairDefinitions, [.init(pair: 1, colors: .init(foreground: 2, background: -1))])
        XCTAssertEqual(frame.writes.map(\.pair), [1, 1])
    }

    func testAPairStillOnScreenIsNotRedefined() {
        var planner = planner(pairCount: 2)
        var buffer = ScreenBuffer(width: 2, height: 1)
        buffer.write("ab", x: 0, y: 0, style: red)
        _ = planner.plan(buffer, screen: (2, 1))
        buffer.write("c", x: 0, y: 0, style: green)
        let frame = planner.plan(buffer, screen: (2, 1))
        XCTAssertTrue(frame.pairDefinitions.isEmpty, "'b' is still red")
        XCTAssertEqual(frame.writes.map(\.pair), [1], "green borrows the nearest pair")
    }

    func testCursorIsShownOnlyInsideTheScreen() {
        var planner = planner()
        var buffer = ScreenBuffer(width: 4, height: 2)
        buffer.cursor = (2, 1)
        let shown = planner.plan(buffer, screen: (4, 2)).cursor
        XCTAssertEqual(shown?.x, 2)
        XCTAssertEqual(shown?.y, 1)
        buffer.cursor = (4, 1)
        XCTAssertNil(planner.plan(buffer, screen: (4, 2)).cursor)
    }

    func testAttributesAndEightColourBoldReachTheWrites() {
        var planner = FramePlanner(depth: .colors8, mapper: CursesColorMapper(colorCount: 8, hasDefaultColors: true),
                                   pairCount: 64, width: { CharacterWidth.of($0) })
        var buffer = ScreenBuffer(width: 2, height: 1)
        buffer.put("a", x: 0, y: 0, style: Style(foreground: .ansi16(.brightYellow), attributes: .underline))
        let write = planner.plan(buffer, screen: (2, 1)).writes[0]
        XCTAssertEqual(write.attributes, [.bold, .underline])
        XCTAssertEqual(write.pair, 1)
    }
}
