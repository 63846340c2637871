/// Resolves the backslash escapes of a quoted string or name.
///
/// ArangoDB unescapes quoted strings, backtick names and forward-tick names
/// alike: `\n \t \r \b \f` are control characters, `\uXXXX` is a UTF-16
/// code unit (surrogate pairs combine; a lone surrogate becomes U+FFFD), and
/// a backslash before any other character yields that character.
struct QuotedTextDecoder {
    enum Failure: Error { case invalidUnicodeEscape }

    private var output: [UInt8] = []
    private var pendingHighSurrogate: UInt16?

    /// Decodes `bytes`, the text between the quotes.
    static func decode(_ bytes: ArraySlice<UInt8>) -> Result<String, Failure> {
        guard bytes.contains(UInt8(ascii: "\\")) else { return .success(String(decoding: bytes, as: UTF8.self)) }
        var decoder = QuotedTextDecoder()
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < bytes.endIndex else {
                decoder.append(byte)
                i += 1
                continue
            }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "n"): decoder.append(0x0A)
            case UInt8(ascii: "t"): decoder.append(0x09)
            case UInt8(ascii: "r"): decoder.append(0x0D)
            case UInt8(ascii: "b"): decoder.append(0x08)
            case UInt8(ascii: "f"): decoder.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.endIndex, let unit = Self.hexValue(bytes[i..<i + 4]) else {
                    return .failure(.invalidUnicodeEscape)
                }
                decoder.appendUTF16(unit)
                i += 4
            default: decoder.append(escaped)
            }
        }
        decoder.flushSurrogate()
        return .success(String(decoding: decoder.output, as: UTF8.self))
    }

    private mutating func append(_ byte: UInt8) {
        flushSurrogate()
        output.append(byte)
    }

    private mutating func appendUTF16(_ unit: UInt16) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if UTF16.isTrailSurrogate(unit) {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                appendScalar(Unicode.Scalar(scalar)!)
                return
            }
            appendScalar("\u{FFFD}")
        }
        if UTF16.isLeadSurrogate(unit) {
            pendingHighSurrogate = unit
        } else {
            appendScalar(Unicode.Scalar(UInt32(unit)) ?? "\u{FFFD}")
        }
    }

    private mutating func flushSurrogate() {
        if pendingHighSurrogate != nil {
            pendingHighSurrogate = nil
            appendScalar("\u{FFFD}")
        }
    }

    private mutating func appendScalar(_ scalar: Unicode.Scalar) {
        output.append(contentsOf: UTF8.encode(scalar)!)
    }

    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for digit in digits {
            guard let nibble = Self.nibble(digit) else { return nil }
            value = value << 4 | UInt16(nibble)
        }
        return value
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
