/// Checks UTF-8 that arrives in pieces, such as the fragments of a text
/// message, and fails at the first byte that cannot continue valid text.
///
/// RFC 6455 §8.1 wants a receiver to fail the connection as soon as text
/// is known to be invalid, not after buffering the whole message; a
/// character may also be split across fragments, which rules out checking
/// each fragment on its own. Follows the well-formed byte sequences of
/// Unicode 15 Table 3-7 (no overlongs, surrogates or values above U+10FFFF).
struct UTF8StreamValidator: Sendable {
    /// Continuation bytes still expected for the current character.
    private var pending = 0
    /// The range the next continuation byte must fall in; only the first
    /// continuation after E0, ED, F0 and F4 is narrower than 80–BF.
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Feeds more bytes; false as soon as they cannot be part of valid UTF-8.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes {
            if pending == 0 {
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2
                case 0xED: pending = 2; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; upper = 0x8F
                default: return false
                }
            } else {
                guard byte >= lower && byte <= upper else { return false }
                lower = 0x80
                upper = 0xBF
                pending -= 1
            }
        }
        return true
    }

    /// Whether the bytes fed so far end between characters.
    var isAtCharacterBoundary: Bool { pending == 0 }

    /// Whether `bytes` are complete, valid UTF-8: ASCII eight bytes at a
    /// time, the rest from the first non-ASCII word on byte by byte. The
    /// standard library's `String(validating:as:)` is generic and looked up
    /// two type metadata per call: ~1,300 instructions for each stream
    /// frame of ~150 bytes.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index + 8 <= bytes.count,
              UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        var validator = UTF8StreamValidator()
        return validator.feed(UnsafeBufferPointer(rebasing: bytes[index...])) && validator.isAtCharacterBoundary
    }
}
