extension BinaryJSON {
    /// The encoding of an object with one more member: `key`: `value` (a
    /// string) inserted before the member at `position` (clamped to the
    /// member count), without decoding anything else.
    ///
    /// Storage keeps documents without `_id`; readers splice it in after
    /// `_key` with this, in one allocation, and decode the result straight
    /// into the object users see — instead of decoding the stored object
    /// and then rebuilding its member array around `_id`. The caller
    /// guarantees `key` is not a member yet (an encoded object has unique
    /// keys). With `prefix`, those bytes come first in the same array (a
    /// cache entry's header: the entry is then the very array readers get).
    ///
    /// - Throws: ``BinaryJSONError`` when `bytes` is not one well-formed
    ///   encoded object (the members before `position` are checked; the rest
    ///   is copied as is and checked by whoever decodes it).
    public static func insertingMember(
        _ key: String, string value: String, at position: Int, intoObject bytes: UnsafeBufferPointer<UInt8>,
        after prefix: UnsafeBufferPointer<UInt8>? = nil
    ) throws(BinaryJSONError) -> [UInt8] {
        var scanner = BinaryJSONScanner(bytes)
        guard try scanner.byte() == Tag.object else { throw scanner.fail("not an object") }
        let count = try scanner.varint()
        let bodyLength = try scanner.uint32()
        let bodyStart = scanner.offset
        guard bodyLength <= bytes.count - bodyStart else { throw scanner.fail("body length exceeds the remaining bytes") }
        let insertAt = min(UInt64(max(position, 0)), count)
        for _ in 0..<insertAt {
            try scanner.skip(try scanner.length())  // the key
            try scanner.skipValue()
        }
        let splitOffset = scanner.offset
        guard splitOffset <= bodyStart + bodyLength else { throw scanner.fail("object body length mismatch") }

        let keyCount = key.utf8.count
        let valueCount = value.utf8.count
        let member = varintSize(UInt64(keyCount)) + keyCount
            + (valueCount < 128 ? 1 : 1 + varintSize(UInt64(valueCount))) + valueCount
        let newBody = bodyLength + member
        guard newBody <= Int(UInt32.max) else { throw scanner.fail("object too large") }
        let headerCount = 1 + varintSize(count + 1) + 4
        let prefixCount = prefix?.count ?? 0
        let total = prefixCount + headerCount + (bytes.count - bodyStart) + member

        var key = key
        var value = value
        return key.withUTF8 { keyBytes in
            value.withUTF8 { valueBytes in
                [UInt8](unsafeUninitializedCapacity: total) { out, initialized in
                    let source = bytes.baseAddress!
                    var o = out.baseAddress!
                    if let prefix, prefixCount > 0 {
                        o.initialize(from: prefix.baseAddress!, count: prefixCount)
                        o += prefixCount
                    }
                    o.initialize(to: Tag.object)
                    o = writeVarint(count + 1, to: o + 1)
                    let length = UInt32(newBody)
                    for i in 0..<4 { o[i] = UInt8(truncatingIfNeeded: length >> UInt32(8 * i)) }
                    o += 4
                    o.initialize(from: source + bodyStart, count: splitOffset - bodyStart)
                    o += splitOffset - bodyStart
                    o = writeVarint(UInt64(keyCount), to: o)
                    if keyCount > 0 { o.initialize(from: keyBytes.baseAddress!, count: keyCount) }
                    o += keyCount
                    if valueCount < 128 {
                        o.initialize(to: Tag.shortStringBase | UInt8(valueCount))
                        o += 1
                    } else {
                        o.initialize(to: Tag.string)
                        o = writeVarint(UInt64(valueCount), to: o + 1)
                    }
                    if valueCount > 0 { o.initialize(from: valueBytes.baseAddress!, count: valueCount) }
                    o += valueCount
                    o.initialize(from: source + splitOffset, count: bytes.count - splitOffset)
                    o += bytes.count - splitOffset
                    initialized = o - out.baseAddress!
                }
            }
        }
    }

    /// Writes `value` as LEB128 at `out`; returns the position after it.
    @inline(__always)
    private static func writeVarint(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var v = value
        var o = out
        while v >= 0x80 {
            o.initialize(to: UInt8(truncatingIfNeeded: v) | 0x80)
            o += 1
            v >>= 7
        }
        o.initialize(to: UInt8(v))
        return o + 1
    }

    @inline(__always)
    static func varintSize(_ value: UInt64) -> Int {
        var v = value, n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }
}

/// Walks encoded values without decoding them, checking bounds before every
/// read (the bytes come from storage and may be corrupt).
struct BinaryJSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func byte() throws(BinaryJSONError) -> UInt8 {
        guard offset < bytes.count else { throw fail("unexpected end") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws(BinaryJSONError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw fail("varint too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A varint that counts bytes still to come.
    mutating func length() throws(BinaryJSONError) -> Int {
        let v = try varint()
        guard v <= UInt64(bytes.count - offset) else { throw fail("length exceeds the remaining bytes") }
        return Int(v)
    }

    mutating func uint32() throws(BinaryJSONError) -> Int {
        guard bytes.count - offset >= 4 else { throw fail("truncated body length") }
        let value = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        offset += 4
        return value
    }

    mutating func skip(_ count: Int) throws(BinaryJSONError) {
        guard count >= 0, count <= bytes.count - offset else { throw fail("truncated value") }
        offset += count
    }

    /// Moves past one value (containers in one step: they carry their
    /// body length).
    mutating func skipValue() throws(BinaryJSONError) {
        let tag = try byte()
        if tag >= BinaryJSON.Tag.shortStringBase { return try skip(Int(tag & 0x7F)) }
        if tag >= BinaryJSON.Tag.smallIntBase {
            guard tag < BinaryJSON.Tag.smallIntBase + 64 else { throw fail("unknown tag") }
            return
        }
        switch tag {
        case BinaryJSON.Tag.null, BinaryJSON.Tag.false, BinaryJSON.Tag.true: return
        case BinaryJSON.Tag.int: _ = try varint()
        case BinaryJSON.Tag.double: try skip(8)
        case BinaryJSON.Tag.string: try skip(try length())
        case BinaryJSON.Tag.array, BinaryJSON.Tag.object:
            _ = try varint()
            try skip(try uint32())
        default: throw fail("unknown tag 0x\(String(tag, radix: 16))")
        }
    }

    func fail(_ message: String) -> BinaryJSONError {
        BinaryJSONError(message: message, offset: offset)
    }
}
