import Glibc
import Synchronization

/// The `Date` header's value (RFC 9110 §5.6.7 IMF-fixdate, `Sun, 06 Nov
/// 1994 08:49:37 GMT`), which an origin server with a clock must send.
/// Formatted at most once per second and shared, so a response pays a
/// clock read and a lock instead of a formatter.
public enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((second: Int.min, text: ""))

    /// The current time, formatted.
    public static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let second = Int(time.tv_sec)
        if let cached = cache.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = format(secondsSinceEpoch: second)
        cache.withLock { $0 = (second: second, text: text) }
        return text
    }

    /// `seconds` since 1970 in UTC, as an IMF-fixdate.
    public static func format(secondsSinceEpoch seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) GMT"
    }
}
