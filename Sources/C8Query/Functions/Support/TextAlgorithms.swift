/// SOUNDEX and LEVENSHTEIN_DISTANCE, as ArangoDB's StringUtils compute them.
enum TextAlgorithms {
    /// ArangoDB's soundex: skip to the first ASCII letter, keep it upper
    /// case, then append the codes of following letters, skipping a code
    /// equal to the previous letter's (any non-coded character, vowels and
    /// h/w included, resets "previous"), padded with "0" to 4 characters.
    /// Text without ASCII letters gives "". The caller lower-cases and trims.
    static func soundex(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { isASCIILetter($0) }) else { return "" }
        var result: [UInt8] = [bytes[first] & ~0x20]
        var previous: UInt8 = 0
        var i = first + 1
        while i < bytes.count, result.count < 4 {
            let code = soundexCode(bytes[i])
            if code != 0, code != previous { result.append(code) }
            previous = code
            i += 1
        }
        while result.count < 4 { result.append(UInt8(ascii: "0")) }
        return String(decoding: result, as: UTF8.self)
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func soundexCode(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "v"): UInt8(ascii: "1")
        case UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"), UInt8(ascii: "q"),
             UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"): UInt8(ascii: "2")
        case UInt8(ascii: "d"), UInt8(ascii: "t"): UInt8(ascii: "3")
        case UInt8(ascii: "l"): UInt8(ascii: "4")
        case UInt8(ascii: "m"), UInt8(ascii: "n"): UInt8(ascii: "5")
        case UInt8(ascii: "r"): UInt8(ascii: "6")
        default: 0
        }
    }

    /// Edit distance (insert, delete, substitute) over Unicode scalars,
    /// two rows of the classic dynamic program.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
