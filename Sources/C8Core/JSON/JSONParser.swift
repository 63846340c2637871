#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSON {
    /// The deepest nesting of arrays and objects the parser accepts. Deeper
    /// input is an error rather than a stack overflow.
    public static let maximumDepth = 512

    /// Parses one JSON text (RFC 8259, strictly) from UTF-8 bytes.
    ///
    /// Duplicate keys in an object: the last value wins, at the position of
    /// the first occurrence (ArangoDB keeps the last value too).
    /// - Throws: ``JSONParseError`` naming the byte offset, line and column.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSON {
        let result: Result<JSON, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(buffer: buffer) }
        }
        if let result { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(buffer: buffer) }
        }.get()
    }

    /// Parses one JSON text from a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSON {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(buffer: buffer) }
        }.get()
    }

    /// Parses one JSON text from a buffer of UTF-8 bytes.
    public static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSON {
        var parser = JSONParser(buffer)
        return try parser.parseDocument()
    }

    /// Parses many JSON texts one after another, keeping its scratch memory
    /// from one to the next: for bulk input (an import's million lines)
    /// it saves the allocations ``parse(buffer:)`` makes per text.
    public struct Parser: ~Copyable {
        var parser = JSONParser(UnsafeBufferPointer(start: nil, count: 0))  // the transcoder reuses it

        public init() {}

        /// Parses one JSON text, exactly as ``JSON/parse(buffer:)`` does.
        public mutating func parse(buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSON {
            parser.reset(buffer)
            return try parser.parseDocument()
        }
    }
}

