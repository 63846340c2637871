/// The four key generators a collection can be created with, as named in
/// `keyOptions.type`.
public enum KeyGeneratorType: String, CaseIterable, Sendable {
    /// Increasing decimal numbers with gaps (ArangoDB's default).
    case traditional
    /// `offset`, then steps of `increment`.
    case autoincrement
    /// Random RFC 4122 version-4 UUIDs.
    case uuid
    /// 16 hex digits, so that string order is insertion order.
    case padded
}

/// A collection's `keyOptions`: how its keys are made, and the generator
/// state to persist (`lastValue`).
///
/// Construction validates and the fields are constants, so a `KeyOptions`
/// value is always usable to build a generator. Like ArangoDB, `increment`
/// and `offset` only mean something to `autoincrement`; the other types
/// ignore them (not an error) and keep the defaults 1 and 0.
public struct KeyOptions: Hashable, Sendable {
    /// The largest `increment` ArangoDB allows (2^16 − 1).
    public static let maximumIncrement: UInt64 = 65_535

    public let type: KeyGeneratorType
    /// Whether inserts may supply their own `_key` (else 1222).
    public let allowUserKeys: Bool
    /// The step of an autoincrement generator, 1…65535.
    public let increment: UInt64
    /// The first key of an autoincrement generator.
    public let offset: UInt64
    /// The generator's persisted state: the highest numeric key handed out
    /// or seen (0 for uuid). Restoring a generator from it keeps new keys
    /// above every old one across restarts.
    public let lastValue: UInt64

    /// ArangoDB's defaults: traditional keys, user keys allowed.
    public static let `default` = KeyOptions(validated: .traditional, allowUserKeys: true,
                                             increment: 1, offset: 0, lastValue: 0)

    /// Throws 1232 (invalid key generator) when `increment` is outside
    /// 1…65535 or `offset` is `UInt64.max` (no key could ever follow it), for
    /// an autoincrement generator.
    public init(
        type: KeyGeneratorType = .traditional, allowUserKeys: Bool = true,
        increment: UInt64 = 1, offset: UInt64 = 0, lastValue: UInt64 = 0
    ) throws(C8Error) {
        if type == .autoincrement {
            guard increment >= 1, increment <= Self.maximumIncrement else {
                throw C8Error(.invalidKeyGenerator,
                              "increment value must be greater than zero and smaller than 65536 "
                                  + "for autoincrement key generator")
            }
            guard offset < UInt64.max else {
                throw C8Error(.invalidKeyGenerator, "offset value is too high")
            }
        }
        let isAutoincrement = type == .autoincrement
        self.init(validated: type, allowUserKeys: allowUserKeys, increment: isAutoincrement ? increment : 1,
                  offset: isAutoincrement ? offset : 0, lastValue: lastValue)
    }

    /// The same options with another persisted state; what a generator
    /// reports after handing out keys.
    public func with(lastValue: UInt64) -> KeyOptions {
        KeyOptions(validated: type, allowUserKeys: allowUserKeys, increment: increment,
                   offset: offset, lastValue: lastValue)
    }

    private init(validated type: KeyGeneratorType, allowUserKeys: Bool,
                 increment: UInt64, offset: UInt64, lastValue: UInt64) {
        self.type = type
        self.allowUserKeys = allowUserKeys
        self.increment = increment
        self.offset = offset
        self.lastValue = lastValue
    }
}
