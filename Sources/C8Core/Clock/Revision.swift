/// A document revision (`_rev`): a ``HybridTimestamp`` written as 11
/// characters over a 64-character alphabet in ASCII order.
///
/// Fixed width plus an ASCII-ordered alphabet make string order equal time
/// order, so revisions compare correctly as plain strings — in indexes, in
/// C8QL, in clients. (ArangoDB's own encoding drops leading zeros and uses a
/// non-sorted alphabet, so its `_rev` strings do not sort; this one does.)
/// 11 × 6 = 66 bits hold the 64-bit timestamp; the first character uses only
/// the top 4, so it is one of `-0123456789ABCDE`.
public struct Revision: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Characters in every revision string.
    public static let length = 11

    /// The digits, 0 to 63, in ASCII order.
    public static let alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

    /// Digit value of each ASCII byte, -1 for bytes outside the alphabet.
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in alphabet.utf8.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    public let timestamp: HybridTimestamp

    public init(_ timestamp: HybridTimestamp) {
        self.timestamp = timestamp
    }

    /// Decodes a `_rev` string; throws 1239 (illegal document revision) for
    /// anything but 11 alphabet characters within 64 bits.
    public init(parsing text: String) throws(C8Error) {
        guard let revision = Revision(validating: text) else { throw C8Error(.documentRevisionBad) }
        self = revision
    }

    /// Nil instead of an error, for callers that treat a malformed revision
    /// as a mismatch rather than a failure.
    public init?(validating text: String) {
        let bytes = text.utf8
        guard bytes.count == Self.length else { return nil }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            guard byte < 128 else { return nil }
            let digit = Self.values[Int(byte)]
            guard digit >= 0 else { return nil }
            if index == 0 && digit > 15 { return nil }  // would overflow 64 bits
            value = value << 6 | UInt64(digit)
        }
        timestamp = HybridTimestamp(rawValue: value)
    }

    /// A revision in ArangoDB's own encoding: the same 64-bit timestamp
    /// over the alphabet `-_A-Za-z0-9`, leading zeros dropped — so that
    /// `DECODE_REV` reads the revisions of ArangoDB's and Macrometa's
    /// documentation (`_YU0HOEG---`) and of data carried over from them.
    public init?(arangoDBEncoded text: String) {
        let bytes = text.utf8
        guard (1...Self.length).contains(bytes.count) else { return nil }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            guard byte < 128 else { return nil }
            let digit = Self.arangoDBValues[Int(byte)]
            guard digit >= 0 else { return nil }
            if index == 0 && bytes.count == Self.length && digit > 15 { return nil }
            value = value << 6 | UInt64(digit)
        }
        timestamp = HybridTimestamp(rawValue: value)
    }

    private static let arangoDBValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in "-_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
            table[Int(byte)] = Int8(value)
        }
        return table
    }()

    /// The 11-character `_rev` string.
    public var string: String {
        // The alphabet as static bytes: no array to allocate, nothing shared
        // to retain (bulk loads make revisions on every core at once).
        let digits = Self.staticAlphabet.utf8Start
        var value = timestamp.rawValue
        return String(unsafeUninitializedCapacity: Self.length) { chars in
            for index in stride(from: Self.length - 1, through: 0, by: -1) {
                chars[index] = digits[Int(value & 63)]
                value >>= 6
            }
            return Self.length
        }
    }

    /// ``alphabet``, as static bytes.
    private static let staticAlphabet: StaticString = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

    public var description: String { string }

    public static func < (lhs: Revision, rhs: Revision) -> Bool { lhs.timestamp < rhs.timestamp }
}

extension HybridLogicalClock {
    /// A fresh revision: the next timestamp, encoded.
    public func nextRevision() -> Revision { Revision(now()) }
}
