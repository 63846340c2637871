/// A document's `_key`: 1–254 bytes of `[A-Za-z0-9_\-:.@()+,=;$!*'%]`.
///
/// The rule is ArangoDB's, which C8 keeps: keys appear unescaped in URLs
/// (`/document/{coll}/{key}`) and in `coll/key` handles, so they exclude `/`,
/// whitespace, `?`, `#` and anything outside ASCII. Holding a `DocumentKey`
/// means the string was checked once, at the boundary.
public struct DocumentKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The longest key, in bytes.
    public static let maximumLength = 254

    /// The key text.
    public let rawValue: String

    /// Validates `rawValue`; throws 1221 (illegal document key) if it breaks the rule.
    public init(_ rawValue: String) throws(C8Error) {
        try Self.validate(rawValue)
        self.rawValue = rawValue
    }

    /// Nil instead of an error, for callers that branch rather than report.
    public init?(validating rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Whether `key` is a legal `_key`.
    public static func isValid(_ key: String) -> Bool {
        key.utf8.withContiguousStorageIfAvailable { isValid(utf8: $0) } ?? isValid(utf8: key.utf8)
    }

    /// Whether the bytes form a legal `_key`; lets handle parsing check a
    /// slice without copying it into a new string.
    static func isValid<Bytes: Collection>(utf8 bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var count = 0
        for byte in bytes {
            count += 1
            if count > maximumLength || !isAllowed(byte) { return false }
        }
        return count > 0
    }

    /// Throws 1221 (illegal document key) unless `key` is legal.
    public static func validate(_ key: String) throws(C8Error) {
        guard isValid(key) else { throw C8Error(.documentKeyBad) }
    }

    /// Whether `byte` may appear in a key. A 128-bit membership table: the
    /// check runs for every byte of every key written, so it avoids sets.
    @inline(__always)
    static func isAllowed(_ byte: UInt8) -> Bool {
        if byte >= 128 { return false }
        let word = byte < 64 ? allowedLow : allowedHigh
        return word & (1 << UInt64(byte & 63)) != 0
    }

    // Literals, not `bits(in:)` of the list: a static computed at run time
    // is initialized lazily, and every byte checked then went through its
    // accessor (~430 instructions for a 6-byte key; 4 % of a graph walk,
    // which checks each reached vertex's key). A test holds them to the list.
    static let allowedLow: UInt64 = 0x2FFF_7FB2_0000_0000
    static let allowedHigh: UInt64 = 0x07FF_FFFE_87FF_FFFF

    /// Letters, digits and the punctuation ArangoDB allows in keys.
    private static let allowedCharacters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:.@()+,=;$!*'%"

    static func bits(in range: Range<UInt8>) -> UInt64 {
        var word: UInt64 = 0
        for byte in allowedCharacters.utf8 where range.contains(byte) {
            word |= 1 << UInt64(byte - range.lowerBound)
        }
        return word
    }

    public var description: String { rawValue }

    /// Byte order, the order of the primary index.
    public static func < (lhs: DocumentKey, rhs: DocumentKey) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}