/// A recursive-descent parser over raw bytes.
///
/// Containers collect their elements on shared scratch stacks and copy them
/// into an exactly sized array once complete, so an array or object costs one
/// allocation however many elements it has.
struct JSONParser: ~Copyable {
    private var bytes: UnsafeBufferPointer<UInt8>
    // Internal, not private: the BinaryJSON transcoder (JSONParser+BinaryJSON.swift)
    // walks the same text with the same scanners and errors.
    private(set) var base: UnsafePointer<UInt8>
    private(set) var end: Int
    var position = 0
    var depth = 0
    private var valueStack = MoveStack<JSON>()
    private var memberStack = MoveStack<JSONObject.Member>()
    /// A fingerprint per key on `memberStack`, so duplicate detection compares
    /// integers and touches strings only when two fingerprints match.
    var keyHashStack = MoveStack<UInt64>()
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // An empty buffer may have no base address; any valid pointer will do
        // because nothing is read past `end`.
        self.base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.end = bytes.count
    }

    /// Points the parser at the next text, keeping its stacks' memory
    /// (and dropping what a failed parse left on them).
    mutating func reset(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = bytes.count
        position = 0
        depth = 0
        valueStack.popCount(to: 0)
        memberStack.popCount(to: 0)
        keyHashStack.popCount(to: 0)
    }

    mutating func parseDocument() throws(JSONParseError) -> JSON {
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            throw error("a byte order mark is not allowed", at: 0)
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < end {
            throw error("unexpected \(describe(position)) after the JSON value", at: position)
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSON {
        guard position < end else { throw error("unexpected end of input, expected a value", at: position) }
        switch base[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected \(describe(position)), expected a value", at: position)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        var i = 0
        while i < count {
            guard position + i < end, base[position + i] == text[i] else {
                throw error("invalid literal, expected '\(literal)'", at: position + i)
            }
            i += 1
        }
        position += count
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let b = base[position]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            position += 1
        }
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSON.maximumDepth {
            throw error("nesting deeper than \(JSON.maximumDepth) levels", at: position)
        }
    }

    // MARK: - Containers

    private mutating func parseArray() throws(JSONParseError) -> JSON {
        try enter()
        if closesEmpty(.array) { return .array([]) }
        let start = valueStack.count
        repeat {
            skipWhitespace()
            valueStack.push(try parseValue())
        } while try continues(.array)
        depth -= 1
        return .array(valueStack.popArray(from: start))
    }

    private mutating func parseObject() throws(JSONParseError) -> JSON {
        try enter()
        if closesEmpty(.object) { return .object(JSONObject()) }
        let start = memberStack.count
        repeat {
            try expectKey()
            let (key, keyHash) = try scanString { (String(decoding: $0, as: UTF8.self), Self.fingerprint($0)) }
            try expectKeySeparator()
            memberStack.push(JSONObject.Member(key, try parseValue()))
            keyHashStack.push(keyHash)
        } while try continues(.object)
        let duplicates = hasDuplicateKeyHashes(from: start)
        let members = memberStack.popArray(from: start)
        keyHashStack.popCount(to: start)
        depth -= 1
        return .object(duplicates ? JSONObject(members: members) : JSONObject(uniqueMembers: members))
    }

    // MARK: - Container punctuation, shared with the transcoder

    enum Container {
        case array, object

        var close: UInt8 { self == .array ? UInt8(ascii: "]") : UInt8(ascii: "}") }
        var name: String { self == .array ? "an array" : "an object" }
    }

    /// Past the opening bracket; true (and the container closed) when it is
    /// empty.
    @inline(__always)
    mutating func closesEmpty(_ container: Container) -> Bool {
        position += 1
        skipWhitespace()
        guard position < end, base[position] == container.close else { return false }
        position += 1
        depth -= 1
        return true
    }

    /// At a member's key, which must be a string.
    @inline(__always)
    mutating func expectKey() throws(JSONParseError) {
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: "\"") else {
            if position >= end { throw error("unexpected end of input in an object", at: position) }
            throw error("unexpected \(describe(position)) in an object, expected a string key", at: position)
        }
    }

    /// After a key: past the `:` to the value.
    @inline(__always)
    mutating func expectKeySeparator() throws(JSONParseError) {
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: ":") else {
            if position >= end { throw error("unexpected end of input in an object", at: position) }
            throw error("unexpected \(describe(position)) after an object key, expected ':'", at: position)
        }
        position += 1
        skipWhitespace()
    }

    /// After an element: true at `,`, false at the closing bracket (both
    /// consumed).
    @inline(__always)
    mutating func continues(_ container: Container) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard position < end else { throw error("unexpected end of input in \(container.name)", at: position) }
        let b = base[position]
        position += 1
        if b == UInt8(ascii: ",") { return true }
        if b == container.close { return false }
        let close = Character(Unicode.Scalar(container.close))
        throw error("unexpected \(describe(position - 1)) in \(container.name), expected ',' or '\(close)'", at: position - 1)
    }

    /// True when two keys of the closing object share a fingerprint (then
    /// ``JSONObject/init(parsedKeys:values:)`` sorts out real duplicates).
    func hasDuplicateKeyHashes(from start: Int) -> Bool {
        let n = keyHashStack.count - start
        if n < 2 { return false }
        if n <= 32 {
            for i in (start + 1)..<keyHashStack.count {
                let h = keyHashStack[i]
                for j in start..<i where keyHashStack[j] == h { return true }
            }
            return false
        }
        var seen = Set<UInt64>(minimumCapacity: n)
        for i in start..<keyHashStack.count where !seen.insert(keyHashStack[i]).inserted { return true }
        return false
    }

    // MARK: - Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        try scanString { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads one string token (the position is at its opening quote) and
    /// hands its decoded UTF-8 bytes to `body` — a slice of the input, or of
    /// the scratch buffer when it has escapes, valid only during the call —
    /// so the tree parser makes a `String` of them and the transcoder
    /// copies them, with the same checks and errors.
    @inline(__always)
    mutating func scanString<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) throws(JSONParseError) -> R {
        position += 1  // opening quote
        let start = position
        var ascii = true
        // Eight bytes at a time while none of them ends the plain run (a
        // quote, a backslash, a control character): most of a document's
        // bytes are in strings. The byte loop below decides everything else.
        let raw = UnsafeRawPointer(base)
        var highBits: UInt64 = 0
        while position + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            guard !Self.mayEndPlainRun(word) else { break }
            highBits |= word
            position += 8
        }
        if highBits & 0x8080_8080_8080_8080 != 0 { ascii = false }
        while position < end {
            let b = base[position]
            if b == UInt8(ascii: "\"") {
                let span = UnsafeBufferPointer(start: base + start, count: position - start)
                if !ascii { try validateUTF8(span, from: start) }
                position += 1
                return body(span)
            }
            if b == UInt8(ascii: "\\") {
                // The bytes before the escape were scanned already: pass on
                // whether they held non-ASCII, or their UTF-8 goes unchecked.
                try decodeEscapedString(from: start, ascii: ascii)
                return scratch.withUnsafeBufferPointer(body)
            }
            if b < 0x20 { throw error("unescaped control character \(describe(position)) in a string", at: position) }
            if b >= 0x80 { ascii = false }
            position += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    /// Whether one of the 8 bytes of `word` may be a quote, a backslash or
    /// a control character (below 0x20). Exact when it says no; a rare
    /// false yes only sends the word through the byte loop.
    @inline(__always)
    private static func mayEndPlainRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs != 0  // some byte < 0x20
        return quote || backslash || control
    }

    /// A cheap 64-bit hash of an object key's bytes (FNV-1a over 8-byte
    /// words, the last partial word packed into one): only compared with
    /// the other keys of the same object, never stored.
    @inline(__always)
    static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        let raw = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0, shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x0000_0100_0000_01B3
        }
        return h ^ (h >> 29)
    }

    /// The slow path for strings with escapes: decodes into the scratch buffer.
    /// - Parameter ascii: Whether the bytes from `start` to the current
    ///   position (the escape) are all ASCII, as the fast scan found.
    private mutating func decodeEscapedString(from start: Int, ascii asciiSoFar: Bool) throws(JSONParseError) {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        var ascii = asciiSoFar
        while position < end {
            let b = base[position]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                let run = UnsafeBufferPointer(start: base + runStart, count: position - runStart)
                if !ascii { try validateUTF8(run, from: runStart) }
                scratch.append(contentsOf: run)
                ascii = true
                if b == UInt8(ascii: "\"") {
                    position += 1
                    return
                }
                try appendEscape()
                runStart = position
                continue
            }
            if b < 0x20 { throw error("unescaped control character \(describe(position)) in a string", at: position) }
            if b >= 0x80 { ascii = false }
            position += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func appendEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1  // backslash
        guard position < end else { throw error("unterminated escape sequence", at: escapeStart) }
        let c = base[position]
        position += 1
        switch c {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(escapeStart: escapeStart)
            if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired low surrogate \\u\(hex(scalar))", at: escapeStart)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < end, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired high surrogate \\u\(hex(scalar))", at: escapeStart)
                }
                let lowStart = position
                position += 2
                let low = try parseHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("high surrogate \\u\(hex(scalar)) not followed by a low surrogate", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            appendUTF8(scalar)
        default:
            throw error("invalid escape sequence '\\\(describeByte(c))'", at: escapeStart)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard position + 4 <= end else { throw error("incomplete \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = base[position]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit \(describe(position)) in a \\u escape", at: position)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Rejects ill-formed UTF-8 (overlongs, surrogates, > U+10FFFF, truncation)
    /// per RFC 3629, naming the first bad byte.
    private func validateUTF8(_ span: UnsafeBufferPointer<UInt8>, from offset: Int) throws(JSONParseError) {
        var i = 0
        let n = span.count
        while i < n {
            let b0 = span[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: throw error("invalid UTF-8 byte 0x\(hex(UInt32(b0), width: 2)) in a string", at: offset + i)
            }
            guard i + length <= n else { throw error("truncated UTF-8 sequence in a string", at: offset + i) }
            let b1 = span[i + 1]
            guard b1 >= lower, b1 <= upper else {
                throw error("invalid UTF-8 byte 0x\(hex(UInt32(b1), width: 2)) in a string", at: offset + i + 1)
            }
            var k = 2
            while k < length {
                guard span[i + k] & 0xC0 == 0x80 else {
                    throw error("invalid UTF-8 byte 0x\(hex(UInt32(span[i + k]), width: 2)) in a string", at: offset + i + k)
                }
                k += 1
            }
            i += length
        }
    }

    // MARK: - Numbers

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = position
        var negative = false
        if base[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard position < end, isDigit(base[position]) else {
            throw error("invalid number, expected a digit after '-'", at: position)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        if base[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, isDigit(base[position]) {
                throw error("invalid number, leading zeros are not allowed", at: start)
            }
        } else {
            while position < end, isDigit(base[position]) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(base[position] - UInt8(ascii: "0")) }
                digits += 1
                position += 1
            }
        }
        let integerDigits = digits
        var fractionDigits = 0
        var isInteger = true
        if position < end, base[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < end, isDigit(base[position]) else {
                throw error("invalid number, expected a digit after '.'", at: position)
            }
            while position < end, isDigit(base[position]) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[position] - UInt8(ascii: "0"))
                    fractionDigits += 1
                    if mantissa != 0 || digits > 0 { digits += 1 }
                } else {
                    digits += 1
                }
                position += 1
            }
        }
        var exponent = 0
        if position < end, base[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            var negativeExponent = false
            if position < end, base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-") {
                negativeExponent = base[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < end, isDigit(base[position]) else {
                throw error("invalid number, expected a digit in the exponent", at: position)
            }
            while position < end, isDigit(base[position]) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[position] - UInt8(ascii: "0")) }
                position += 1
            }
            if negativeExponent { exponent = -exponent }
        }

        if isInteger, integerDigits <= 19 {
            if !negative, mantissa <= UInt64(Int64.max) { return .int(Int64(mantissa)) }
            if negative, mantissa <= UInt64(Int64.max) + 1 {
                return mantissa == 0 ? .int(0) : .int(Int64(bitPattern: 0 &- mantissa))
            }
        }
        // Clinger's fast path: an exact mantissa and an exact power of ten
        // give a correctly rounded double with one operation.
        let scale = exponent - fractionDigits
        if digits <= 19, mantissa <= 1 << 53, scale >= -22, scale <= 22 {
            var value = Double(mantissa)
            value = scale < 0 ? value / powersOfTen[-scale] : value * powersOfTen[scale]
            return .double(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number out of range", at: start)
        }
        return .double(value)
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    // MARK: - Errors

    func error(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(message, at: offset, in: bytes)
    }

    func describe(_ offset: Int) -> String {
        offset < end ? "'\(describeByte(base[offset]))'" : "end of input"
    }

    private func describeByte(_ b: UInt8) -> String {
        (0x21..<0x7F).contains(b) ? String(UnicodeScalar(b)) : "0x" + hex(UInt32(b), width: 2)
    }

    private func hex(_ value: UInt32, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
