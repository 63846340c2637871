import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
///
/// For salts, session ids, API keys and C8QL's RANDOM_TOKEN/UUID: anything
/// an attacker must not predict. (`SystemRandomNumberGenerator` is also
/// secure on Linux; this keeps every secret on one audited source.)
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "random byte count out of range")
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        let ok = output.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        // RAND_bytes fails only when the DRBG cannot be seeded; handing out
        // predictable secrets instead is never acceptable.
        precondition(ok == 1, "OpenSSL RAND_bytes failed")
        return output
    }

    /// A uniformly distributed integer in `0..<upperBound`, without modulo
    /// bias (rejection sampling).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        precondition(upperBound > 0, "upper bound must be positive")
        let limit = UInt32.max - UInt32.max % upperBound
        while true {
            let b = bytes(4)
            let value = UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
            if value < limit { return value % upperBound }
        }
    }
}
