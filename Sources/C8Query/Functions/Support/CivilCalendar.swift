import C8Core

/// Proleptic Gregorian calendar arithmetic on day numbers (days since
/// 1970-01-01), after Howard Hinnant's `days_from_civil` /
/// `civil_from_days` — the algorithms behind the `date` library ArangoDB
/// uses, so results agree day for day. All of C8QL's date handling is UTC.
enum CivilCalendar {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The day number of a date. Months outside 1…12 roll over into
    /// neighbouring years and days beyond the month's end (or below 1) roll
    /// into neighbouring months, as in the `date` library's conversion of
    /// an invalid `year_month_day` (2019-02-31 is 2019-03-03).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let monthIndex = month - 1
        let y0 = year + floorDivide(monthIndex, 12)
        let m = monthIndex - floorDivide(monthIndex, 12) * 12 + 1  // 1…12
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let monthFromMarch = m > 2 ? m - 3 : m + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 + (day - 1)
    }

    /// Year, month (1…12) and day (1…31) of a day number.
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        CivilDate.civil(fromDays: days)
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    static func weekday(_ days: Int64) -> Int64 {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The ISO 8601 week-numbering year and week (1…53) of a day: weeks
    /// start on Monday and week 1 holds the year's first Thursday.
    static func isoWeek(_ days: Int64) -> (year: Int64, week: Int64) {
        let isoWeekday = (weekday(days) + 6) % 7  // Monday 0 … Sunday 6
        let thursday = days - isoWeekday + 3
        let year = civil(thursday).year
        let firstDay = Self.days(year: year, month: 1, day: 1)
        return (year, (thursday - firstDay) / 7 + 1)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// A point in time as C8QL's date functions see it: milliseconds since the
/// Unix epoch, read in UTC.
struct UTCDateTime: Equatable {
    /// 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the range
    /// ArangoDB accepts for timestamps and prints as ISO 8601.
    static let earliest: Int64 = -62_167_219_200_000
    static let latest: Int64 = 253_402_300_799_999

    let milliseconds: Int64

    init(milliseconds: Int64) { self.milliseconds = milliseconds }

    init(days: Int64, millisecondOfDay: Int64 = 0) {
        milliseconds = days * CivilCalendar.millisecondsPerDay + millisecondOfDay
    }

    var days: Int64 { CivilCalendar.floorDivide(milliseconds, CivilCalendar.millisecondsPerDay) }
    var millisecondOfDay: Int64 { milliseconds - days * CivilCalendar.millisecondsPerDay }

    var year: Int64 { CivilCalendar.civil(days).year }
    var month: Int64 { CivilCalendar.civil(days).month }
    var day: Int64 { CivilCalendar.civil(days).day }
    var hour: Int64 { millisecondOfDay / 3_600_000 }
    var minute: Int64 { millisecondOfDay / 60_000 % 60 }
    var second: Int64 { millisecondOfDay / 1000 % 60 }
    var millisecond: Int64 { millisecondOfDay % 1000 }
    var weekday: Int64 { CivilCalendar.weekday(days) }
    var dayOfYear: Int64 { days - CivilCalendar.days(year: year, month: 1, day: 1) + 1 }
    var quarter: Int64 { (month + 2) / 3 }
    var isLeapYear: Bool { CivilCalendar.isLeapYear(year) }
    var daysInMonth: Int64 { CivilCalendar.daysInMonth(year: year, month: month) }
    var isoWeek: (year: Int64, week: Int64) { CivilCalendar.isoWeek(days) }

    /// Whether ISO 8601 output can show the year (0…9999).
    var isPrintable: Bool { (0...9999).contains(year) }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`; only meaningful when ``isPrintable``.
    var iso8601: String {
        let (y, m, d) = CivilCalendar.civil(days)
        return Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2) + "T" + Self.pad(hour, 2) + ":"
            + Self.pad(minute, 2) + ":" + Self.pad(second, 2) + "." + Self.pad(millisecond, 3) + "Z"
    }

    /// `value` with leading zeros to `width` digits (the sign, if any, first).
    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
