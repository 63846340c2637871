import C8Client
@testable import C8Console
import C8Core
import XCTest

/// The Streams pane's building blocks: the ring buffer, sparklines, the
/// tail's clock and the rows formatted on arrival.
final class StreamsWidgetTests: XCTestCase {
    func testRingKeepsTheNewestWithTheirSeqs() {
        var ring = MessageRing<String>(capacity: 3)
        for s in ["a", "b", "c", "d", "e"] { ring.append(s) }
        XCTAssertEqual(ring.seqs, 2..<5)
        XCTAssertEqual(ring.seqs.map { ring[$0] }, ["c", "d", "e"])
        XCTAssertEqual(ring.dropped, 2)
        XCTAssertFalse(ring.contains(1))
        ring[3] = "D"
        XCTAssertEqual(ring[3], "D")
    }

    func testRingResizeKeepsTheNewestAndCountsTheRest() {
        var ring = MessageRing<Int>(capacity: 4)
        for n in 0..<6 { ring.append(n) }
        var smaller = ring.resized(to: 2)
        XCTAssertEqual(smaller.seqs.map { smaller[$0] }, [4, 5])
        XCTAssertEqual(smaller.dropped, 4)
        smaller.append(6)
        XCTAssertEqual(smaller.seqs.map { smaller[$0] }, [5, 6])
        var larger = ring.resized(to: 10)
        larger.append(6)
        XCTAssertEqual(larger.seqs.map { larger[$0] }, [2, 3, 4, 5, 6])
        XCTAssertEqual(larger.seqs, 2..<7)
    }

    func testRingDiscardCountsABurstWithoutStoringIt() {
        var ring = MessageRing<Int>(capacity: 3)
        ring.append(0)
        ring.discard(5)
        for n in 6..<9 { ring.append(n) }
        XCTAssertEqual(ring.seqs, 6..<9)
        XCTAssertEqual(ring.seqs.map { ring[$0] }, [6, 7, 8])
        XCTAssertEqual(ring.dropped, 6)
    }

    func testSparklineScalesToThePeakAndPadsOnTheLeft() {
        XCTAssertEqual(Sparkline.render([0, 1, 2, 4, 8], width: 5), "▁▂▃▅█")
        XCTAssertEqual(Sparkline.render([5, 5], width: 4), "  ██")
        XCTAssertEqual(Sparkline.render([0, 0, 0], width: 3), "▁▁▁", "idle shows a baseline")
        XCTAssertEqual(Sparkline.render(Array(repeating: 1, count: 10) + [2], width: 3), "▅▅█", "only the newest fit")
        XCTAssertEqual(Sparkline.render([1], width: 0), "")
    }

    func testRateHistoryIsBounded() {
        var history = RateHistory()
        for n in 0..<100 { history.append(Double(n)) }
        XCTAssertEqual(history.samples.count, RateHistory.limit)
        XCTAssertEqual(history.latest, 99)
    }

    func testClockFormatsAndParsesInItsZone() {
        let utc = StreamsFixture.utc
        XCTAssertEqual(utc.timeOfDay(StreamsFixture.base + 1234), "10:00:01.234")
        XCTAssertEqual(utc.dateAndTime(StreamsFixture.base), "2026-11-22 10:00:00.000")
        XCTAssertEqual(utc.dateAndTime(951_782_400_000), "2000-02-29 00:00:00.000")
        XCTAssertEqual(utc.parse("2026-11-22T10:00"), StreamsFixture.base)
        XCTAssertEqual(utc.parse("2026-11-22 10:00:05.5"), StreamsFixture.base + 5500)
        XCTAssertEqual(utc.parse("2026-11-22"), StreamsFixture.base - 36_000_000)
        let tokyo = TailClock(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        XCTAssertEqual(tokyo.parse("2026-11-22T19:00"), StreamsFixture.base)
        XCTAssertEqual(tokyo.parse("2026-11-22T10:00Z"), StreamsFixture.base, "Z means UTC")
        XCTAssertEqual(tokyo.timeOfDay(StreamsFixture.base), "19:00:00.000")
        for bad in ["", "10:00", "2026-13-01", "2026-02-30T10:00", "2026-11-22T25:00", "tomorrow"] {
            XCTAssertNil(utc.parse(bad), bad)
        }
    }

    func testRowsAreFormattedOnceOnArrival() {
        let json = TailRow(StreamsFixture.message(1, key: "k", properties: ["b": "2", "a": "1"]), clock: StreamsFixture.utc)
        XCTAssertTrue(json.isJSON)
        XCTAssertEqual(json.time, "10:00:01.000")
        XCTAssertEqual(json.properties, "a=1 b=2")
        XCTAssertEqual(json.summary, #"{"n":1,"city":"Oslo"}"#)
        XCTAssertEqual(json.detail.first, "{")
        XCTAssertGreaterThan(json.detail.count, 2, "pretty JSON spans lines")
        XCTAssertEqual(json.payload["city"], "Oslo")
        XCTAssertTrue(json.searchText.contains("oslo"))

        let text = TailRow(StreamsFixture.message(2, text: "line one\nline\ttwo\u{1B}[2J"), clock: StreamsFixture.utc)
        XCTAssertFalse(text.isJSON)
        XCTAssertEqual(text.payload, "line one\nline\ttwo\u{1B}[2J")
        XCTAssertEqual(text.summary, "line one line two·[2J", "control characters never reach the terminal")
        XCTAssertEqual(text.detail, ["line one", "line two·[2J"])
    }

    func testConfigSetsTheTailBuffer() {
        let (config, problems) = ConsoleConfig.parse("stream-buffer = 500\n")
        XCTAssertEqual(config.streamBuffer, 500)
        XCTAssertTrue(problems.isEmpty)
        let (bad, badProblems) = ConsoleConfig.parse("stream-buffer = lots\n")
        XCTAssertNil(bad.streamBuffer)
        XCTAssertEqual(badProblems.first?.line, 1)
    }
}
