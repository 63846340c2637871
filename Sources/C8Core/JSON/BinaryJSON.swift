/// The compact binary form of `JSON` that storage keeps on disk.
///
/// Faster to decode than JSON text (no number parsing, no escapes, lengths up
/// front) and round-trip exact, including the int/double distinction. Arrays
/// and objects carry their byte length, so a reader can skip a member without
/// decoding it (index maintenance reads a few attributes of a document).
///
/// Layout, one tag byte per value:
///
/// | tag          | value                                                    |
/// |--------------|----------------------------------------------------------|
/// | 0x00         | null                                                     |
/// | 0x01 / 0x02  | false / true                                             |
/// | 0x03         | int, zig-zag LEB128                                      |
/// | 0x04         | double, 8 bytes little-endian IEEE 754                   |
/// | 0x05         | string, LEB128 byte length + UTF-8                       |
/// | 0x06         | array: LEB128 count, UInt32 LE body length, elements     |
/// | 0x07         | object: LEB128 count, UInt32 LE body length, then per    |
/// |              | member LEB128 key length + key UTF-8 + value             |
/// | 0x40…0x7F    | small int 0…63                                           |
/// | 0x80…0xFF    | short string of 0…127 bytes, the bytes follow            |
public enum BinaryJSON {
    /// Encodes a value.
    public static func encode(_ value: JSON) -> [UInt8] {
        var buffer = ByteBuffer(capacity: 256)
        encode(value, into: &buffer)
        return buffer.takeBytes()
    }

    /// Appends the encoding of `value` to `buffer`.
    public static func encode(_ value: JSON, into buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.append(Tag.null)
        case .bool(let b): buffer.append(b ? Tag.true : Tag.false)
        case .int(let i):
            if i >= 0 && i < 64 {
                buffer.append(Tag.smallIntBase | UInt8(i))
            } else {
                buffer.append(Tag.int)
                writeVarint(UInt64(bitPattern: (i << 1) ^ (i >> 63)), into: &buffer)
            }
        case .double(let d):
            buffer.append(Tag.double)
            var bits = d.bitPattern
            for _ in 0..<8 {
                buffer.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        case .string(let s):
            writeString(s, into: &buffer, tagged: true)
        case .array(let elements):
            buffer.append(Tag.array)
            writeVarint(UInt64(elements.count), into: &buffer)
            let lengthOffset = beginBody(&buffer)
            for element in elements { encode(element, into: &buffer) }
            endBody(&buffer, lengthOffset: lengthOffset)
        case .object(let object):
            if let bytes = object.binaryBytes { return bytes.withUnsafeBufferPointer { buffer.append($0) } }
            buffer.append(Tag.object)
            writeVarint(UInt64(object.count), into: &buffer)
            let lengthOffset = beginBody(&buffer)
            for member in object.members {
                writeString(member.key, into: &buffer, tagged: false)
                encode(member.value, into: &buffer)
            }
            endBody(&buffer, lengthOffset: lengthOffset)
        }
    }

