/// Dates of the proleptic Gregorian calendar from day numbers (days since
/// 1970-01-01), after Howard Hinnant's `civil_from_days` — the algorithm of
/// the `date` library ArangoDB uses — and the ISO 8601 UTC form every
/// timestamp the platform prints takes. By hand rather than through
/// Foundation's formatters because stream deliveries format one per message.
public enum CivilDate {
    /// Year, month (1…12) and day (1…31) of a day number.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `2026-11-22T04:05:06.789Z` for milliseconds since 1970 (UTC).
    public static func iso8601(milliseconds: UInt64) -> String {
        let seconds = milliseconds / 1000
        let (year, month, day) = civil(fromDays: Int64(seconds / 86_400))
        let secondOfDay = Int64(seconds % 86_400)
        var text = ""
        text.reserveCapacity(24)
        append(year, width: 4, to: &text)
        text.append("-")
        append(month, width: 2, to: &text)
        text.append("-")
        append(day, width: 2, to: &text)
        text.append("T")
        append(secondOfDay / 3600, width: 2, to: &text)
        text.append(":")
        append(secondOfDay / 60 % 60, width: 2, to: &text)
        text.append(":")
        append(secondOfDay % 60, width: 2, to: &text)
        text.append(".")
        append(Int64(milliseconds % 1000), width: 3, to: &text)
        text.append("Z")
        return text
    }

    private static func append(_ value: Int64, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.utf8.count < width { text.append(String(repeating: "0", count: width - digits.utf8.count)) }
        text.append(digits)
    }
}
