/// Messages and bytes per second over the last few seconds, for stats.
///
/// Counts go into one-second buckets; a rate is the sum of the buckets of
/// the window divided by its length, so an idle stream's rate falls to 0
/// once the window has passed.
struct RateMeter {
    static let windowSeconds: UInt64 = 5

    private var buckets = [(second: UInt64, messages: Int, bytes: Int)](
        repeating: (UInt64.max, 0, 0), count: Int(RateMeter.windowSeconds))
    private(set) var totalMessages = 0
    private(set) var totalBytes = 0

    mutating func record(messages: Int = 1, bytes: Int, now milliseconds: UInt64) {
        let second = milliseconds / 1000
        let slot = Int(second % Self.windowSeconds)
        if buckets[slot].second != second { buckets[slot] = (second, 0, 0) }
        buckets[slot].messages += messages
        buckets[slot].bytes += bytes
        totalMessages += messages
        totalBytes += bytes
    }

    /// (messages/s, bytes/s) over the window ending at `milliseconds`.
    func rates(now milliseconds: UInt64) -> (messages: Double, bytes: Double) {
        let second = milliseconds / 1000
        var messages = 0
        var bytes = 0
        for bucket in buckets where bucket.second != UInt64.max && bucket.second <= second
            && second - bucket.second < Self.windowSeconds {
            messages += bucket.messages
            bytes += bucket.bytes
        }
        let window = Double(Self.windowSeconds)
        return (Double(messages) / window, Double(bytes) / window)
    }
}
