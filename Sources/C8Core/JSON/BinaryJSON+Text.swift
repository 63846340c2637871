extension BinaryJSON {
    /// The compact JSON text of an encoded value: the same bytes as
    /// `decode(buffer:)` followed by `serialized()`, without building the
    /// `JSON` tree.
    ///
    /// A REST read serializes the document it reads anyway; going from the
    /// binary form straight to text skips the tree's allocations (one per
    /// string, array and object) and freeing them again.
    ///
    /// - Throws: ``BinaryJSONError`` for truncated, corrupt or trailing
    ///   bytes, as `decode` does (stored bytes may be corrupt).
    public static func jsonText(_ bytes: UnsafeBufferPointer<UInt8>) throws(BinaryJSONError) -> [UInt8] {
        var writer = BinaryJSONTextWriter(bytes, capacity: bytes.count + bytes.count / 4 + 16)
        try writer.writeValue(depth: 0)
        guard writer.isAtEnd else { throw writer.fail("trailing bytes after the value") }
        return writer.finish()
    }

    /// The string value of the top-level member `name` of an encoded
    /// object, or nil when there is no such member or it is not a string.
    /// Reads member keys and skips values (containers in one step), so it
    /// costs little for a member near the front, like `_rev`.
    public static func stringMember(_ name: String, ofObject bytes: UnsafeBufferPointer<UInt8>) throws(BinaryJSONError) -> String? {
        var scanner = BinaryJSONScanner(bytes)
        guard try scanner.byte() == Tag.object else { throw scanner.fail("not an object") }
        let count = try scanner.varint()
        _ = try scanner.uint32()
        for _ in 0..<count {
            let keyLength = try scanner.length()
            let keyStart = scanner.offset
            try scanner.skip(keyLength)
            guard UnsafeBufferPointer(rebasing: bytes[keyStart..<keyStart + keyLength]).elementsEqual(name.utf8) else {
                try scanner.skipValue()
                continue
            }
            let tag = try scanner.byte()
            let length: Int
            if tag >= Tag.shortStringBase {
                length = Int(tag & 0x7F)
            } else if tag == Tag.string {
                length = try scanner.length()
            } else {
                return nil
            }
            let start = scanner.offset
            try scanner.skip(length)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
        }
        return nil
    }
}

/// Walks binary JSON once and writes its text. Bounds-checked like
/// `BinaryJSONReader` (whose checks and error messages it mirrors, so a
/// corrupt document fails the same way on both read paths).
struct BinaryJSONTextWriter: ~Copyable {
    private var scanner: BinaryJSONScanner
    private let bytes: UnsafeBufferPointer<UInt8>
    private var out: ByteBuffer

    init(_ bytes: UnsafeBufferPointer<UInt8>, capacity: Int) {
        self.bytes = bytes
        scanner = BinaryJSONScanner(bytes)
        out = ByteBuffer(capacity: capacity)
    }

    var isAtEnd: Bool { scanner.offset == bytes.count }

    mutating func finish() -> [UInt8] { out.takeBytes() }

    func fail(_ message: String) -> BinaryJSONError { scanner.fail(message) }

