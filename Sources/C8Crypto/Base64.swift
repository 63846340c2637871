/// Base64 (RFC 4648) straight between bytes: the standard alphabet, padded
/// (§4), for stream frames — every published and delivered message passes
/// through it, and Foundation's `Data` round trip cost a copy and an
/// allocation each way — and the encoding ``Base64URL`` shares.
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    /// 0–63 per byte value, 0xFF for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// Appends the padded encoding of `bytes` to `output`.
    public static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        encode(bytes, alphabet: alphabet, padded: true, into: &output)
    }

    /// Four characters of `alphabet` per three bytes; the last group padded
    /// with `=` or cut short.
    static func encode(_ bytes: [UInt8], alphabet: [UInt8], padded: Bool, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + (bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let word = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(word >> 18 & 63)])
            output.append(alphabet[Int(word >> 12 & 63)])
            output.append(alphabet[Int(word >> 6 & 63)])
            output.append(alphabet[Int(word & 63)])
            index += 3
        }
        let rest = bytes.count - index
        guard rest > 0 else { return }
        let word = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
        output.append(alphabet[Int(word >> 18 & 63)])
        output.append(alphabet[Int(word >> 12 & 63)])
        if rest == 2 { output.append(alphabet[Int(word >> 6 & 63)]) }
        if padded {
            if rest == 1 { output.append(UInt8(ascii: "=")) }
            output.append(UInt8(ascii: "="))
        }
    }

    /// Decodes padded base64; nil for anything else (a length that is not a
    /// multiple of 4, a byte outside the alphabet, padding anywhere but at
    /// the end) — what Foundation's `Data(base64Encoded:)` refuses, and also
    /// the misplaced padding (`ab=c`) swift-corelibs-foundation lets through.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let count = text.count
        guard count % 4 == 0 else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(count / 4 * 3)
        var quad: UInt32 = 0
        var filled = 0
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                quad <<= 6
            } else {
                let value = values[Int(byte)]
                guard value != 0xFF, padding == 0 else { return nil }
                quad = quad << 6 | UInt32(value)
            }
            filled += 1
            if filled == 4 {
                output.append(UInt8(quad >> 16 & 0xFF))
                if padding < 2 { output.append(UInt8(quad >> 8 & 0xFF)) }
                if padding < 1 { output.append(UInt8(quad & 0xFF)) }
                quad = 0
                filled = 0
            }
        }
        // Padding only in the last quad, at most two.
        guard padding <= 2, padding == 0 || text.suffix(padding).allSatisfy({ $0 == UInt8(ascii: "=") }) else { return nil }
        return output
    }
}
