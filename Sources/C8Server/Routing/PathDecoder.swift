import C8Core

/// Percent-decoding of request targets.
///
/// Paths are split on `/` first and each segment decoded on its own, so a
/// `%2F` inside a key or an index handle stays part of its segment. Query
/// strings also turn `+` into a space (HTML form encoding, which `requests`
/// uses for `params`).
enum PathDecoder {
    /// The non-empty segments of `rawPath`, each percent-decoded.
    /// - Throws: 400 for a malformed escape or bytes that are not UTF-8.
    static func segments(_ rawPath: Substring) throws(C8Error) -> [String] {
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            segments.append(try decode(raw))
        }
        return segments
    }

    /// `text` with `%XX` escapes (and, for query strings, `+`) decoded.
    static func decode(_ text: Substring, plusIsSpace: Bool = false) throws(C8Error) -> String {
        let utf8 = text.utf8
        let percent = UInt8(ascii: "%"), plus = UInt8(ascii: "+")
        guard utf8.contains(where: { $0 == percent || (plusIsSpace && $0 == plus) }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == percent {
                let first = utf8.index(after: i)
                guard first != utf8.endIndex, utf8.index(after: first) != utf8.endIndex,
                      let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)]) else {
                    throw C8Error(.httpBadParameter, "invalid percent-encoding in '\(text)'")
                }
                bytes.append(high << 4 | low)
                i = utf8.index(first, offsetBy: 2)
                continue
            }
            bytes.append(plusIsSpace && byte == plus ? UInt8(ascii: " ") : byte)
            i = utf8.index(after: i)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw C8Error(.httpBadParameter, "percent-encoded bytes in '\(text)' are not UTF-8")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
