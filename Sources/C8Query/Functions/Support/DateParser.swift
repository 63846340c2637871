/// ArangoDB's ISO 8601 date-time reader (`basics::parseDateTime`), byte for
/// byte: `YYYY[-MM[-DD]][(T| )HH:MM[:SS[.fff…]]][Z|±HH:MM]`, surrounding
/// whitespace and a leading `+` allowed, no negative years, more than four
/// year digits only as leading zeros, fractions cut to milliseconds. Days
/// up to 31 are accepted in every month (and roll over, 02-31 is 03-03).
enum DateParser {
    /// Milliseconds since the epoch, or nil when `text` is not a date.
    static func parse(_ text: String) -> Int64? {
        var reader = Reader(Array(text.utf8))
        return reader.parse()
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0
        var end: Int

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            end = bytes.count
        }

        private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

        private func peek(_ c: Character) -> Bool { i < end && bytes[i] == c.asciiValue! }

        /// Digits at the cursor: (value, count); consumes them. Values are
        /// capped well above any valid field so long runs cannot overflow.
        private mutating func number() -> (value: Int64, length: Int) {
            var value: Int64 = 0
            let start = i
            while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if value < 1_000_000_000 { value = value * 10 + Int64(bytes[i] - 0x30) }
                i += 1
            }
            return (value, i - start)
        }

        /// A field of one or two digits within `range`.
        private mutating func field(_ range: ClosedRange<Int64>) -> Int64? {
            let (value, length) = number()
            guard (1...2).contains(length), range.contains(value) else { return nil }
            return value
        }

        mutating func parse() -> Int64? {
            while i < end, Self.isSpace(bytes[i]) { i += 1 }
            if peek("+") { i += 1 } else if peek("-") { return nil }
            while end > i, Self.isSpace(bytes[end - 1]) { end -= 1 }

            let yearStart = i
            let (year, yearLength) = number()
            guard yearLength > 0, year <= 9999 else { return nil }
            if yearLength > 4 {
                var zeros = 0
                while bytes[yearStart + zeros] == 0x30 { zeros += 1 }
                guard yearLength - zeros <= 4 else { return nil }
            }
            var month: Int64 = 1
            var day: Int64 = 1
            if peek("-") {
                i += 1
                guard let m = field(1...12) else { return nil }
                month = m
                if peek("-") {
                    i += 1
                    guard let d = field(1...31) else { return nil }
                    day = d
                }
            }
            var millisecondOfDay: Int64 = 0
            if peek("T") || peek(" ") {
                i += 1
                guard let hour = field(0...23), peek(":") else { return nil }
                i += 1
                guard let minute = field(0...59) else { return nil }
                millisecondOfDay = hour * 3_600_000 + minute * 60_000
                if peek(":") {
                    i += 1
                    guard let second = field(0...59) else { return nil }
                    millisecondOfDay += second * 1000
                    if peek(".") {
                        i += 1
                        let fractionStart = i
                        let (_, length) = number()
                        guard length > 0 else { return nil }
                        var millis: Int64 = 0
                        for k in 0..<3 {
                            millis *= 10
                            if k < length { millis += Int64(bytes[fractionStart + k] - 0x30) }
                        }
                        millisecondOfDay += millis
                    }
                }
            }
            var offsetMinutes: Int64 = 0
            if peek("z") || peek("Z") {
                i += 1
            } else if peek("+") || peek("-") {
                let sign: Int64 = peek("+") ? 1 : -1
                i += 1
                guard let hours = field(0...23), peek(":") else { return nil }
                i += 1
                guard let minutes = field(0...59) else { return nil }
                offsetMinutes = sign * (hours * 60 + minutes)
            }
            guard i == end else { return nil }
            let local = UTCDateTime(days: CivilCalendar.days(year: year, month: month, day: day),
                                    millisecondOfDay: millisecondOfDay)
            let utc = UTCDateTime(milliseconds: local.milliseconds - offsetMinutes * 60_000)
            if offsetMinutes != 0, !utc.isPrintable { return nil }
            return utc.milliseconds
        }
    }
}
