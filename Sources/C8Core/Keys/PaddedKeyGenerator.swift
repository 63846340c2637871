/// Keys of exactly 16 lowercase hex digits (`"0000000000000001"`), strictly
/// increasing, so that the primary index's byte order is insertion order —
/// what range scans over "the newest documents" rely on.
///
/// User keys in the same format are tracked; others cannot collide with
/// generated keys and are left alone.
public final class PaddedKeyGenerator: KeyGenerator {
    /// Every key has this many characters (64 bits in hex).
    public static let width = 16

    private let counter: MonotonicCounter
    private let baseOptions: KeyOptions

    public init(options: KeyOptions = .default, tickSource: KeyTickSource? = nil, site: ClockSite = .only) {
        baseOptions = options
        counter = MonotonicCounter(lastValue: options.lastValue, tickSource: tickSource, site: site)
    }

    public var lastValue: UInt64 { counter.value }
    public var options: KeyOptions { baseOptions.with(lastValue: lastValue) }

    public func generate() throws(C8Error) -> DocumentKey {
        guard let value = counter.next() else { throw C8Error(.outOfKeys) }
        return DocumentKey(unchecked: Self.encode(value))
    }

    public func track(userKey: DocumentKey) {
        if let value = Self.decode(userKey.rawValue) { counter.track(value) }
    }

    /// `value` as 16 lowercase hex digits.
    public static func encode(_ value: UInt64) -> String {
        let hex = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: width - hex.utf8.count) + hex
    }

    /// The value of a key in the padded format; nil for anything else.
    public static func decode(_ key: String) -> UInt64? {
        let bytes = key.utf8
        guard bytes.count == width,
              bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return UInt64(key, radix: 16)
    }
}
