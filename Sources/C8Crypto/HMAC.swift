import COpenSSL

/// Keyed message authentication (RFC 2104).
///
/// The server signs session tokens (JWT HS256) and verifies API-key
/// requests with it; compare received MACs with ``ConstantTime/equals(_:_:)``.
public enum HMAC {
    /// HMAC-SHA-256: 32 bytes.
    public static func sha256(key: some Sequence<UInt8>, message: some Sequence<UInt8>) -> [UInt8] {
        let key = Array(key)
        let message = Array(message)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var written: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                output.withUnsafeMutableBufferPointer { target in
                    // The C function shares this type's name; qualify it.
                    COpenSSL.HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                                  messageBytes.baseAddress, messageBytes.count, target.baseAddress, &written)
                }
            }
        }
        // Fails only when OpenSSL cannot allocate; see Digest.
        precondition(result != nil && written == 32, "OpenSSL HMAC failed")
        return Array(output.prefix(32))
    }
}
