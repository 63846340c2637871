/// DATE_FORMAT's placeholders, ArangoDB's `formatDate`.
///
/// At each `%` the placeholders are tried in ArangoDB's order (longest
/// spellings first, so `%yyyy` wins over `%yy` and `%y`); `%&` prints
/// nothing (to write `%m` followed by a literal "m": `%m%&m`), and a `%`
/// that starts no placeholder is dropped.
enum DateFormatPattern {
    private typealias Placeholder = (token: String, render: @Sendable (UTCDateTime) -> String)

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]
    private static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    private static let placeholders: [Placeholder] = [
        ("%&", { _ in "" }),
        ("%yyyyyy", { d in
            d.year < 0 ? UTCDateTime.pad(d.year, 6) : (d.year > 99999 ? String(d.year) : "+" + UTCDateTime.pad(d.year, 6))
        }),
        ("%mmmm", { d in monthNames[Int(d.month) - 1] }),
        ("%yyyy", { d in UTCDateTime.pad(d.year, 4) }),
        ("%wwww", { d in weekdayNames[Int(d.weekday)] }),
        ("%mmm", { d in String(monthNames[Int(d.month) - 1].prefix(3)) }),
        ("%www", { d in String(weekdayNames[Int(d.weekday)].prefix(3)) }),
        ("%fff", { d in UTCDateTime.pad(d.millisecond, 3) }),
        ("%xxx", { d in UTCDateTime.pad(d.dayOfYear, 3) }),
        ("%yy", { d in String(UTCDateTime.pad(abs(d.year), 2).suffix(2)) }),
        ("%mm", { d in UTCDateTime.pad(d.month, 2) }),
        ("%dd", { d in UTCDateTime.pad(d.day, 2) }),
        ("%hh", { d in UTCDateTime.pad(d.hour, 2) }),
        ("%ii", { d in UTCDateTime.pad(d.minute, 2) }),
        ("%ss", { d in UTCDateTime.pad(d.second, 2) }),
        ("%kk", { d in UTCDateTime.pad(d.isoWeek.week, 2) }),
        ("%t", { d in String(d.milliseconds) }),
        ("%z", { d in d.iso8601 }),
        ("%w", { d in String(d.weekday) }),
        ("%y", { d in String(d.year) }),
        ("%m", { d in String(d.month) }),
        ("%d", { d in String(d.day) }),
        ("%h", { d in String(d.hour) }),
        ("%i", { d in String(d.minute) }),
        ("%s", { d in String(d.second) }),
        ("%f", { d in String(d.millisecond) }),
        ("%x", { d in String(d.dayOfYear) }),
        ("%k", { d in String(d.isoWeek.week) }),
        ("%l", { d in d.isLeapYear ? "1" : "0" }),
        ("%q", { d in String(d.quarter) }),
        ("%a", { d in String(d.daysInMonth) }),
        ("%%", { _ in "%" }),
        ("%", { _ in "" }),
    ]

    static func format(_ date: UTCDateTime, _ pattern: String) -> String {
        var output = ""
        var rest = Substring(pattern)
        while let percent = rest.firstIndex(of: "%") {
            output += rest[..<percent]
            rest = rest[percent...]
            let placeholder = placeholders.first { rest.hasPrefix($0.token) }!  // "%" always matches
            output += placeholder.render(date)
            rest = rest.dropFirst(placeholder.token.count)
        }
        return output + rest
    }
}
