import C8Core
import Foundation

/// Message times as the tail shows them, and the times `:replay` reads,
/// in one time zone (the user's; tests pin UTC so screens are stable).
///
/// Formatting is arithmetic on milliseconds rather than a DateFormatter:
/// it runs once per arriving message, thousands of times a second on a
/// busy stream.
public struct TailClock: Sendable, Equatable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
    }

    /// `10:00:01.234` in the clock's zone.
    public func timeOfDay(_ milliseconds: UInt64) -> String {
        let local = localMilliseconds(milliseconds)
        let ofDay = Int(((local % 86_400_000) + 86_400_000) % 86_400_000)
        return Self.pad(ofDay / 3_600_000) + ":" + Self.pad(ofDay / 60_000 % 60) + ":" + Self.pad(ofDay / 1000 % 60)
            + "." + Self.pad(ofDay % 1000, width: 3)
    }

    /// `2026-11-22 10:00:01.234` in the clock's zone.
    public func dateAndTime(_ milliseconds: UInt64) -> String {
        let local = localMilliseconds(milliseconds)
        let days = Int((local - (((local % 86_400_000) + 86_400_000) % 86_400_000)) / 86_400_000)
        let (year, month, day) = CivilDate.civil(fromDays: Int64(days))
        return "\(year)-\(Self.pad(Int(month)))-\(Self.pad(Int(day))) " + timeOfDay(milliseconds)
    }

    /// Reads `2026-11-22T10:00`, `2026-11-22 10:00:05`, `2026-11-22T10:00:05.5`
    /// or `2026-11-22` in the clock's zone (a trailing `Z` means UTC) as
    /// milliseconds since 1970; nil for anything else.
    public func parse(_ text: String) -> UInt64? {
        var text = text.trimmingCharacters(in: .whitespaces)
        var zone = timeZone
        if text.hasSuffix("Z") || text.hasSuffix("z") {
            text.removeLast()
            zone = TimeZone(identifier: "UTC")!
        }
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " }).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, let year = date[0], let month = date[1], let day = date[2],
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var fraction = 0.0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(time.count), let hour = Int(time[0]), let minute = Int(time[1]),
                  (0...23).contains(hour), (0...59).contains(minute) else { return nil }
            components.hour = hour
            components.minute = minute
            if time.count == 3 {
                guard let seconds = Double(time[2]), (0..<61).contains(seconds) else { return nil }
                components.second = Int(seconds)
                fraction = seconds - Double(Int(seconds))
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let instant = calendar.date(from: components), calendar.component(.day, from: instant) == day else { return nil }
        let milliseconds = (instant.timeIntervalSince1970 + fraction) * 1000
        return milliseconds >= 0 ? UInt64(milliseconds.rounded()) : nil
    }

    private func localMilliseconds(_ milliseconds: UInt64) -> Int64 {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return Int64(milliseconds) + Int64(offset) * 1000
    }

    private static func pad(_ n: Int, width: Int = 2) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
