import C8Core
import Foundation
import XCTest

/// `CivilDate` against Foundation's Gregorian calendar (after its 1582 Julian
/// cut-over, which `CivilDate`, proleptic, does not have), across leap
/// days and the epoch.
final class CivilDateTests: XCTestCase {
    func testDaysAgreeWithFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in stride(from: Int64(-100_000), through: 3_000_000, by: 997) + [0, -1, 59, 60, 11_016, 19_782] {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            let expected = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = CivilDate.civil(fromDays: days)
            XCTAssertEqual([civil.year, civil.month, civil.day],
                           [Int64(expected.year!), Int64(expected.month!), Int64(expected.day!)], "day \(days)")
        }
    }

    func testISO8601ReadsBackWhatItWrites() {
        for milliseconds: UInt64 in [0, 951_782_400_007, 1_795_320_306_789, 4_102_444_799_999] {
            XCTAssertEqual(CivilDate.milliseconds(iso8601: CivilDate.iso8601(milliseconds: milliseconds)), milliseconds)
        }
        XCTAssertEqual(CivilDate.milliseconds(iso8601: "2026-11-22 04:05:06.7"), 1_795_320_306_700)
        XCTAssertEqual(CivilDate.milliseconds(iso8601: "2026-11-22T04:05:06Z"), 1_795_320_306_000)
        for bad in ["", "2026-11-22", "2026-13-01T00:00:00Z", "2026-11-22T04:05:06.789+01:00", "x026-11-22T04:05:06Z"] {
            XCTAssertNil(CivilDate.milliseconds(iso8601: bad), bad)
        }
    }

    /// The fixed-width form (years up to 9999) against Foundation's formatter,
    /// and the first year past it, written by the general path.
    func testISO8601AgreesWithFoundationUpToTheYear9999() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")!
        var generator = SystemRandomNumberGenerator()
        let samples = (0..<200).map { _ in UInt64.random(in: 0...253_402_300_799_999, using: &generator) }
        for milliseconds in samples + [0, 999, 86_399_999, 253_402_300_799_999] {
            XCTAssertEqual(CivilDate.iso8601(milliseconds: milliseconds),
                           String(formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds / 1000))).dropLast(5))
                               + String(format: ".%03dZ", Int(milliseconds % 1000)), "\(milliseconds)")
        }
        XCTAssertEqual(CivilDate.iso8601(milliseconds: 253_402_300_800_000), "10000-01-01T00:00:00.000Z")
    }

    func testISO8601() {
        XCTAssertEqual(CivilDate.iso8601(milliseconds: 0), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(CivilDate.iso8601(milliseconds: 951_782_400_007), "2000-02-29T00:00:00.007Z")
        XCTAssertEqual(CivilDate.iso8601(milliseconds: 1_795_320_306_789), "2026-11-22T04:05:06.789Z")
    }
}
