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
    /// with `=` or cut short. Written into scratch room and copied in once,
    /// not appended a character at a time, nor into room made in `output`
    /// with `repeatElement`, which filled it a byte at a time (every
    /// delivered message's payload passes through here).
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, alphabet: [UInt8], padded: Bool, into output: inout [UInt8]) {
        let whole = bytes.count / 3
        let rest = bytes.count - whole * 3
        let length = whole * 4 + (rest == 0 ? 0 : padded ? 4 : rest + 1)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { all in
            alphabet.withUnsafeBufferPointer { alphabet in
                var out = 0
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
                if rest > 0 {
                    let word = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
                    put(word, 18)
                    put(word, 12)
                    if rest == 2 { put(word, 6) }
                    while out < length { all[out] = UInt8(ascii: "="); out += 1 }
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(all))
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
    ///
    /// Written into an array made at its final size, a quad at a time, with
    /// one validity check per message: an append per byte and a check per
    /// character cost ~3,000 instructions for a 100-byte payload, a fifth
    /// of what the server spent on a published frame.
    public static func decode(contiguous text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = text.count
        guard count % 4 == 0 else { return nil }
        guard count > 0 else { return [] }
        // Padding only in the last quad, at most two: a third `=`, or one
        // anywhere else, is outside the alphabet below.
        let padding = text[count - 1] != UInt8(ascii: "=") ? 0 : text[count - 2] != UInt8(ascii: "=") ? 1 : 2
        let quads = count / 4
        let length = quads * 3 - padding
        // Values outside the alphabet are 0xFF: or-ing them all keeps the high bit.
        var invalid: UInt8 = 0
        // Zeroed first rather than `init(unsafeUninitializedCapacity:)`,
        // whose unspecialised allocation looked the array's storage type
        // up at run time (~600 instructions a call).
        var output = [UInt8](repeating: 0, count: length)
        output.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { values in
                func value(_ index: Int) -> UInt8 { values[Int(text[index])] }
                let whole = padding == 0 ? quads : quads - 1
                var index = 0
                var at = 0
                for _ in 0..<whole {
                    let a = value(index), b = value(index + 1), c = value(index + 2), d = value(index + 3)
                    invalid |= a | b | c | d
                    let quad = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[at] = UInt8(truncatingIfNeeded: quad >> 16)
                    out[at + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                    out[at + 2] = UInt8(truncatingIfNeeded: quad)
                    index += 4
                    at += 3
                }
                if padding > 0 {
                    // The padded positions read as zero bits.
                    let a = value(index), b = value(index + 1), c = padding == 1 ? value(index + 2) : 0
                    invalid |= a | b | c
                    let quad = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                    out[at] = UInt8(truncatingIfNeeded: quad >> 16)
                    if padding == 1 { out[at + 1] = UInt8(truncatingIfNeeded: quad >> 8) }
                }
            }
        }
        return invalid & 0x80 == 0 ? output : nil
    }
}
