import COpenSSL

/// One-shot message digests through OpenSSL's EVP interface.
///
/// C8QL's MD5/SHA1/SHA256/SHA512 functions, API-key fingerprints and JWT
/// signing all need the same four algorithms; EVP picks the fastest
/// implementation the CPU offers (SHA extensions, NEON), which a Swift port
/// would not.
public enum Digest {
    /// MD5 (RFC 1321): 16 bytes. Only for compatibility (C8QL's MD5()); it is
    /// broken as a cryptographic hash.
    public static func md5(_ bytes: some Sequence<UInt8>) -> [UInt8] { digest(bytes, EVP_md5(), length: 16) }

    /// SHA-1 (FIPS 180-4): 20 bytes. Compatibility only, like MD5.
    public static func sha1(_ bytes: some Sequence<UInt8>) -> [UInt8] { digest(bytes, EVP_sha1(), length: 20) }

    /// SHA-256 (FIPS 180-4): 32 bytes.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> [UInt8] { digest(bytes, EVP_sha256(), length: 32) }

    /// SHA-512 (FIPS 180-4): 64 bytes.
    public static func sha512(_ bytes: some Sequence<UInt8>) -> [UInt8] { digest(bytes, EVP_sha512(), length: 64) }

    private static func digest(_ bytes: some Sequence<UInt8>, _ algorithm: OpaquePointer?, length: Int) -> [UInt8] {
        let input = Array(bytes)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var written: UInt32 = 0
        let ok = input.withUnsafeBytes { source in
            output.withUnsafeMutableBufferPointer { target in
                EVP_Digest(source.baseAddress, source.count, target.baseAddress, &written, algorithm, nil)
            }
        }
        // EVP_Digest only fails when the library cannot allocate or the
        // algorithm is disabled (FIPS mode without MD5); neither is a
        // condition a caller could handle, and returning a wrong digest
        // would be worse than stopping.
        precondition(ok == 1 && Int(written) == length, "OpenSSL EVP_Digest failed")
        return Array(output.prefix(length))
    }
}
