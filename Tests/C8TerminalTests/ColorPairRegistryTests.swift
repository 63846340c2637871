@testable import C8Terminal
import XCTest

final class ColorPairRegistryTests: XCTestCase {
    private typealias Key = ColorPairRegistry.Key
    private let redOnBlack = Key(foreground: 1, background: 0)
    private let greenOnBlack = Key(foreground: 2, background: 0)
    private let brightRedOnBlack = Key(foreground: 9, background: 0)
    private let whiteOnBlue = Key(foreground: 7, background: 4)

    func testTheTerminalDefaultIsAlwaysPairZeroAndNeverCounted() {
        var registry = ColorPairRegistry(pairCount: 4)
        XCTAssertEqual(registry.acquire(.terminalDefault), .existing(0))
        registry.release(0)
        XCTAssertEqual(registry.cellCount(of: 0), 0)
    }

    func testPairsAreDefinedOnFirstUseThenReused() {
        var registry = ColorPairRegistry(pairCount: 64)
        XCTAssertEqual(registry.capacity, 63)
        XCTAssertEqual(registry.acquire(redOnBlack), .define(1))
        XCTAssertEqual(registry.acquire(greenOnBlack), .define(2))
        XCTAssertEqual(registry.acquire(redOnBlack), .existing(1))
        XCTAssertEqual(registry.cellCount(of: 1), 2)
        XCTAssertEqual(registry.cellCount(of: 2), 1)
    }

    func testWhenFullTheNearestPairStandsIn() {
        var registry = ColorPairRegistry(pairCount: 3)
        XCTAssertEqual(registry.acquire(redOnBlack), .define(1))
        XCTAssertEqual(registry.acquire(whiteOnBlue), .define(2))
        // Both pairs are on screen: bright red on black borrows red on black.
        XCTAssertEqual(registry.acquire(brightRedOnBlack), .substitute(1))
        XCTAssertEqual(registry.cellCount(of: 1), 2, "the stand-in is counted like any use")
    }

    func testNothingCloseFallsBackToTheDefaultPair() {
        var registry = ColorPairRegistry(pairCount: 2)
        XCTAssertEqual(registry.acquire(whiteOnBlue), .define(1))
        XCTAssertEqual(registry.acquire(Key(foreground: 1, background: -1)), .substitute(0))
    }

    func testAPairNoCellShowsIsRedefinedLeastRecentlyUsedFirst() {
        var registry = ColorPairRegistry(pairCount: 3)
        XCTAssertEqual(registry.acquire(redOnBlack), .define(1))
        XCTAssertEqual(registry.acquire(greenOnBlack), .define(2))
        registry.release(2)
        registry.release(1)
        // Both free; pair 1 was used longest ago.
        XCTAssertEqual(registry.acquire(whiteOnBlue), .define(1))
        XCTAssertEqual(registry.acquire(greenOnBlack), .existing(2), "the survivor keeps its colours")
        // Red on black lost its pair; with both in use it is substituted.
        XCTAssertEqual(registry.acquire(redOnBlack), .substitute(2))
    }

    func testAPairStaysDefinedWhileAnyCellUsesIt() {
        var registry = ColorPairRegistry(pairCount: 2)
        XCTAssertEqual(registry.acquire(redOnBlack), .define(1))
        XCTAssertEqual(registry.acquire(redOnBlack), .existing(1))
        registry.release(1)
        XCTAssertEqual(registry.acquire(greenOnBlack), .substitute(1), "one red cell is still visible")
        registry.release(1)
        registry.release(1)
        XCTAssertEqual(registry.acquire(greenOnBlack), .define(1))
    }

    func testClearingTheScreenFreesEveryPairButKeepsDefinitions() {
        var registry = ColorPairRegistry(pairCount: 2)
        XCTAssertEqual(registry.acquire(redOnBlack), .define(1))
        registry.releaseAll()
        XCTAssertEqual(registry.cellCount(of: 1), 0)
        XCTAssertEqual(registry.acquire(redOnBlack), .existing(1), "no init_pair needed to redraw")
        registry.releaseAll()
        XCTAssertEqual(registry.acquire(greenOnBlack), .define(1))
    }

    func testReleasingMoreThanWasAcquiredIsHarmless() {
        var registry = ColorPairRegistry(pairCount: 2)
        registry.release(1)
        registry.release(7)
        registry.release(-1)
        XCTAssertEqual(registry.acquire(redOnBlack), .define(1))
        XCTAssertEqual(registry.cellCount(of: 1), 1)
    }

    func testAMonochromeTerminalHasOnlyPairZero() {
        var registry = ColorPairRegistry(pairCount: 1)
        XCTAssertEqual(registry.capacity, 0)
        XCTAssertEqual(registry.acquire(redOnBlack), .substitute(0))
    }

    func testManyPairsAreHandedOutInOrder() {
        var registry = ColorPairRegistry(pairCount: 65536)
        var pair: Int32 = 0
        for foreground in Int32(0)..<256 {
            for background in Int32(0)..<256 {
                pair += 1
                guard pair <= 65535 else { break }
                XCTAssertEqual(registry.acquire(Key(foreground: foreground, background: background)), .define(pair))
            }
        }
        XCTAssertEqual(registry.acquire(Key(foreground: 0, background: 0)), .existing(1))
    }

    func testDistanceIsZeroForEqualPairsAndGrowsWithDifference() {
        XCTAssertEqual(ColorPairRegistry.distance(redOnBlack, redOnBlack), 0)
        XCTAssertLessThan(ColorPairRegistry.distance(redOnBlack, brightRedOnBlack),
                          ColorPairRegistry.distance(redOnBlack, greenOnBlack))
        XCTAssertLessThan(ColorPairRegistry.distance(redOnBlack, greenOnBlack),
                          ColorPairRegistry.distance(redOnBlack, Key(foreground: 1, background: -1)))
    }
}
