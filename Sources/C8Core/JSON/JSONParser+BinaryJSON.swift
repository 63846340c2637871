extension JSON.Parser {
    /// Parses one JSON text and appends its ``BinaryJSON`` encoding to
    /// `buffer` — the bytes `BinaryJSON.encode(try parse(buffer: text))`
    /// gives — without building the `JSON` tree: no `String`, array or
    /// member array per value. A bulk import holds a million documents in
    /// this form (about their text's size) instead of as trees (five
    /// times that, and an allocation per string and container).
    ///
    /// It accepts exactly what ``parse(buffer:)`` accepts, with the same
    /// errors at the same positions (the same scanners run). One case it
    /// leaves to the tree: an object that repeats a key keeps the last
    /// value at the first key's place, which the encoding cannot be
    /// written in one pass for; then it returns false and the caller
    /// parses the text and encodes the tree.
    ///
    /// - Returns: true when `buffer` got the encoding; false (declined)
    ///   when the text repeats a key in an object. On false or an error
    ///   `buffer` holds what it held before.
    /// - Throws: ``JSONParseError`` exactly as ``parse(buffer:)`` throws.
    public mutating func transcode(buffer text: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer)
        throws(JSONParseError) -> Bool {
        parser.reset(text)
        let mark = buffer.count
        do {
            if try parser.transcodeDocument(into: &buffer) { return true }
        } catch {
            buffer.removeLast(to: mark)
            throw error
        }
        buffer.removeLast(to: mark)
        return false
    }
}

/// The transcoder: the parser's grammar and scanners, writing BinaryJSON.
///
/// Arrays and objects are written with a one-byte count and the body
/// length patched in at their end (the count is not known before); the
/// rare container of 128 or more elements, whose count takes more bytes,
/// moves its body along once.
extension JSONParser {
    mutating func transcodeDocument(into out: inout ByteBuffer) throws(JSONParseError) -> Bool {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            throw error("a byte order mark is not allowed", at: 0)
        }
        skipWhitespace()
        guard try transcodeValue(into: &out) else { return false }
        skipWhitespace()
        if position < end {
            throw error("unexpected \(describe(position)) after the JSON value", at: position)
        }
        return true
    }

    /// One value, as `parseValue` reads it; false when declined.
    private mutating func transcodeValue(into out: inout ByteBuffer) throws(JSONParseError) -> Bool {
        guard position < end else { throw error("unexpected end of input, expected a value", at: position) }
        switch base[position] {
        case UInt8(ascii: "{"): return try transcodeObject(into: &out)
        case UInt8(ascii: "["): return try transcodeArray(into: &out)
        case UInt8(ascii: "\""): try scanString { BinaryJSON.appendString($0, into: &out) }
        case UInt8(ascii: "t"): try expectLiteral("true"); out.append(BinaryJSON.Tag.true)
        case UInt8(ascii: "f"): try expectLiteral("false"); out.append(BinaryJSON.Tag.false)
        case UInt8(ascii: "n"): try expectLiteral("null"); out.append(BinaryJSON.Tag.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): BinaryJSON.encode(try parseNumber(), into: &out)
        default: throw error("unexpected \(describe(position)), expected a value", at: position)
        }
        return true
    }

    private mutating func transcodeArray(into out: inout ByteBuffer) throws(JSONParseError) -> Bool {
        try enter()
        let header = beginContainer(BinaryJSON.Tag.array, into: &out)
        if closesEmpty(.array) {
            endContainer(header: header, count: 0, into: &out)
            return true
        }
        var count = 0
        repeat {
            skipWhitespace()
            guard try transcodeValue(into: &out) else { return false }
            count += 1
        } while try continues(.array)
        depth -= 1
        endContainer(header: header, count: count, into: &out)
        return true
    }

    private mutating func transcodeObject(into out: inout ByteBuffer) throws(JSONParseError) -> Bool {
        try enter()
        let header = beginContainer(BinaryJSON.Tag.object, into: &out)
        if closesEmpty(.object) {
            endContainer(header: header, count: 0, into: &out)
            return true
        }
        let start = keyHashStack.count
        var count = 0
        repeat {
            try expectKey()
            let keyHash = try scanString { key in
                BinaryJSON.writeVarint(UInt64(key.count), into: &out)
                out.append(key)
                return Self.fingerprint(key)
            }
            try expectKeySeparator()
            guard try transcodeValue(into: &out) else { return false }
            keyHashStack.push(keyHash)
            count += 1
        } while try continues(.object)
        // A fingerprint seen twice may be a repeated key: declined, the
        // caller parses the text as a tree, which also finds any error in
        // the rest of the text.
        let duplicates = hasDuplicateKeyHashes(from: start)
        keyHashStack.popCount(to: start)
        if duplicates { return false }
        depth -= 1
        endContainer(header: header, count: count, into: &out)
        return true
    }

    /// Writes the tag, a one-byte count and a body length to patch; returns
    /// where the count byte is.
    @inline(__always)
    private func beginContainer(_ tag: UInt8, into out: inout ByteBuffer) -> Int {
        out.append(tag)
        let header = out.count
        out.append(repeating: 0, count: 5)
        return header
    }

    /// Patches the count and the body length in, as `BinaryJSON.encode`
    /// writes them.
    private func endContainer(header: Int, count: Int, into out: inout ByteBuffer) {
        let bodyStart = header + 5
        let bodyLength = out.count - bodyStart
        var countBytes = 1
        if count >= 0x80 {
            countBytes = BinaryJSON.varintSize(UInt64(count))
            out.openGap(countBytes - 1, at: header + 1)
        }
        var v = UInt64(count), at = header
        while v >= 0x80 {
            out.patch(UInt8(truncatingIfNeeded: v) | 0x80, at: at)
            v >>= 7
            at += 1
        }
        out.patch(UInt8(v), at: at)
        out.patchUInt32(UInt32(bodyLength), at: header + countBytes)
    }
}
