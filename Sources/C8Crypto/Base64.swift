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
        bytes.withUnsafeBufferPointer { encode(contiguous: $0, into: &output) }
    }

    /// ``encode(_:into:)`` from bytes in memory (no array needed).
    public static func encode(contiguous bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        encode(bytes, alphabet: alphabet, padded: true, into: &output)
    }

    /// Four characters of `alphabet` per three bytes; the last group padded
    /// with `=` or cut short. Written in place into room made up front, not
    /// appended a character at a time (every delivered message's payload
    /// passes through here).
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, alphabet: [UInt8], padded: Bool, into output: inout [UInt8]) {
        let whole = bytes.count / 3
        let rest = bytes.count - whole * 3
        let length = whole * 4 + (rest == 0 ? 0 : padded ? 4 : rest + 1)
        let start = output.count
        output.append(contentsOf: repeatElement(UInt8(ascii: "="), count: length))
        output.withUnsafeMutableBufferPointer { all in
            alphabet.withUnsafeBufferPointer { alphabet in
                var out = start
                func put(_ word: UInt32, _ shift: UInt32) {
                    all[out] = alphabet[Int(word >> shift & 63)]
                    out += 1
                }
                var index = 0
                for _ in 0..<whole {
                    let word = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                    put(word, 18)
                    put(word, 12)
                    put(word, 6)
                    put(word, 0)
                    index += 3
                }
                guard rest > 0 else { return }
                // The padding `=` are in place already.
                let word = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
                put(word, 18)
                put(word, 12)
                if rest == 2 { put(word, 6) }
            }
        }
    }

    /// Decodes padded base64; nil for anything else (a length that is not a
    /// multiple of 4, a byte outside the alphabet, padding anywhere but at
    /// the end) — what Foundation's `Data(base64Encoded:)` refuses, and also
    /// the misplaced padding (`ab=c`) swift-corelibs-foundation lets through.
    ///
    /// Inlinable, and only a front for the contiguous-bytes version: called
    /// from another module, an unspecialised generic loop paid a metadata
    /// lookup per byte (every published frame's payload: publish throughput
    /// fell to a third).
    @inlinable
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        if let decoded = text.withContiguousStorageIfAvailable({ decode(contiguous: $0) }) { return decoded }
        return Array(text).withUnsafeBufferPointer { decode(contiguous: $0) }
    }

    /// ``decode(_:)`` over bytes in memory.
    public static func decode(contiguous text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = text.count
        guard count % 4 == 0 else { return nil }
        // Padding only in the last quad, at most two.
        var padding = 0
        while padding < 2, padding < count, text[count - 1 - padding] == UInt8(ascii: "=") { padding += 1 }
        var output = [UInt8]()
        output.reserveCapacity(count / 4 * 3)
        return values.withUnsafeBufferPointer { values -> [UInt8]? in
            var index = 0
            while index < count {
                // The quad's padded positions read as zero bits.
                let last = index + 4 == count
                var quad: UInt32 = 0
                for offset in 0..<4 {
                    let byte = text[index + offset]
                    if last, offset >= 4 - padding {
                        quad <<= 6
                        continue
                    }
                    let value = values[Int(byte)]
                    guard value != 0xFF else { return nil }
                    quad = quad << 6 | UInt32(value)
                }
                output.append(UInt8(quad >> 16 & 0xFF))
                if !last || padding < 2 { output.append(UInt8(quad >> 8 & 0xFF)) }
                if !last || padding < 1 { output.append(UInt8(quad & 0xFF)) }
                index += 4
            }
            return output
        }
    }
}
