import COpenSSL

/// Password-based key derivation (RFC 8018, PBKDF2).
///
/// User passwords are stored as PBKDF2-HMAC-SHA-256 hashes with a random
/// salt; the iteration count is the knob that makes guessing expensive.
public enum PBKDF2 {
    /// PBKDF2 with HMAC-SHA-256, producing `length` bytes.
    /// - Precondition: `iterations` ≥ 1 and `length` ≥ 1.
    public static func sha256(
        password: some Sequence<UInt8>, salt: some Sequence<UInt8>, iterations: Int, length: Int
    ) -> [UInt8] {
        precondition(iterations >= 1 && iterations <= Int(Int32.max), "PBKDF2 iterations out of range")
        precondition(length >= 1 && length <= Int(Int32.max), "PBKDF2 length out of range")
        let password = Array(password)
        let salt = Array(salt)
        var output = [UInt8](repeating: 0, count: length)
        let ok = password.withUnsafeBufferPointer { passwordBytes in
            salt.withUnsafeBufferPointer { saltBytes in
                output.withUnsafeMutableBufferPointer { target in
                    passwordBytes.withMemoryRebound(to: CChar.self) { passwordChars in
                        PKCS5_PBKDF2_HMAC(passwordChars.baseAddress, Int32(passwordChars.count),
                                          saltBytes.baseAddress, Int32(saltBytes.count), Int32(iterations),
                                          EVP_sha256(), Int32(length), target.baseAddress)
                    }
                }
            }
        }
        precondition(ok == 1, "OpenSSL PKCS5_PBKDF2_HMAC failed")
        return output
    }
}
