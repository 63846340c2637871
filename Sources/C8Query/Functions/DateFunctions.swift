import C8Core
import Foundation

/// C8QL's date functions, all in UTC. A date argument is a millisecond
/// timestamp (0000-01-01 … 9999-12-31) or an ISO 8601 string
/// (``DateParser``); an invalid one makes warning 1572 and a null result,
/// any other type warning 1542.
enum DateFunctions {
    static let definitions: [FunctionDefinition] = components + constructors + DateArithmeticFunctions.definitions

    private static let components: [FunctionDefinition] = [
        component("DATE_DAYOFWEEK") { .int($0.weekday) },
        component("DATE_YEAR") { .int($0.year) },
        component("DATE_MONTH") { .int($0.month) },
        component("DATE_DAY") { .int($0.day) },
        component("DATE_HOUR") { .int($0.hour) },
        component("DATE_MINUTE") { .int($0.minute) },
        component("DATE_SECOND") { .int($0.second) },
        component("DATE_MILLISECOND") { .int($0.millisecond) },
        component("DATE_DAYOFYEAR") { .int($0.dayOfYear) },
        component("DATE_ISOWEEK") { .int($0.isoWeek.week) },
        component("DATE_ISOWEEKYEAR") { ["week": .int($0.isoWeek.week), "year": .int($0.isoWeek.year)] },
        component("DATE_LEAPYEAR") { .bool($0.isLeapYear) },
        component("DATE_QUARTER") { .int($0.quarter) },
        component("DATE_DAYS_IN_MONTH") { .int($0.daysInMonth) },
        FunctionDefinition("DATE_FORMAT", 2...2, .date) { call in
            guard let date = date(call, 0) else { return .null }
            guard case .string(let pattern) = call[1] else { return call.invalidArgument() }
            return .string(DateFormatPattern.format(date, pattern))
        },
    ]

    private static let constructors: [FunctionDefinition] = [
        FunctionDefinition("DATE_NOW", 0...0, .date) { _ in .int(Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) },
        FunctionDefinition("DATE_TIMESTAMP", 1...7, .date) { call in
            construct(call).map { .int($0.milliseconds) } ?? .null
        },
        FunctionDefinition("DATE_ISO8601", 1...7, .date) { call in
            construct(call).map { iso8601(call, $0) } ?? .null
        },
    ]

    /// A function of one date argument.
    private static func component(_ name: String, _ read: @escaping @Sendable (UTCDateTime) -> JSON) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .date) { call in date(call, 0).map(read) ?? .null }
    }

    // MARK: Shared argument handling

    /// The date argument at `index`, or nil after the warning ArangoDB's
    /// `parameterToTimePoint` records.
    static func date(_ call: FunctionCall, _ index: Int) -> UTCDateTime? {
        switch call[index] {
        case .int, .double:
            let milliseconds = Int64(call.integer(index))
            guard (UTCDateTime.earliest...UTCDateTime.latest).contains(milliseconds) else {
                _ = call.warning(.queryInvalidDateValue)
                return nil
            }
            return UTCDateTime(milliseconds: milliseconds)
        case .string(let text):
            guard let milliseconds = DateParser.parse(text) else {
                _ = call.warning(.queryInvalidDateValue)
                return nil
            }
            return UTCDateTime(milliseconds: milliseconds)
        default:
            _ = call.invalidArgument()
            return nil
        }
    }

    /// A date as ISO 8601 text; a year outside 0…9999 warns 1572.
    static func iso8601(_ call: FunctionCall, _ date: UTCDateTime) -> JSON {
        guard date.isPrintable else { return call.warning(.queryInvalidDateValue) }
        return .string(date.iso8601)
    }

    /// DATE_TIMESTAMP/DATE_ISO8601: one date argument, or year, month, day
    /// [, hour, minute, second, millisecond] as numbers or numeric strings.
    /// Negative parts and years beyond 0…9999 are invalid (1572);
    /// milliseconds are capped at 999; larger hours, minutes, seconds and
    /// days carry over, as in ArangoDB.
    private static func construct(_ call: FunctionCall) -> UTCDateTime? {
        if call.count == 1 { return date(call, 0) }
        guard call.count >= 3, call.arguments.allSatisfy({ $0.doubleValue != nil || $0.stringValue != nil }) else {
            _ = call.invalidArgument()
            return nil
        }
        let parts = (0..<7).map { Int64(call.integer($0)) }
        let (year, month, day, hour, minute, second) = (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
        let millisecond = min(parts[6], 999)
        guard (0...9999).contains(year), month >= 0, day >= 0, hour >= 0, minute >= 0, second >= 0, millisecond >= 0,
              max(hour, minute, second) < 1_000_000_000_000
        else {
            _ = call.warning(.queryInvalidDateValue)
            return nil
        }
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return UTCDateTime(days: days, millisecondOfDay: ((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }
}
