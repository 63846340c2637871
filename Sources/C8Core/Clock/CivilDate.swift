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

    /// The day number of a valid date (`civil(fromDays:)` backwards).
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Milliseconds since 1970 of `2026-11-22T04:05:06.789Z` — the form
    /// ``iso8601(milliseconds:)`` writes; a space for the `T`, fewer or no
    /// fraction digits and a missing `Z` are read too (all UTC). Nil for
    /// anything else.
    public static func milliseconds(iso8601 text: String) -> UInt64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var millisecond: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100
            while index < bytes.count, let digit = number(index..<(index + 1)) {
                millisecond += digit * scale
                scale /= 10
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "Z") { index += 1 }
        guard index == bytes.count else { return nil }
        let total = ((days(year: year, month: month, day: day) * 24 + hour) * 60 + minute) * 60 + second
        return total >= 0 ? UInt64(total * 1000 + millisecond) : nil
    }

    /// `2026-11-22T04:05:06.789Z` for milliseconds since 1970 (UTC).
    public static func iso8601(milliseconds: UInt64) -> String {
        var text: [UInt8] = []
        iso8601(milliseconds: milliseconds, into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends ``iso8601(milliseconds:)`` to `output` as UTF-8, allocating
    /// nothing of its own: every delivered stream message carries its
    /// publish time this way.
    public static func iso8601(milliseconds: UInt64, into output: inout [UInt8]) {
        let seconds = milliseconds / 1000
        let (year, month, day) = civil(fromDays: Int64(seconds / 86_400))
        let secondOfDay = Int64(seconds % 86_400)
        if year <= 9999 {
            // Every field has a fixed width before the year 10000: digits go
            // into room made once. A byte appended at a time cost ~1,400
            // instructions per delivered stream message.
            let start = output.count
            output.append(contentsOf: fixedWidthTemplate)
            output.withUnsafeMutableBufferPointer { out in
                func put(_ value: Int64, width: Int, at offset: Int) {
                    var value = value
                    for index in stride(from: start + offset + width - 1, through: start + offset, by: -1) {
                        out[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
                        value /= 10
                    }
                }
                put(year, width: 4, at: 0)
                put(month, width: 2, at: 5)
                put(day, width: 2, at: 8)
                put(secondOfDay / 3600, width: 2, at: 11)
                put(secondOfDay / 60 % 60, width: 2, at: 14)
                put(secondOfDay % 60, width: 2, at: 17)
                put(Int64(milliseconds % 1000), width: 3, at: 20)
            }
            return
        }
        append(year, width: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &output)
        output.append(UInt8(ascii: "."))
        append(Int64(milliseconds % 1000), width: 3, to: &output)
        output.append(UInt8(ascii: "Z"))
    }

    private static let fixedWidthTemplate = Array("0000-00-00T00:00:00.000Z".utf8)

    /// `value` in decimal, zero-padded to `width` digits (more if it needs them).
    private static func append(_ value: Int64, width: Int, to output: inout [UInt8]) {
        guard value >= 0 else {
            output.append(contentsOf: String(value).utf8)
            return
        }
        var digits = 1
        var divisor: Int64 = 1
        while value / divisor >= 10 {
            divisor *= 10
            digits += 1
        }
        for _ in digits..<max(width, digits) { output.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
