/// The non-cryptographic checksums of C8QL's CRC32() and FNV64().
enum Checksums {
    /// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the CRC that
    /// ArangoDB's `TRI_Crc32HashPointer` computes — not the zlib CRC-32.
    /// Its documented example `CRC32("foobar")` = `"D5F5C7F"` is CRC-32C.
    static func crc32c(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crc32cTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crc32cTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0x82F6_3B78 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// 64-bit FNV-1a, ArangoDB's `TRI_FnvHashPointer` (`FNV64("foobar")` =
    /// `"85944171F73967E8"`, the published FNV-1a test vector).
    static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Upper-case hex without leading zeros, as ArangoDB's
    /// `TRI_StringUInt32HexInPlace`/`…UInt64…` print CRC32 and FNV64.
    static func hexWithoutLeadingZeros(_ value: some FixedWidthInteger) -> String {
        String(value, radix: 16, uppercase: true)
    }
}
