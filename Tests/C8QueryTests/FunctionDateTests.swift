import XCTest
import C8Core
@testable import C8Query

/// Date functions (UTC): ArangoDB's documented examples and the engine's
/// calendar rules (rolling over invalid days, months as ×30 days, …).
final class FunctionDateTests: XCTestCase {
    static let construction: [FunctionCase] = [
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07T14:19:09.522""#, "1399472349522"),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07T14:19:09.522Z""#, "1399472349522"),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07 14:19:09.522""#, "1399472349522"),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07 14:19:09.522Z""#, "1399472349522"),
        FunctionCase("DATE_TIMESTAMP", "2014, 5, 7, 14, 19, 9, 522", "1399472349522"),
        FunctionCase("DATE_TIMESTAMP", #""2014", "5", "7""#, "1399420800000"),
        FunctionCase("DATE_TIMESTAMP", "1399472349522", "1399472349522"),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07T14:19:09.522+01:00""#, "1399468749522"),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07T14:19:09.522-00:30""#, "1399474149522"),
        FunctionCase("DATE_TIMESTAMP", #""  +2014-05-07  ""#, "1399420800000"),
        FunctionCase("DATE_TIMESTAMP", #""2016-12-31T23:59:59.9999""#, "1483228799999"),
        FunctionCase("DATE_TIMESTAMP", #""2016-12-31T23:59:59.5""#, "1483228799500"),
        FunctionCase("DATE_TIMESTAMP", #""2014""#, "1388534400000"),
        FunctionCase("DATE_TIMESTAMP", #""0002014-01-01""#, "1388534400000"),
        FunctionCase("DATE_TIMESTAMP", #""foo""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_TIMESTAMP", #""-2014-01-01""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07T25:00""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_TIMESTAMP", #""2014-05-07T12""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_TIMESTAMP", "2014, 5", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_TIMESTAMP", "-1, 1, 1", warns: .queryInvalidDateValue),
        FunctionCase("DATE_TIMESTAMP", "2014, 1, 1, -1", warns: .queryInvalidDateValue),
        FunctionCase("DATE_TIMESTAMP", "true", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_TIMESTAMP", "2014, [1], 1", warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_ISO8601", "1399472349522", #""2014-05-07T14:19:09.522Z""#),
        FunctionCase("DATE_ISO8601", "2014, 5, 7", #""2014-05-07T00:00:00.000Z""#),
        FunctionCase("DATE_ISO8601", #""2014-05-07T14:19:09.522+02:00""#, #""2014-05-07T12:19:09.522Z""#),
        FunctionCase("DATE_ISO8601", "0", #""1970-01-01T00:00:00.000Z""#),
        FunctionCase("DATE_ISO8601", "-1", #""1969-12-31T23:59:59.999Z""#),
        FunctionCase("DATE_ISO8601", "-62167219200000", #""0000-01-01T00:00:00.000Z""#),
        FunctionCase("DATE_ISO8601", "253402300799999", #""9999-12-31T23:59:59.999Z""#),
        FunctionCase("DATE_ISO8601", "-62167219200001", warns: .queryInvalidDateValue),
        FunctionCase("DATE_ISO8601", "253402300800000", warns: .queryInvalidDateValue),
        // Engine: days past the month's end roll over instead of failing.
        FunctionCase("DATE_ISO8601", #""2019-02-31""#, #""2019-03-03T00:00:00.000Z""#),
        FunctionCase("DATE_ISO8601", "2016, 13, 1", #""2017-01-01T00:00:00.000Z""#),
        FunctionCase("DATE_ISO8601", "2016, 2, 30, 25, 61, 61, 1500", #""2016-03-02T02:02:01.999Z""#),
        FunctionCase("DATE_ISO8601", "9999, 12, 31, 24", warns: .queryInvalidDateValue),
    ]

    static let components: [FunctionCase] = [
        FunctionCase("DATE_DAYOFWEEK", #""2014-05-07""#, "3"),
        FunctionCase("DATE_DAYOFWEEK", "0", "4"),
        FunctionCase("DATE_DAYOFWEEK", #""2017-01-01""#, "0"),
        FunctionCase("DATE_YEAR", #""2014-05-07""#, "2014"),
        FunctionCase("DATE_MONTH", #""2014-05-07""#, "5"),
        FunctionCase("DATE_DAY", #""2014-05-07""#, "7"),
        FunctionCase("DATE_HOUR", #""2014-05-07T14:19:09.522Z""#, "14"),
        FunctionCase("DATE_MINUTE", #""2014-05-07T14:19:09.522Z""#, "19"),
        FunctionCase("DATE_SECOND", #""2014-05-07T14:19:09.522Z""#, "9"),
        FunctionCase("DATE_MILLISECOND", #""2014-05-07T14:19:09.522Z""#, "522"),
        FunctionCase("DATE_HOUR", "-1", "23"),
        FunctionCase("DATE_DAYOFYEAR", #""2014-05-07""#, "127"),
        FunctionCase("DATE_DAYOFYEAR", #""2016-12-31""#, "366"),
        FunctionCase("DATE_DAYOFYEAR", #""2017-01-01""#, "1"),
        FunctionCase("DATE_ISOWEEK", #""2017-01-01""#, "52"),
        FunctionCase("DATE_ISOWEEK", #""2018-12-31""#, "1"),
        FunctionCase("DATE_ISOWEEK", #""2020-12-31""#, "53"),
        FunctionCase("DATE_ISOWEEK", #""2014-05-07""#, "19"),
        FunctionCase("DATE_ISOWEEKYEAR", #""2017-01-01""#, #"{"week": 52, "year": 2016}"#),
        FunctionCase("DATE_LEAPYEAR", #""2016-01-01""#, "true"),
        FunctionCase("DATE_LEAPYEAR", #""2100-01-01""#, "false"),
        FunctionCase("DATE_LEAPYEAR", #""2000-01-01""#, "true"),
        FunctionCase("DATE_QUARTER", #""2014-05-07""#, "2"),
        FunctionCase("DATE_QUARTER", #""2014-12-31""#, "4"),
        FunctionCase("DATE_QUARTER", #""2014-01-01""#, "1"),
        FunctionCase("DATE_DAYS_IN_MONTH", #""2016-02-01""#, "29"),
        FunctionCase("DATE_DAYS_IN_MONTH", #""2017-02-01""#, "28"),
        FunctionCase("DATE_DAYS_IN_MONTH", #""2017-04-15""#, "30"),
        FunctionCase("DATE_YEAR", #""bogus""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_YEAR", "null", warns: .queryFunctionArgumentTypeMismatch),
    ]

    static let formatting: [FunctionCase] = [
        FunctionCase("DATE_FORMAT", #""2017-02-03T04:05:06.789Z", "%dd.%mm.%yyyy %hh:%ii:%ss.%fff""#,
                     #""03.02.2017 04:05:06.789""#),
        FunctionCase("DATE_FORMAT", #""2016", "%%l = %l""#, #""%l = 1""#),
        FunctionCase("DATE_FORMAT", #""2016-03-01", "%xxx%""#, #""061""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03", "%w %www %wwww""#, #""5 Fri Friday""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03", "%m %mm %mmm %mmmm""#, #""2 02 Feb February""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03", "%y %yy %yyyy %yyyyyy""#, #""2017 17 2017 +002017""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03T04:05:06.009Z", "%d %dd %h %hh %i %ii %s %ss %f %fff""#,
                     #""3 03 4 04 5 05 6 06 9 009""#),
        FunctionCase("DATE_FORMAT", #"0, "%t""#, #""0""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03T04:05:06.789Z", "%z""#, #""2017-02-03T04:05:06.789Z""#),
        FunctionCase("DATE_FORMAT", #""2017-01-01", "%k %kk""#, #""52 52""#),
        FunctionCase("DATE_FORMAT", #""2016-02-10", "%a %q %x""#, #""29 1 41""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03", "%mm%&mm""#, #""02mm""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03", "day %Q!""#, #""day Q!""#),
        FunctionCase("DATE_FORMAT", #""2017-02-03", 1"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_TRUNC", #""2017-02-03", "month""#, #""2017-02-01T00:00:00.000Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03 04:05:06", "hours""#, #""2017-02-03T04:00:00.000Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03T04:05:06.789Z", "years""#, #""2017-01-01T00:00:00.000Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03T04:05:06.789Z", "D""#, #""2017-02-03T00:00:00.000Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03T04:05:06.789Z", "i""#, #""2017-02-03T04:05:00.000Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03T04:05:06.789Z", "s""#, #""2017-02-03T04:05:06.000Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03T04:05:06.789Z", "f""#, #""2017-02-03T04:05:06.789Z""#),
        FunctionCase("DATE_TRUNC", #""2017-02-03", "weeks""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_TRUNC", #""2017-02-03", 1"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_ROUND", #""2000-04-28T11:11:11.111Z", 1, "day""#, #""2000-04-28T00:00:00.000Z""#),
        FunctionCase("DATE_ROUND", #""2000-04-10T11:39:29Z", 15, "minutes""#, #""2000-04-10T11:30:00.000Z""#),
        FunctionCase("DATE_ROUND", #""2000-04-10T11:39:29Z", 0, "minutes""#, warns: .queryFunctionArgumentTypeMismatch),
    ]

    static let arithmetic: [FunctionCase] = [
        // Engine: Jan 31 + 1 month is "Feb 31", which rolls over to Mar 3.
        FunctionCase("DATE_ADD", #""2018-01-31", 1, "month""#, #""2018-03-03T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2016-02-29", 1, "year""#, #""2017-03-01T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", 1.5, "years""#, #""2019-07-01T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", 2.5, "months""#, #""2018-03-16T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01T00:00:00Z", 2, "days""#, #""2018-01-03T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01T00:00:00Z", -1, "day""#, #""2017-12-31T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01T00:00:00Z", 1.5, "h""#, #""2018-01-01T01:30:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01T00:00:00Z", 2, "w""#, #""2018-01-15T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01T00:00:00Z", 90, "i""#, #""2018-01-01T01:30:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01T00:00:00Z", 1, "f""#, #""2018-01-01T00:00:00.001Z""#),
        FunctionCase("DATE_ADD", #"0, 1, "Second""#, #""1970-01-01T00:00:01.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", "P1Y2M3DT4H5M6.7S""#, #""2019-03-04T04:05:06.700Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", "PT1,25S""#, #""2018-01-01T00:00:01.250Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", "P1W""#, #""2018-01-08T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", "PT""#, #""2018-01-01T00:00:00.000Z""#),
        FunctionCase("DATE_ADD", #""2018-01-01", "1 day""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_ADD", #""2018-01-01", "P1.5D""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_ADD", #""2018-01-01", 1, "fortnight""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_ADD", #""2018-01-01", "1", "day""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_ADD", #""2018-01-01", 1"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_ADD", #""9999-12-31", 1, "day""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_SUBTRACT", #""2018-03-31", 1, "month""#, #""2018-03-03T00:00:00.000Z""#),
        FunctionCase("DATE_SUBTRACT", #""2018-01-01", "P1D""#, #""2017-12-31T00:00:00.000Z""#),
        FunctionCase("DATE_SUBTRACT", #""2018-01-01", -1, "days""#, #""2018-01-02T00:00:00.000Z""#),
        FunctionCase("DATE_SUBTRACT", #""2018-01-01", 1, "y""#, #""2017-01-01T00:00:00.000Z""#),
        FunctionCase("DATE_DIFF", #""2016-01-01", "2017-01-01", "years""#, "1"),
        FunctionCase("DATE_DIFF", #""2016-01-01", "2017-01-01", "years", true"#, "1.0020739645577939"),
        FunctionCase("DATE_DIFF", #""2017-01-01", "2016-01-01", "days""#, "-366"),
        FunctionCase("DATE_DIFF", #""2016-01-01", "2016-01-08", "weeks""#, "1"),
        FunctionCase("DATE_DIFF", #""2016-01-01", "2016-03-01", "months""#, "2"),
        FunctionCase("DATE_DIFF", #"0, 1000, "s""#, "1"),
        FunctionCase("DATE_DIFF", #"0, 1500, "s", true"#, "1.5"),
        FunctionCase("DATE_DIFF", #"0, 1500, "s""#, "2"),
        FunctionCase("DATE_DIFF", #"0, -1500, "s""#, "-2"),
        FunctionCase("DATE_DIFF", #"0, 7200000, "h""#, "2"),
        FunctionCase("DATE_DIFF", #"0, 1, "x""#, warns: .queryInvalidDateValue),
        FunctionCase("DATE_DIFF", #"0, 1, "d", "yes""#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_DIFF", #"0, 1, 1"#, warns: .queryFunctionArgumentTypeMismatch),
        FunctionCase("DATE_COMPARE", #""1985-04-04", "2017-04-04", "months", "days""#, "true"),
        FunctionCase("DATE_COMPARE", #""1984-02-29", "1984-02-29", "months", "days""#, "true"),
        FunctionCase("DATE_COMPARE", #""2001-01-01T15:30:45.678Z", "2001-01-01T08:08:08.008Z", "years", "days""#, "true"),
        FunctionCase("DATE_COMPARE", #""2001-01-01T15:30:45.678Z", "2001-01-01T08:08:08.008Z", "years", "hours""#, "false"),
        FunctionCase("DATE_COMPARE", #""2001-01-01", "2002-01-01", "years""#, "false"),
        FunctionCase("DATE_COMPARE", #""2001-01-01", "2002-01-01", "months""#, "true"),
        FunctionCase("DATE_COMPARE", #""2001-01-01", "2001-01-01T00:00:00.001Z", "years", "f""#, "false"),
        FunctionCase("DATE_COMPARE", #""2001-01-01", "2002-01-01", "x""#, warns: .queryFunctionArgumentTypeMismatch),
    ]

    func testConstruction() { XCTAssertEqual(checkCases(Self.construction), 36) }

    func testComponents() { XCTAssertEqual(checkCases(Self.components), 30) }

    func testFormatting() { XCTAssertEqual(checkCases(Self.formatting), 26) }

    func testArithmetic() { XCTAssertEqual(checkCases(Self.arithmetic), 46) }

    func testDateNowIsTheCurrentTime() throws {
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let now = try XCTUnwrap(callFunction("DATE_NOW", []).intValue)
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        XCTAssertTrue((before - 1...after + 1).contains(now), "\(before) ≤ \(now) ≤ \(after)")
    }

    /// Every day of four centuries converts to a civil date and back, and
    /// weekdays advance by one.
    func testCalendarRoundTripsEveryDay() {
        let start = CivilCalendar.days(year: 1900, month: 1, day: 1)
        var weekday = CivilCalendar.weekday(start)
        for day in start..<(start + 146_097) {
            let (y, m, d) = CivilCalendar.civil(day)
            XCTAssertEqual(CivilCalendar.days(year: y, month: m, day: d), day)
            XCTAssertTrue((1...CivilCalendar.daysInMonth(year: y, month: m)).contains(d))
            XCTAssertEqual(CivilCalendar.weekday(day), weekday)
            weekday = (weekday + 1) % 7
        }
    }
}
