import C8Core

/// Encodes values so that comparing the bytes compares the values in C8QL
/// order (Docs/DECISIONS.md): index entries then sort in RocksDB exactly as
/// SORT would sort them, and range scans are byte ranges.
///
/// Each value is self-delimiting, so compound keys are concatenations.
///
/// | value  | bytes                                                          |
/// |--------|----------------------------------------------------------------|
/// | null   | 0x10                                                           |
/// | bool   | 0x20 false, 0x21 true                                          |
/// | number | 0x30, the double's bits made order-preserving (8 bytes BE), then the exact integer (8 bytes BE, sign-flipped; 0 for fractions) |
/// | string | 0x40, the UTF-8 bytes with 0x00 written as 0x00 0xFF, then 0x00 0x00 |
/// | array  | 0x50, the elements without trailing nulls, then 0x00           |
/// | object | 0x60, members sorted by key without null values (key as a string, then the value), then 0x00 |
///
/// Objects encode equal exactly when they are C8QL-equal; their relative
/// order is by sorted key bytes, not C8QL's (no one range-scans objects).
/// Integers beyond ±2^53 and the double they round to are ordered by their
/// exact value, where C8QL calls them equal.
public enum IndexKeyEncoding {
    public enum Tag {
        public static let end: UInt8 = 0x00
        public static let null: UInt8 = 0x10
        public static let `false`: UInt8 = 0x20
        public static let `true`: UInt8 = 0x21
        public static let number: UInt8 = 0x30
        public static let string: UInt8 = 0x40
        public static let array: UInt8 = 0x50
        public static let object: UInt8 = 0x60
    }

    /// Appends the encoding of `value` to `bytes`.
    public static func append(_ value: JSON, to bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(Tag.null)
        case .bool(let b): bytes.append(b ? Tag.true : Tag.false)
        case .int(let i): appendNumber(Double(i), exact: i, to: &bytes)
        case .double(let d):
            let exact: Int64 = d == d.rounded(.towardZero) && abs(d) < 9.2e18 ? Int64(d) : 0
            appendNumber(d, exact: exact, to: &bytes)
        case .string(let s): appendString(s, to: &bytes)
        case .array(let elements):
            bytes.append(Tag.array)
            var n = elements.count
            while n > 0, elements[n - 1].isNull { n -= 1 }
            for element in elements[0..<n] { append(element, to: &bytes) }
            bytes.append(Tag.end)
        case .object(let object):
            bytes.append(Tag.object)
            let members = object.members.filter { !$0.value.isNull }.sorted { $0.key.utf8Compare($1.key) < 0 }
            for member in members {
                appendString(member.key, to: &bytes)
                append(member.value, to: &bytes)
            }
            bytes.append(Tag.end)
        }
    }

    /// The encoding of one value.
    public static func encode(_ value: JSON) -> [UInt8] {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return bytes
    }

    /// Calls `body` with each byte of `encode(.string(s))`, in order,
    /// without building the array: sharding hashes every key of a bulk
    /// load through this.
    @inline(__always)
    public static func forEachByte(ofString s: String, _ body: (UInt8) -> Void) {
        body(Tag.string)
        for b in s.utf8 {
            body(b)
            if b == 0 { body(0xFF) }
        }
        body(0x00)
        body(0x00)
    }

    /// The bytes every string starting with `prefix` begins with (no
    /// terminator), for prefix scans.
    public static func stringPrefix(_ prefix: String) -> [UInt8] {
        var bytes: [UInt8] = [Tag.string]
        appendEscaped(prefix, to: &bytes)
        return bytes
    }

    private static func appendNumber(_ value: Double, exact: Int64, to bytes: inout [UInt8]) {
        bytes.append(Tag.number)
        let d = value == 0 ? 0.0 : value  // -0 sorts as 0
        var bits = d.bitPattern
        bits = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        appendBigEndian(bits, to: &bytes)
        appendBigEndian(UInt64(bitPattern: exact) ^ (1 << 63), to: &bytes)
    }

    private static func appendString(_ s: String, to bytes: inout [UInt8]) {
        bytes.append(Tag.string)
        appendEscaped(s, to: &bytes)
        bytes.append(0x00)
        bytes.append(0x00)
    }

    private static func appendEscaped(_ s: String, to bytes: inout [UInt8]) {
        for b in s.utf8 {
            bytes.append(b)
            if b == 0 { bytes.append(0xFF) }
        }
    }

    @inline(__always)
    static func appendBigEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value.bigEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }
}