    mutating func writeValue(depth: Int) throws(BinaryJSONError) {
        guard depth <= JSON.maximumDepth else { throw fail("nesting deeper than \(JSON.maximumDepth) levels") }
        let tag = try scanner.byte()
        if tag >= BinaryJSON.Tag.shortStringBase { return try writeString(count: Int(tag & 0x7F)) }
        if tag >= BinaryJSON.Tag.smallIntBase {
            guard tag < BinaryJSON.Tag.smallIntBase + 64 else { throw fail("unknown tag") }
            return NumberFormatting.writeInteger(Int64(tag - BinaryJSON.Tag.smallIntBase), to: &out)
        }
        switch tag {
        case BinaryJSON.Tag.null: out.append(literal: "null")
        case BinaryJSON.Tag.false: out.append(literal: "false")
        case BinaryJSON.Tag.true: out.append(literal: "true")
        case BinaryJSON.Tag.int:
            let z = try scanner.varint()
            NumberFormatting.writeInteger(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))), to: &out)
        case BinaryJSON.Tag.double:
            guard bytes.count - scanner.offset >= 8 else { throw fail("truncated double") }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[scanner.offset + i]) << (8 * UInt64(i)) }
            try scanner.skip(8)
            NumberFormatting.writeDouble(Double(bitPattern: bits), to: &out)
        case BinaryJSON.Tag.string:
            try writeString(count: try scanner.length())
        case BinaryJSON.Tag.array:
            try writeContainer(depth: depth, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), minimumMemberSize: 1) {
                (w: inout BinaryJSONTextWriter) throws(BinaryJSONError) in try w.writeValue(depth: depth + 1)
            }
        case BinaryJSON.Tag.object:
            try writeContainer(depth: depth, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), minimumMemberSize: 2) {
                (w: inout BinaryJSONTextWriter) throws(BinaryJSONError) in
                try w.writeString(count: try w.scanner.length())
                w.out.append(UInt8(ascii: ":"))
                try w.writeValue(depth: depth + 1)
            }
        default:
            throw fail("unknown tag 0x\(String(tag, radix: 16))")
        }
    }

    /// An array or object: count, body length, then `writeMember` per
    /// element, comma-separated.
    private mutating func writeContainer(
        depth: Int, open: UInt8, close: UInt8, minimumMemberSize: Int,
        _ writeMember: (inout BinaryJSONTextWriter) throws(BinaryJSONError) -> Void
    ) throws(BinaryJSONError) {
        let count = try scanner.length()
        let bodyLength = try scanner.uint32()
        guard bodyLength <= bytes.count - scanner.offset else { throw fail("body length exceeds the remaining bytes") }
        let bodyEnd = scanner.offset + bodyLength
        guard count <= bodyLength / minimumMemberSize else {
            throw fail(open == UInt8(ascii: "[") ? "array count exceeds its body" : "object count exceeds its body")
        }
        out.append(open)
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            try writeMember(&self)
        }
        guard scanner.offset == bodyEnd else {
            throw fail(open == UInt8(ascii: "[") ? "array body length mismatch" : "object body length mismatch")
        }
        out.append(close)
    }

    /// `count` UTF-8 bytes as a quoted, escaped JSON string.
    private mutating func writeString(count: Int) throws(BinaryJSONError) {
        guard count <= bytes.count - scanner.offset else { throw fail("truncated string") }
        let start = scanner.offset
        try scanner.skip(count)
        let text = UnsafeBufferPointer(rebasing: bytes[start..<start + count])
        if JSONStringEscaping.isValidUTF8(text) {
            JSONStringEscaping.write(text, to: &out)
        } else {
            // Corrupt storage: repair as `decode` does (U+FFFD), so both
            // read paths answer the same text.
            var repaired = String(decoding: text, as: UTF8.self)
            repaired.withUTF8 { JSONStringEscaping.write($0, to: &out) }
        }
    }
}

/// JSON string escaping over UTF-8 bytes (RFC 8259 §7): quote, backslash
/// and control characters. `JSONWriter` and the binary-to-text writer share it.
enum JSONStringEscaping {
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        out.reserve(bytes.count + 2)
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
            if i > runStart { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            writeEscape(b, to: &out)
            runStart = i + 1
        }
        if bytes.count > runStart { out.append(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(_ b: UInt8, to out: inout ByteBuffer) {
        switch b {
        case 0x22: out.append(literal: "\\\"")
        case 0x5C: out.append(literal: "\\\\")
        case 0x0A: out.append(literal: "\\n")
        case 0x0D: out.append(literal: "\\r")
        case 0x09: out.append(literal: "\\t")
        case 0x08: out.append(literal: "\\b")
        case 0x0C: out.append(literal: "\\f")
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(literal: "\\u00")
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0xF)])
        }
    }

    /// Whether `bytes` is well-formed UTF-8. ASCII (the common case) is
    /// decided by one pass; other text is checked by the standard library's
    /// transcoder, which stops at the first ill-formed sequence.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return true }
        let failed = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF8.self, stoppingOnError: true) { _ in }
        return !failed
    }
}
