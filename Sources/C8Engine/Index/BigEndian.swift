/// Fixed-width big-endian integers in keys and values: byte order then
/// matches numeric order.
enum BigEndian {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var big = value.bigEndian
        withUnsafeBytes(of: &big) { bytes.append(contentsOf: $0) }
    }

    /// The UInt64 in the 8 bytes starting at `offset`.
    static func uint64(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[offset..<offset + 8] { value = value << 8 | UInt64(byte) }
        return value
    }
}
