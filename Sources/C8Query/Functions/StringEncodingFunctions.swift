import C8Core
import C8Crypto

/// Digests, checksums, encodings, JSON text and random strings: functions
/// that turn a value's TO_STRING text into another text.
enum StringEncodingFunctions {
    static let definitions: [FunctionDefinition] = [
        text("MD5") { Hex.encode(Digest.md5($0.utf8)) },
        text("SHA1") { Hex.encode(Digest.sha1($0.utf8)) },
        text("SHA256") { Hex.encode(Digest.sha256($0.utf8)) },
        text("SHA512") { Hex.encode(Digest.sha512($0.utf8)) },
        text("CRC32") { Checksums.hexWithoutLeadingZeros(Checksums.crc32c($0.utf8)) },
        text("FNV64") { Checksums.hexWithoutLeadingZeros(Checksums.fnv1a64($0.utf8)) },
        text("TO_BASE64") { TextEncodings.base64(Array($0.utf8)) },
        text("TO_HEX") { TextEncodings.hex(Array($0.utf8)) },
        text("ENCODE_URI_COMPONENT") { TextEncodings.uriComponent($0) },
        text("SOUNDEX") { TextAlgorithms.soundex(Trimmer(characters: nil).trim($0.lowercased(), left: true, right: true)) },
        FunctionDefinition("LEVENSHTEIN_DISTANCE", 2...2, .string) { call in
            .integer(TextAlgorithms.levenshtein(call.string(0), call.string(1)))
        },
        FunctionDefinition("RANDOM_TOKEN", 1...1, .string, deterministic: false) { call throws(C8Error) in
            let length = call.integer(0)
            guard (0...65536).contains(length) else { throw call.invalidArgumentError() }
            return .string(randomToken(length: length))
        },
        FunctionDefinition("UUID", 0...0, .string, deterministic: false) { _ in .string(randomUUID()) },
        FunctionDefinition("JSON_STRINGIFY", 1...1, .string) { call in .string(call[0].jsonString()) },
        FunctionDefinition("JSON_PARSE", 1...1, .string) { call in
            // ArangoDB reports unparsable text as an argument type mismatch.
            guard case .string(let text) = call[0], let value = try? JSON.parse(text) else {
                return call.invalidArgument()
            }
            return value
        },
        FunctionDefinition("IPV4_TO_NUMBER", 1...1, .string) { call in
            guard case .string(let text) = call[0], let value = IPv4.parse(text) else { return call.invalidArgument() }
            return .int(Int64(value))
        },
        FunctionDefinition("IPV4_FROM_NUMBER", 1...1, .string) { call in
            guard call[0].doubleValue != nil, let value = UInt32(exactly: call.integer(0)) else {
                return call.invalidArgument()
            }
            return .string(IPv4.format(value))
        },
    ]

    /// A one-argument function from TO_STRING text to text.
    private static func text(_ name: String, _ transform: @escaping @Sendable (String) -> String) -> FunctionDefinition {
        FunctionDefinition(name, 1...1, .string) { call in .string(transform(call.string(0))) }
    }

    private static let tokenAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// RANDOM_TOKEN: letters and digits from the secure generator, since
    /// tokens are often used as secrets.
    static func randomToken(length: Int) -> String {
        String(decoding: (0..<length).map { _ in tokenAlphabet[Int(SecureRandom.uniform(UInt32(tokenAlphabet.count)))] },
               as: UTF8.self)
    }

    /// A version 4 (random) UUID in lower-case 8-4-4-4-12 form.
    static func randomUUID() -> String {
        var bytes = SecureRandom.bytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Hex.encode(bytes)
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-"
            + String(h[20..<32])
    }
}