    /// Decodes one value that must span all of `bytes`.
    /// - Throws: ``BinaryJSONError`` for truncated, corrupt or trailing bytes.
    public static func decode(_ bytes: some Collection<UInt8>) throws(BinaryJSONError) -> JSON {
        let result: Result<JSON, BinaryJSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(BinaryJSONError) -> JSON in try decode(buffer: buffer) }
        }
        if let result { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(BinaryJSONError) -> JSON in try decode(buffer: buffer) }
        }.get()
    }

    public static func decode(buffer: UnsafeBufferPointer<UInt8>) throws(BinaryJSONError) -> JSON {
        var reader = BinaryJSONReader(buffer)
        let value = try reader.readValue(depth: 0)
        guard reader.isAtEnd else { throw BinaryJSONError(message: "trailing bytes after the value", offset: reader.offset) }
        return value
    }

    enum Tag {
        static let null: UInt8 = 0x00
        static let `false`: UInt8 = 0x01
        static let `true`: UInt8 = 0x02
        static let int: UInt8 = 0x03
        static let double: UInt8 = 0x04
        static let string: UInt8 = 0x05
        static let array: UInt8 = 0x06
        static let object: UInt8 = 0x07
        static let smallIntBase: UInt8 = 0x40
        static let shortStringBase: UInt8 = 0x80
    }

    private static func writeString(_ s: String, into buffer: inout ByteBuffer, tagged: Bool) {
        var s = s
        s.withUTF8 { bytes in
            if tagged {
                if bytes.count < 128 {
                    buffer.append(Tag.shortStringBase | UInt8(bytes.count))
                } else {
                    buffer.append(Tag.string)
                    writeVarint(UInt64(bytes.count), into: &buffer)
                }
            } else {
                writeVarint(UInt64(bytes.count), into: &buffer)
            }
            buffer.append(bytes)
        }
    }

    /// Appends a string value given as UTF-8 bytes (the transcoder's
    /// strings are never `String`s): the bytes `encode(.string(…))` writes.
    @inline(__always)
    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        if bytes.count < 128 {
            buffer.append(Tag.shortStringBase | UInt8(bytes.count))
        } else {
            buffer.append(Tag.string)
            writeVarint(UInt64(bytes.count), into: &buffer)
        }
        buffer.append(bytes)
    }

    @inline(__always)
    static func writeVarint(_ value: UInt64, into buffer: inout ByteBuffer) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }

    private static func beginBody(_ buffer: inout ByteBuffer) -> Int {
        let offset = buffer.count
        buffer.append(repeating: 0, count: 4)
        return offset
    }

    private static func endBody(_ buffer: inout ByteBuffer, lengthOffset: Int) {
        buffer.patchUInt32(UInt32(buffer.count - lengthOffset - 4), at: lengthOffset)
    }
}

/// Why bytes are not a valid binary JSON value.
public struct BinaryJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "corrupt binary JSON: \(message) at byte \(offset)" }
}

