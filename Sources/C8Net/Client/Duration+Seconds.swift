extension Duration {
    /// Seconds as a `Double`, for Dispatch deadlines.
    var secondsAsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds for `poll(2)`, rounded up so a short positive
    /// timeout never becomes a non-blocking poll, capped at `Int32.max`.
    var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        if millis.overflow || millis.partialValue > Int64(Int32.max) { return Int32.max }
        let rest = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(millis.partialValue + rest, Int64(Int32.max)))
    }
}
