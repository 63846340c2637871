import Foundation

/// How transfer output spells numbers: counts with thousands separators
/// (`1,000,000`), durations with two decimals, rates as whole numbers.
enum NumberText {
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.2f s", value)
    }

    /// Items per second; 0 when no time has passed.
    static func rate(_ items: Int, seconds: Double) -> String {
        count(seconds > 0 ? Int((Double(items) / seconds).rounded()) : 0)
    }

    /// `0:07`, `12:30`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded()))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let tail = String(format: "%02d", secs)
        return hours > 0 ? String(format: "%d:%02d:", hours, minutes) + tail : "\(minutes):" + tail
    }
}
