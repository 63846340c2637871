import Dispatch

/// The 100-byte payloads of `c8 bench streams`: printable ASCII, the send
/// time (monotonic ns, 20 digits) first, then filler — so the consumer can
/// take publish→deliver latency from the payload alone.
enum StreamBenchPayload {
    static let size = 100
    private static let digits = 20

    /// A payload stamped with the current monotonic time.
    static func stamped() -> [UInt8] { stamped(at: now()) }

    static func stamped(at nanoseconds: UInt64) -> [UInt8] {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        var value = nanoseconds
        for i in stride(from: digits - 1, through: 0, by: -1) {
            bytes[i] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        bytes[digits] = UInt8(ascii: ";")
        return bytes
    }

    /// The send time a payload carries, or nil for one this did not make.
    static func sendTime(of payload: [UInt8]) -> UInt64? {
        guard payload.count >= digits else { return nil }
        var value: UInt64 = 0
        for i in 0..<digits {
            let byte = payload[i]
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + UInt64(byte - 48)
        }
        return value
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
