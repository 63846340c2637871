/// ArangoDB's default generator: increasing decimal numbers (`"1"`, `"2"`,
/// …, or sparser when fed by a shared tick source).
///
/// Numeric user keys are tracked, so a generated key never collides with a
/// number a user already used.
public final class TraditionalKeyGenerator: KeyGenerator {
    private let counter: MonotonicCounter
    private let baseOptions: KeyOptions

    /// Restores from `options.lastValue`; `tickSource` optionally supplies a
    /// floor for each key (a server-wide tick, as in ArangoDB).
    public init(options: KeyOptions = .default, tickSource: KeyTickSource? = nil, site: ClockSite = .only) {
        baseOptions = options
        counter = MonotonicCounter(lastValue: options.lastValue, tickSource: tickSource, site: site)
    }

    public var lastValue: UInt64 { counter.value }
    public var options: KeyOptions { baseOptions.with(lastValue: lastValue) }

    public func generate() throws(C8Error) -> DocumentKey {
        guard let value = counter.next() else { throw C8Error(.outOfKeys) }
        return DocumentKey(unchecked: String(value))
    }

    public func track(userKey: DocumentKey) {
        if let value = userKey.decimalValue { counter.track(value) }
    }
}
