import Synchronization

/// Makes the `x-gdn-requestid` of each response: UUID-shaped (GDN sends
/// UUIDs), unique within the process without a system call per request —
/// 64 random bits drawn once, then a counter.
final class RequestIDGenerator: Sendable {
    /// `xxxxxxxx-xxxx-4xxx-` from the random bits.
    private let prefix: [UInt8]
    private let counter = Atomic<UInt64>(0)

    init() {
        var random = SystemRandomNumberGenerator()
        let digits = Self.hexDigits(random.next() as UInt64, count: 16)
        var prefix: [UInt8] = Array(digits[0..<8])
        prefix.append(UInt8(ascii: "-"))
        prefix += digits[8..<12]
        prefix += "-4".utf8
        prefix += digits[13..<16]
        prefix.append(UInt8(ascii: "-"))
        self.prefix = prefix
    }

    /// The next id: `xxxxxxxx-xxxx-4xxx-yyyy-yyyyyyyyyyyy`, the last two
    /// groups counting up.
    func next() -> String {
        let digits = Self.hexDigits(counter.wrappingAdd(1, ordering: .relaxed).newValue, count: 16)
        var bytes = prefix
        bytes.reserveCapacity(prefix.count + 17)
        bytes += digits[0..<4]
        bytes.append(UInt8(ascii: "-"))
        bytes += digits[4..<16]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` as `count` lowercase hex digits, most significant first.
    private static func hexDigits(_ value: UInt64, count: Int) -> [UInt8] {
        let alphabet = Array("0123456789abcdef".utf8)
        return (0..<count).map { i in alphabet[Int((value >> (UInt64(count - 1 - i) * 4)) & 0xF)] }
    }
}
