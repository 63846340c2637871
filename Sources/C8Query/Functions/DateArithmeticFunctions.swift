import C8Core

/// DATE_ADD, DATE_SUBTRACT, DATE_DIFF, DATE_COMPARE, DATE_TRUNC and
/// DATE_ROUND: calendar arithmetic with C8QL's date units.
enum DateArithmeticFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("DATE_ADD", 2...3, .date) { call in shift(call, subtract: false) },
        FunctionDefinition("DATE_SUBTRACT", 2...3, .date) { call in shift(call, subtract: true) },
        FunctionDefinition("DATE_DIFF", 3...4, .date) { call in difference(call) },
        FunctionDefinition("DATE_COMPARE", 3...4, .date) { call in compare(call) },
        FunctionDefinition("DATE_TRUNC", 2...2, .date) { call in
            guard let date = DateFunctions.date(call, 0) else { return .null }
            guard case .string(let name) = call[1] else { return call.invalidArgument() }
            guard let unit = DateUnit(name: name), unit != .week else { return call.warning(.queryInvalidDateValue) }
            return DateFunctions.iso8601(call, truncate(date, to: unit))
        },
        FunctionDefinition("DATE_ROUND", 3...3, .date) { call in
            guard let date = DateFunctions.date(call, 0) else { return .null }
            guard call[1].doubleValue != nil, case .string(let name) = call[2], let unit = DateUnit(exact: name),
                  let unitMilliseconds = unit.fixedMilliseconds, unit != .week, call.integer(1) > 0
            else { return call.invalidArgument() }
            let step = Int64(call.integer(1)) * unitMilliseconds
            // Integer division truncates toward zero, as ArangoDB's does.
            return DateFunctions.iso8601(call, UTCDateTime(milliseconds: date.milliseconds / step * step))
        },
    ]

    // MARK: DATE_ADD / DATE_SUBTRACT

    /// DATE_ADD(date, amount, unit) or DATE_ADD(date, isoDuration).
    ///
    /// Years and months move the calendar date (2018-01-31 + 1 month is
    /// 2018-02-31, which rolls over to 03-03); a fractional year continues
    /// as months (×12) and a fractional month as days (×30, ArangoDB's
    /// approximation); weeks and smaller units are fixed lengths, truncated
    /// to whole milliseconds. A negative amount moves the other way.
    private static func shift(_ call: FunctionCall, subtract: Bool) -> JSON {
        guard let date = DateFunctions.date(call, 0) else { return .null }
        let sign: Int64 = subtract ? -1 : 1
        if call.count == 3 {
            guard call[1].doubleValue != nil, case .string(let name) = call[2] else { return call.invalidArgument() }
            guard let unit = DateUnit(name: name) else { return call.warning(.queryInvalidDateValue) }
            return DateFunctions.iso8601(call, add(call.double(1) * Double(sign), unit, to: date,
                                                   isInteger: call[1].intValue != nil))
        }
        guard case .string(let text) = call[1] else { return call.invalidArgument() }
        guard let duration = ISODuration(text) else { return call.warning(.queryInvalidDateValue) }
        let moved = movingCalendar(date, months: sign * (duration.years * 12 + duration.months))
        return DateFunctions.iso8601(call, UTCDateTime(milliseconds: moved.milliseconds + sign * duration.fixedMilliseconds))
    }

    /// `date` with its calendar month moved, day and time kept (the day may
    /// roll over into the following month).
    static func movingCalendar(_ date: UTCDateTime, months: Int64) -> UTCDateTime {
        guard months != 0 else { return date }
        let (year, month, day) = CivilCalendar.civil(date.days)
        return UTCDateTime(days: CivilCalendar.days(year: year, month: month + months, day: day),
                           millisecondOfDay: date.millisecondOfDay)
    }

    private static func add(_ amount: Double, _ unit: DateUnit, to date: UTCDateTime, isInteger: Bool) -> UTCDateTime {
        var magnitude = abs(amount)
        let direction: Double = amount < 0 ? -1 : 1
        var moved = date
        var unit = unit
        if unit == .year {
            let whole = magnitude.rounded(.towardZero)
            moved = movingCalendar(moved, months: Int64(direction * whole) * 12)
            magnitude = (magnitude - whole) * 12
            unit = .month
            if isInteger || magnitude == 0 { return moved }
        }
        if unit == .month {
            let whole = magnitude.rounded(.towardZero)
            moved = movingCalendar(moved, months: Int64(direction * whole))
            magnitude = (magnitude - whole) * 30
            unit = .day
            if isInteger || magnitude == 0 { return moved }
        }
        let milliseconds = (direction * magnitude * Double(unit.fixedMilliseconds!)).rounded(.towardZero)
        guard milliseconds.magnitude < 1e17 else { return UTCDateTime(milliseconds: Int64(direction) * Int64(1e17)) }
        return UTCDateTime(milliseconds: moved.milliseconds + Int64(milliseconds))
    }

    // MARK: DATE_DIFF

    /// DATE_DIFF(date1, date2, unit[, asFloat]): date2 − date1 in `unit`;
    /// a year is 365.2425 days and a month a twelfth of that, as in
    /// ArangoDB. Without asFloat the result is rounded half away from zero.
    private static func difference(_ call: FunctionCall) -> JSON {
        guard let first = DateFunctions.date(call, 0), let second = DateFunctions.date(call, 1) else { return .null }
        guard case .string(let name) = call[2] else { return call.invalidArgument() }
        var asFloat = false
        if call.has(3) {
            guard case .bool(let b) = call[3] else { return call.invalidArgument() }
            asFloat = b
        }
        guard let unit = DateUnit(name: name) else { return call.warning(.queryInvalidDateValue) }
        let difference = Double(second.milliseconds - first.milliseconds) / unit.averageMilliseconds
        return asFloat ? .double(difference) : .int(Int64(difference.rounded(.toNearestOrAwayFromZero)))
    }

    // MARK: DATE_COMPARE

    /// DATE_COMPARE(date1, date2, unitRangeStart[, unitRangeEnd]): whether
    /// the dates agree in every component from the start unit down to the
    /// end unit (default: the start unit). An end unit larger than the
    /// start compares nothing below the start. Weeks are not a component.
    private static func compare(_ call: FunctionCall) -> JSON {
        guard let a = DateFunctions.date(call, 0), let b = DateFunctions.date(call, 1) else { return .null }
        guard let start = call[2].stringValue.flatMap(DateUnit.init(name:)), start != .week else { return call.invalidArgument() }
        var end = start
        if call.has(3) {
            guard let unit = call[3].stringValue.flatMap(DateUnit.init(name:)), unit != .week else { return call.invalidArgument() }
            end = unit
        }
        let components: [(DateUnit, (UTCDateTime) -> Int64)] = [
            (.year, \.year), (.month, \.month), (.day, \.day), (.hour, \.hour), (.minute, \.minute),
            (.second, \.second), (.millisecond, \.millisecond),
        ]
        for (unit, read) in components where unit <= start {
            if unit < end { break }
            if read(a) != read(b) { return false }
        }
        return true
    }

    // MARK: DATE_TRUNC

    static func truncate(_ date: UTCDateTime, to unit: DateUnit) -> UTCDateTime {
        let (year, month, _) = CivilCalendar.civil(date.days)
        switch unit {
        case .year: return UTCDateTime(days: CivilCalendar.days(year: year, month: 1, day: 1))
        case .month: return UTCDateTime(days: CivilCalendar.days(year: year, month: month, day: 1))
        default:
            let step = unit.fixedMilliseconds!
            return UTCDateTime(days: date.days, millisecondOfDay: date.millisecondOfDay / step * step)
        }
    }
}

