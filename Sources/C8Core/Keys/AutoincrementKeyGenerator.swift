import Synchronization

/// Keys `offset`, `offset + increment`, `offset + 2·increment`, … as decimal
/// strings — ArangoDB's `autoincrement`.
///
/// The next key is always the first number of that sequence above
/// ``lastValue``, so after a user inserts a larger numeric key the
/// generator continues past it, still on the sequence. As in ArangoDB, user
/// keys must then be all digits (else 1221). With `offset` 0 the first key
/// is `increment`: 0 itself is never handed out.
public final class AutoincrementKeyGenerator: KeyGenerator {
    public let increment: UInt64
    public let offset: UInt64
    private let baseOptions: KeyOptions
    private let last: Mutex<UInt64>

    /// Restores from `options.lastValue`. `options` need not be of type
    /// autoincrement (its increment and offset are then 1 and 0).
    public init(options: KeyOptions) {
        baseOptions = options
        increment = options.increment
        offset = options.offset
        last = Mutex(options.lastValue)
    }

    public var lastValue: UInt64 { last.withLock { $0 } }
    public var options: KeyOptions { baseOptions.with(lastValue: lastValue) }

    public func generate() throws(C8Error) -> DocumentKey {
        let value: UInt64? = last.withLock { last in
            guard let next = Self.successor(of: last, increment: increment, offset: offset) else { return nil }
            last = next
            return next
        }
        guard let value else { throw C8Error(.outOfKeys) }
        return DocumentKey(unchecked: String(value))
    }

    public func validateFormat(of userKey: DocumentKey) throws(C8Error) {
        guard userKey.rawValue.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw C8Error(.documentKeyBad)
        }
    }

    public func track(userKey: DocumentKey) {
        guard let value = userKey.decimalValue else { return }
        last.withLock { last in last = max(last, value) }
    }

    /// The first sequence member above `last`; nil past `UInt64.max`.
    static func successor(of last: UInt64, increment: UInt64, offset: UInt64) -> UInt64? {
        if last < offset { return offset }
        let step = increment - (last - offset) % increment
        let (next, overflow) = last.addingReportingOverflow(step)
        return overflow || next == UInt64.max ? nil : next
    }
}