/// Reads binary JSON with a bounds check before every access: stored bytes
/// may be corrupt, and a corrupt document must be an error, never a crash.
struct BinaryJSONReader {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private(set) var offset = 0
    /// After ``checkValue(depth:)`` of an object: whether its own keys are
    /// well-formed UTF-8 (decoding repairs the others).
    private(set) var topLevelKeysAreValidUTF8 = true

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
    }

    var isAtEnd: Bool { offset == end }

    mutating func readValue(depth: Int) throws(BinaryJSONError) -> JSON {
        guard depth <= JSON.maximumDepth else { throw fail("nesting deeper than \(JSON.maximumDepth) levels") }
        let tag = try readByte()
        if tag >= BinaryJSON.Tag.shortStringBase {
            return .string(try readStringBytes(count: Int(tag & 0x7F)))
        }
        if tag >= BinaryJSON.Tag.smallIntBase {
            guard tag < BinaryJSON.Tag.smallIntBase + 64 else { throw fail("unknown tag") }
            return .int(Int64(tag - BinaryJSON.Tag.smallIntBase))
        }
        switch tag {
        case BinaryJSON.Tag.null: return .null
        case BinaryJSON.Tag.false: return .bool(false)
        case BinaryJSON.Tag.true: return .bool(true)
        case BinaryJSON.Tag.int:
            let z = try readVarint()
            return .int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
        case BinaryJSON.Tag.double:
            guard end - offset >= 8 else { throw fail("truncated double") }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(base[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return .double(Double(bitPattern: bits))
        case BinaryJSON.Tag.string:
            return .string(try readStringBytes(count: try readLength()))
        case BinaryJSON.Tag.array:
            let count = try readLength()
            let bodyEnd = try readBodyEnd()
            guard count <= bodyEnd - offset else { throw fail("array count exceeds its body") }
            var elements: [JSON] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try readValue(depth: depth + 1)) }
            guard offset == bodyEnd else { throw fail("array body length mismatch") }
            return .array(elements)
        case BinaryJSON.Tag.object:
            let count = try readLength()
            let bodyEnd = try readBodyEnd()
            guard count <= (bodyEnd - offset) / 2 else { throw fail("object count exceeds its body") }
            var members: [JSONObject.Member] = []
            members.reserveCapacity(count)
            for _ in 0..<count {
                let key = try readStringBytes(count: try readLength())
                members.append(JSONObject.Member(key, try readValue(depth: depth + 1)))
            }
            guard offset == bodyEnd else { throw fail("object body length mismatch") }
            // The encoder wrote unique keys; corrupt duplicates would only
            // shadow each other, never crash.
            return .object(JSONObject(uniqueMembers: members))
        default:
            throw fail("unknown tag 0x\(String(tag, radix: 16))")
        }
    }

    /// Walks one value with exactly `readValue`'s checks, building nothing:
    /// what a lazily decoded object (``JSONObject/init(binaryObject:)``)
    /// checks up front, so that decoding it later cannot fail.
    mutating func checkValue(depth: Int) throws(BinaryJSONError) {
        guard depth <= JSON.maximumDepth else { throw fail("nesting deeper than \(JSON.maximumDepth) levels") }
        let tag = try readByte()
        if tag >= BinaryJSON.Tag.shortStringBase { return try skipBytes(Int(tag & 0x7F), what: "string") }
        if tag >= BinaryJSON.Tag.smallIntBase {
            guard tag < BinaryJSON.Tag.smallIntBase + 64 else { throw fail("unknown tag") }
            return
        }
        switch tag {
        case BinaryJSON.Tag.null, BinaryJSON.Tag.false, BinaryJSON.Tag.true: return
        case BinaryJSON.Tag.int: _ = try readVarint()
        case BinaryJSON.Tag.double: try skipBytes(8, what: "double")
        case BinaryJSON.Tag.string: try skipBytes(try readLength(), what: "string")
        case BinaryJSON.Tag.array:
            let count = try readLength()
            let bodyEnd = try readBodyEnd()
            guard count <= bodyEnd - offset else { throw fail("array count exceeds its body") }
            for _ in 0..<count { try checkValue(depth: depth + 1) }
            guard offset == bodyEnd else { throw fail("array body length mismatch") }
        case BinaryJSON.Tag.object:
            let count = try readLength()
            let bodyEnd = try readBodyEnd()
            guard count <= (bodyEnd - offset) / 2 else { throw fail("object count exceeds its body") }
            for _ in 0..<count {
                let keyLength = try readLength()
                if depth == 0 && topLevelKeysAreValidUTF8 && keyLength <= end - offset {
                    topLevelKeysAreValidUTF8 = JSONStringEscaping.isValidUTF8(UnsafeBufferPointer(start: base + offset, count: keyLength))
                }
                try skipBytes(keyLength, what: "string")
                try checkValue(depth: depth + 1)
            }
            guard offset == bodyEnd else { throw fail("object body length mismatch") }
        default:
            throw fail("unknown tag 0x\(String(tag, radix: 16))")
        }
    }

    private mutating func skipBytes(_ count: Int, what: String) throws(BinaryJSONError) {
        guard count <= end - offset else { throw fail("truncated \(what)") }
        offset += count
    }

    private mutating func readByte() throws(BinaryJSONError) -> UInt8 {
        guard offset < end else { throw fail("unexpected end") }
        defer { offset += 1 }
        return base[offset]
    }

    private mutating func readVarint() throws(BinaryJSONError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            guard shift < 64 else { throw fail("varint too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    private mutating func readLength() throws(BinaryJSONError) -> Int {
        let v = try readVarint()
        guard v <= UInt64(end - offset) else { throw fail("length exceeds the remaining bytes") }
        return Int(v)
    }

    private mutating func readBodyEnd() throws(BinaryJSONError) -> Int {
        guard end - offset >= 4 else { throw fail("truncated body length") }
        let length = Int(base[offset]) | Int(base[offset + 1]) << 8 | Int(base[offset + 2]) << 16 | Int(base[offset + 3]) << 24
        offset += 4
        guard length <= end - offset else { throw fail("body length exceeds the remaining bytes") }
        return offset + length
    }

    private mutating func readStringBytes(count: Int) throws(BinaryJSONError) -> String {
        guard count <= end - offset else { throw fail("truncated string") }
        defer { offset += count }
        return String(decoding: UnsafeBufferPointer(start: base + offset, count: count), as: UTF8.self)
    }

    private func fail(_ message: String) -> BinaryJSONError {
        BinaryJSONError(message: message, offset: offset)
    }
}