/// C8QL's date units, ordered from the smallest: `f`/millisecond(s),
/// `s`/second(s), `i`/minute(s), `h`/hour(s), `d`/day(s), `w`/week(s),
/// `m`/month(s), `y`/year(s); names are case-insensitive.
enum DateUnit: Int, Comparable {
    case millisecond, second, minute, hour, day, week, month, year

    init?(name: String) {
        self.init(exact: name.lowercased())
    }

    /// The unit spelled exactly so (DATE_ROUND does not lower-case).
    init?(exact name: String) {
        switch name {
        case "f", "millisecond", "milliseconds": self = .millisecond
        case "s", "second", "seconds": self = .second
        case "i", "minute", "minutes": self = .minute
        case "h", "hour", "hours": self = .hour
        case "d", "day", "days": self = .day
        case "w", "week", "weeks": self = .week
        case "m", "month", "months": self = .month
        case "y", "year", "years": self = .year
        default: return nil
        }
    }

    /// The unit's length for the units that have a fixed one.
    var fixedMilliseconds: Int64? {
        switch self {
        case .millisecond: 1
        case .second: 1000
        case .minute: 60_000
        case .hour: 3_600_000
        case .day: 86_400_000
        case .week: 604_800_000
        case .month, .year: nil
        }
    }

    /// The length DATE_DIFF divides by: Gregorian averages for months and
    /// years.
    var averageMilliseconds: Double {
        switch self {
        case .year: 365.2425 * 86_400_000
        case .month: 365.2425 * 86_400_000 / 12
        default: Double(fixedMilliseconds!)
        }
    }

    static func < (a: DateUnit, b: DateUnit) -> Bool { a.rawValue < b.rawValue }
}
